import type { Transaction } from 'kysely'
import { addDays, daysBetween, localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { type CommissionTerms, placementRate } from '../../core/placements/commission-terms.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { lockAccounts } from '../../store/lock-accounts.ts'
import {
  activePlacementOf,
  insertPlacement,
  partnerByCode,
  placeableAccount,
} from '../../store/placements/placement.repository.ts'
import { insertCommissions } from '../../store/placements/remittance.repository.ts'
import { saleHoldsAmong } from '../../store/sales/sale.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { Tenant } from '../../store/tenant.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountInScope } from '../client-scope.ts'
import { type PlacementView, placementView } from './placement-view.ts'

/** How long a placement runs when no expected return date is given. */
export const DEFAULT_PLACEMENT_DAYS = 180

export interface PlaceAccountInput {
  /** The account's external id. */
  readonly account: string
  /** The partner's code. */
  readonly partner: string
  /** Default: today in the tenant's zone. */
  readonly placedOn?: string
  /** Default: `placedOn` + 180 days. */
  readonly expectedReturnOn?: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Places an account with a partner by hand: one partner at a time (`account_already_placed`, 409,
 * decided by the database's unique index, so racing placers place it once); only an open account;
 * its commission tier is fixed now from its age (days since charge-off, else since due) and balance.
 * While placed, Recoup's own outreach holds off the account (docs/placements.md).
 */
export async function placeAccount(ctx: AppContext, input: PlaceAccountInput): Promise<PlacementView> {
  authorize(ctx.actor, 'placements.manage')
  const tenant = ctx.actor.tenant
  const placedOn = input.placedOn ?? localDateAt(new Date(), tenant.time_zone)
  if (!DATE.test(placedOn))
    throw new AppError('invalid_date', 'placedOn: a date YYYY-MM-DD', { field: 'placedOn' })
  const expectedReturnOn = input.expectedReturnOn ?? addDays(placedOn, DEFAULT_PLACEMENT_DAYS)
  if (!DATE.test(expectedReturnOn) || expectedReturnOn <= placedOn)
    throw new AppError('invalid_date', 'expectedReturnOn: a date YYYY-MM-DD after placedOn', {
      field: 'expectedReturnOn',
    })
  return inTransaction(ctx, async (trx) => {
    await requireAccountInScope(ctx, trx, input.account)
    const placed = await placeInTransaction(trx, tenant, {
      account: input.account,
      partner: input.partner,
      placedOn,
      expectedReturnOn,
      outboxId: null,
      by: actorLabel(ctx.actor),
    })
    const row = await activePlacementOf(trx, tenant.id, placed.accountId)
    if (!row) throw new Error(`placement ${placed.placementId} vanished in its own transaction`)
    return placementView(row)
  })
}

/**
 * The one placing step, inside the caller's transaction (by hand, or the placement step carrying out
 * an approved playbook action): checks, the insert the unique index decides, the journal event
 * `placement.created` (its webhook of the same name follows from the journal).
 */
export async function placeInTransaction(
  trx: Transaction<Database>,
  tenant: Tenant,
  p: {
    account: string
    partner: string
    placedOn: string
    expectedReturnOn: string
    outboxId: number | null
    by: string
  },
): Promise<{ placementId: number; accountId: number }> {
  const partner = await partnerByCode(trx, tenant.id, p.partner)
  if (!partner)
    throw new AppError('partner_not_found', `no partner with code "${p.partner}" in this tenant`, {
      field: 'partner',
    })
  const found = await placeableAccount(trx, tenant.id, p.account)
  if (!found)
    throw new AppError('account_not_found', `no account with external id "${p.account}" in this tenant`)
  await lockAccounts(trx, tenant.id, [found.id])
  // Read again under the lock: the balance and status are those of the placement's moment.
  const account = (await placeableAccount(trx, tenant.id, p.account)) ?? found
  if (account.status !== 'open')
    throw new AppError('placement_not_allowed', `account ${account.externalId} is ${account.status}`)
  const sale = (await saleHoldsAmong(trx, tenant.id, [account.id])).get(account.id)
  if (sale) throw new AppError('placement_not_allowed', `account ${account.externalId} ${sale}`)
  const ageDays = Math.max(0, daysBetween(account.chargeOffOn ?? account.dueOn, p.placedOn))
  const terms = JSON.parse(partner.terms) as CommissionTerms
  const rate = placementRate(terms, {
    ageDays,
    balanceMinor: account.balanceMinor,
    currency: account.currency,
  })
  if (!rate.ok) throw new AppError('placement_not_allowed', `account ${account.externalId}: ${rate.reason}`)
  const placementId = await insertPlacement(trx, {
    tenantId: tenant.id,
    accountId: account.id,
    partnerId: partner.id,
    placedOn: p.placedOn,
    expectedReturnOn: p.expectedReturnOn,
    commissionPercent: rate.rate.percent,
    fixedFeeMinor: rate.rate.fixedFeeMinor,
    balanceMinor: account.balanceMinor,
    currency: account.currency,
    outboxId: p.outboxId,
    placedBy: p.by,
  })
  if (placementId === undefined) {
    const active = await activePlacementOf(trx, tenant.id, account.id)
    throw new AppError(
      'account_already_placed',
      `account ${account.externalId} is already placed` +
        (active ? ` with ${active.partner} since ${active.placedOn}` : ' (by this outbox row)'),
      { account: account.externalId, ...(active ? { partner: active.partner } : {}) },
    )
  }
  // Without "no success, no fee" the fixed fee is owed from placement: charged now, recorded once.
  if (rate.rate.fixedFeeMinor > 0 && !terms.noSuccessNoFee)
    await insertCommissions(trx, [
      {
        tenantId: tenant.id,
        placementId,
        kind: 'fixed_fee',
        amountMinor: rate.rate.fixedFeeMinor,
        currency: account.currency,
        chargedOn: p.placedOn,
        remittanceLineId: null,
      },
    ])
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'placement.created',
    actor: p.by,
    subject: `account:${account.id}`,
    payload: {
      placementId,
      accountId: account.id,
      partner: partner.code,
      placedOn: p.placedOn,
      expectedReturnOn: p.expectedReturnOn,
      commissionPercent: rate.rate.percent,
      fixedFeeMinor: rate.rate.fixedFeeMinor,
      balanceMinor: account.balanceMinor,
      currency: account.currency,
      outboxId: p.outboxId,
    },
  })
  return { placementId, accountId: account.id }
}
