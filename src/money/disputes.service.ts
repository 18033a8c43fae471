import type { Transaction } from 'kysely'
import { localDateAt } from '../core/calendar/local-date.ts'
import { AppError } from '../core/errors/index.ts'
import { formatAmount } from '../core/money/money.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import { findDispute, insertDispute, updateOpenDispute } from '../store/money/dispute.repository.ts'
import { loadMoneyAccount, loadOpenAccount } from '../store/money/money-account.repository.ts'
import { cancelPendingActions } from '../store/money/outbox-cancel.repository.ts'
import { postDebtReduction } from '../store/money/write-off.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { closeAccountIn } from './closure.service.ts'
import type { WithTouched } from './touched-account.ts'

/** A dispute as the debtor raised it. */
export interface OpenDisputeInput {
  accountId: number
  /** How it arrived: letter, email, phone, portal... */
  channel: string
  /** Written disputes carry the FDCPA 1692g(b) verification duty; oral ones do not. */
  written: boolean
  /** The disputed amount; omitted: the whole debt. */
  amountMinor?: number
  reason: string
  documents?: readonly unknown[]
  /** When it was received (ISO instant; default now). */
  receivedAt?: string
  actor: string
}

const at = (instant: string | undefined) => instant ?? new Date().toISOString()

function checkInstant(field: string, instant: string): void {
  if (Number.isNaN(Date.parse(instant)))
    throw new AppError('invalid_date', `${field} "${instant}" is not a date-time`)
}

/**
 * Opens a dispute on an open account and journals it in the caller's transaction; returns the account
 * to re-decide: the playbooks move it to their `disputed` stage and the compliance dispute-pause family
 * blocks collecting the disputed amount until it is verified.
 */
export async function openDisputeIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: OpenDisputeInput,
): Promise<WithTouched<{ disputeId: number; accountId: number }>> {
  if (!input.reason.trim())
    throw new AppError('invalid_dispute', 'a dispute needs the reason the debtor gave')
  if (!input.channel.trim())
    throw new AppError('invalid_dispute', 'a dispute needs the channel it came through')
  const account = await loadOpenAccount(trx, tenant.id, input.accountId)
  const amount = input.amountMinor
  if (
    amount !== undefined &&
    (!Number.isSafeInteger(amount) || amount <= 0 || amount > account.balanceMinor)
  ) {
    const money = (minor: number) => `${formatAmount(minor, account.currency)} ${account.currency}`
    throw new AppError(
      'invalid_amount',
      `the disputed amount ${Number.isSafeInteger(amount) ? money(amount) : String(amount)} must be more than ` +
        `zero and at most the balance ${money(account.balanceMinor)} of account ${account.externalId}`,
    )
  }
  const receivedAt = at(input.receivedAt)
  checkInstant('receivedAt', receivedAt)
  const disputeId = await insertDispute(trx, {
    tenantId: tenant.id,
    accountId: account.id,
    receivedAt,
    channel: input.channel,
    written: input.written,
    amountMinor: amount ?? null,
    reason: input.reason,
    documents: input.documents ?? [],
  })
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'dispute.opened',
    actor: input.actor,
    subject: `account:${account.id}`,
    payload: {
      disputeId,
      channel: input.channel,
      written: input.written,
      amountMinor: amount ?? null,
      reason: input.reason,
      documents: input.documents ?? [],
    },
  })
  // Collection of the disputed debt stops now (12 CFR 1006.38(d)(2)): whatever was scheduled before the
  // dispute goes, whichever stage it came from; the re-decision then schedules only what is allowed.
  await cancelPendingActions(
    trx,
    tenant.id,
    [account.id],
    'all',
    `dispute ${disputeId} received: collection paused`,
  )
  const event = { key: `dispute:${disputeId}`, at: receivedAt }
  return { disputeId, accountId: account.id, touched: [{ accountId: account.id, event }] }
}

/** Records that verification of the debt was sent to the debtor (journaled; the dispute stays open). */
export async function recordVerificationSentIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: { disputeId: number; sentAt?: string; actor: string },
): Promise<WithTouched<{ disputeId: number; sentAt: string }>> {
  const dispute = await findDispute(trx, tenant.id, input.disputeId)
  const sentAt = at(input.sentAt)
  checkInstant('sentAt', sentAt)
  if (!(await updateOpenDispute(trx, dispute.id, { verification_sent_at: sentAt }))) {
    throw new AppError('dispute_resolved', `dispute ${dispute.id} is already resolved`)
  }
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'dispute.verification_sent',
    actor: input.actor,
    subject: `account:${dispute.account_id}`,
    payload: { disputeId: dispute.id, sentAt },
  })
  const event = { key: `dispute.verified:${dispute.id}`, at: sentAt }
  return { disputeId: dispute.id, sentAt, touched: [{ accountId: dispute.account_id, event }] }
}

/**
 * Resolves a dispute. For the debtor: the disputed amount (the whole balance for a whole-debt dispute)
 * is credited with negative `adjustment` entries, and an account left owing nothing closes. For the
 * creditor: the debt stands. Either way journaled in the caller's transaction, and the account returned
 * to re-decide (the playbooks leave their disputed stage).
 */
export async function resolveDisputeIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: { disputeId: number; for: 'debtor' | 'creditor'; resolvedAt?: string; actor: string },
): Promise<
  WithTouched<{
    disputeId: number
    accountId: number
    for: 'debtor' | 'creditor'
    creditedMinor: number
    closed: boolean
  }>
> {
  if (input.for !== 'debtor' && input.for !== 'creditor') {
    throw new AppError(
      'invalid_resolution',
      `a dispute is resolved for the debtor or the creditor, not "${input.for}"`,
    )
  }
  const dispute = await findDispute(trx, tenant.id, input.disputeId)
  const resolvedAt = at(input.resolvedAt)
  checkInstant('resolvedAt', resolvedAt)
  if (!(await updateOpenDispute(trx, dispute.id, { resolved_at: resolvedAt, resolution: input.for }))) {
    throw new AppError('dispute_resolved', `dispute ${dispute.id} is already resolved`)
  }
  const day = localDateAt(new Date(resolvedAt), tenant.time_zone)
  let creditedMinor = 0
  let closed = false
  let creditIds: number[] = []
  if (input.for === 'debtor') {
    const account = await loadMoneyAccount(trx, tenant.id, dispute.account_id)
    const reason = `dispute ${dispute.id} resolved for the debtor`
    const credit = await postDebtReduction(trx, tenant.id, account.id, {
      kind: 'adjustment',
      amountMinor: dispute.amount_minor === null ? 'all' : Number(dispute.amount_minor),
      effectiveOn: day,
      key: `dispute:${dispute.id}`,
      memo: reason,
    })
    creditedMinor = credit.totalMinor
    creditIds = credit.ids
    if (account.balanceMinor - creditedMinor <= 0) {
      closed = (
        await closeAccountIn(trx, tenant, account.id, {
          status: 'closed',
          on: day,
          reason,
          actor: input.actor,
        })
      ).closed
    }
  }
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'dispute.resolved',
    actor: input.actor,
    covers: [{ table: 'ledger_entries', ids: creditIds }],
    subject: `account:${dispute.account_id}`,
    payload: { disputeId: dispute.id, for: input.for, creditedMinor, closed },
  })
  const event = { key: `dispute.resolved:${dispute.id}`, at: resolvedAt }
  return {
    disputeId: dispute.id,
    accountId: dispute.account_id,
    for: input.for,
    creditedMinor,
    closed,
    touched: [{ accountId: dispute.account_id, event }],
  }
}
