import type { Transaction } from 'kysely'
import { AppError } from '../core/errors/index.ts'
import { formatAmount } from '../core/money/money.ts'
import { checkSettlementOffer, settleOnPayment } from '../core/settlements/settlement.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import {
  loadMoneyAccount,
  loadOpenAccount,
  postedPaymentsOf,
} from '../store/money/money-account.repository.ts'
import {
  closeSettlement,
  insertSettlement,
  offeredSettlements,
} from '../store/money/settlement.repository.ts'
import { postDebtReduction } from '../store/money/write-off.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { closeAccountIn } from './closure.service.ts'
import { eventAt, moneyPolicyFor } from './money-policy.ts'
import type { WithTouched } from './touched-account.ts'

/** A settlement offer: accept `offerMinor` for the whole debt if paid by `expiresOn` (inclusive). */
export interface OfferSettlementInput {
  accountId: number
  offerMinor: number
  expiresOn: string
  createdOn: string
  actor: string
}

/**
 * Offers a settlement within the tenant's bounds (discount and validity; violations refuse it with the
 * list), one live offer per account, journaled in the caller's transaction; returns the account to
 * re-decide.
 */
export async function offerSettlementIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: OfferSettlementInput,
): Promise<WithTouched<{ settlementId: number; accountId: number; discountMinor: number }>> {
  const account = await loadOpenAccount(trx, tenant.id, input.accountId)
  const live = await offeredSettlements(trx, tenant.id, [account.id])
  const money = (minor: number) => `${formatAmount(minor, account.currency)} ${account.currency}`
  const open = live[0]
  if (open) {
    throw new AppError(
      'settlement_already_offered',
      `account ${account.externalId} already has a settlement offer of ${money(Number(open.offer_minor))} ` +
        `open until ${open.expires_on}`,
    )
  }
  const policy = moneyPolicyFor(tenant).settlement
  const check = checkSettlementOffer({
    ...input,
    balanceMinor: account.balanceMinor,
    policy,
    currency: account.currency,
  })
  if (!check.ok) {
    const list = check.violations.map((v) => v.message).join('; ')
    throw new AppError('settlement_outside_policy', `the offer is outside policy: ${list}`, {
      violations: check.violations,
    })
  }
  const settlementId = await insertSettlement(trx, {
    tenantId: tenant.id,
    ...input,
    accountId: account.id,
    approvedBy: null,
  })
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'settlement.offered',
    actor: input.actor,
    subject: `account:${account.id}`,
    payload: {
      settlementId,
      offerMinor: input.offerMinor,
      balanceMinor: account.balanceMinor,
      expiresOn: input.expiresOn,
    },
  })
  const event = { key: `settlement:${settlementId}`, at: eventAt(input.createdOn) }
  return {
    settlementId,
    accountId: account.id,
    discountMinor: check.discountMinor,
    touched: [{ accountId: account.id, event }],
  }
}

/**
 * After payments posted up to `paidOn`: each live offer on these accounts whose counted payments (posted
 * since the offer, not after `paidOn`) reach it is settled when they reached it on or before the expiry:
 * the rest is written off (`write_off` entries, the reason in the memo), the offer marked paid and the
 * account closed as `settled` with its pending actions cancelled. Reached after the expiry: the offer
 * lapses. Called by payment posting in its transaction, before it reads balances.
 */
export async function applySettlementsAfterPayment(
  trx: Transaction<Database>,
  tenant: Tenant,
  accountIds: readonly number[],
  paidOn: string,
): Promise<{ settled: number[]; lapsed: number[] }> {
  const result = { settled: [] as number[], lapsed: [] as number[] }
  const offers = await offeredSettlements(trx, tenant.id, accountIds)
  if (offers.length === 0) return result
  const since = offers.reduce((min, o) => (o.created_on < min ? o.created_on : min), paidOn)
  const payments = await postedPaymentsOf(
    trx,
    tenant.id,
    [...new Set(offers.map((o) => o.account_id))],
    since,
  )
  for (const offer of offers) {
    const offerMinor = Number(offer.offer_minor)
    let paidMinor = 0
    let reachedOn: string | null = null
    for (const p of payments.get(offer.account_id) ?? []) {
      // Only payments recorded after the offer: one received the same day before it is in the discounted balance.
      if (p.id <= Number(offer.after_payment_id) || p.on < offer.created_on || p.on > paidOn) continue
      paidMinor += p.amountMinor
      if (reachedOn === null && paidMinor >= offerMinor) reachedOn = p.on
    }
    if (reachedOn === null) continue
    const account = await loadMoneyAccount(trx, tenant.id, offer.account_id)
    if (account.status !== 'open') continue
    // The ledger already holds these payments: the balance the offer settles is what is left plus them.
    const outcome = settleOnPayment({
      offerMinor,
      paidMinor,
      balanceMinor: Math.max(account.balanceMinor + paidMinor, 0),
      expiresOn: offer.expires_on,
      paidOn: reachedOn,
    })
    if (!outcome.accepted) {
      if (outcome.expired && (await closeSettlement(trx, offer.id, { status: 'expired' }))) {
        result.lapsed.push(offer.id)
        await journalSettlement(trx, tenant, offer.account_id, 'settlement.expired', {
          settlementId: offer.id,
          reachedOn,
        })
      }
      continue
    }
    const money = (minor: number) => `${formatAmount(minor, account.currency)} ${account.currency}`
    const reason = `settlement ${offer.id} paid: ${money(paidMinor)} of ${money(offerMinor)} offered by ${offer.expires_on}`
    const written = await postDebtReduction(trx, tenant.id, account.id, {
      kind: 'write_off',
      amountMinor: Math.min(outcome.writeOffMinor, Math.max(account.balanceMinor, 0)),
      effectiveOn: reachedOn,
      key: `settlement:${offer.id}`,
      memo: reason,
    })
    await closeSettlement(trx, offer.id, {
      status: 'paid',
      settledOn: reachedOn,
      writeOffMinor: written.totalMinor,
    })
    await journalSettlement(
      trx,
      tenant,
      account.id,
      'settlement.paid',
      {
        settlementId: offer.id,
        paidMinor,
        writeOffMinor: written.totalMinor,
        settledOn: reachedOn,
      },
      written.ids,
    )
    await closeAccountIn(trx, tenant, account.id, {
      status: 'settled',
      on: reachedOn,
      reason,
      actor: 'system:money',
    })
    result.settled.push(offer.id)
  }
  return result
}

/** Marks live offers whose expiry day has passed by `asOf` as expired (journaled); the full balance stands. */
export async function expireSettlementsAsOf(
  trx: Transaction<Database>,
  tenant: Tenant,
  asOf: string,
): Promise<number[]> {
  const expired: number[] = []
  for (const offer of await offeredSettlements(trx, tenant.id)) {
    if (offer.expires_on >= asOf || !(await closeSettlement(trx, offer.id, { status: 'expired' }))) continue
    expired.push(offer.id)
    await journalSettlement(trx, tenant, offer.account_id, 'settlement.expired', {
      settlementId: offer.id,
      asOf,
    })
  }
  return expired
}

async function journalSettlement(
  trx: Transaction<Database>,
  tenant: Tenant,
  accountId: number,
  type: string,
  payload: Record<string, unknown>,
  ledgerEntryIds: readonly number[] = [],
) {
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type,
    actor: 'system:money',
    subject: `account:${accountId}`,
    payload,
    ...(ledgerEntryIds.length > 0
      ? { covers: [{ table: 'ledger_entries' as const, ids: ledgerEntryIds }] }
      : {}),
  })
}
