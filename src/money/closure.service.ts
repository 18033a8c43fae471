import type { Transaction } from 'kysely'
import { requireLocalDate } from '../core/calendar/instant.ts'
import { AppError } from '../core/errors/index.ts'
import { formatAmount } from '../core/money/money.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import {
  closeAccountRow,
  loadMoneyAccount,
  loadOpenAccount,
} from '../store/money/money-account.repository.ts'
import { cancelPendingActions } from '../store/money/outbox-cancel.repository.ts'
import { postDebtReduction, setChargeOffDay } from '../store/money/write-off.repository.ts'
import type { AccountStatus, Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { eventAt } from './money-policy.ts'
import type { Touched, WithTouched } from './touched-account.ts'

/** How an account ends: its closing status, the day and why. */
export interface AccountClosure {
  status: Exclude<AccountStatus, 'open'>
  on: string
  reason: string
  actor: string
}

/**
 * Closes an open account and cancels ALL its pending outbox actions with the same reason, at once, in
 * the caller's transaction; journals `account.closed`. The row stays (closed accounts remain
 * queryable: status, closed_on, close_reason). Returns whether it closed and how many actions went.
 */
export async function closeAccountIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  accountId: number,
  closure: AccountClosure,
): Promise<{ closed: boolean; cancelledActions: number }> {
  const closed = await closeAccountRow(trx, tenant.id, accountId, closure)
  if (!closed) return { closed: false, cancelledActions: 0 }
  const cancelledActions = await cancelPendingActions(trx, tenant.id, [accountId], 'all', closure.reason)
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'account.closed',
    actor: closure.actor,
    subject: `account:${accountId}`,
    payload: { status: closure.status, on: closure.on, reason: closure.reason, cancelledActions },
  })
  return { closed, cancelledActions }
}

/** A write-off request: `amountMinor` omitted writes off everything outstanding. */
export interface WriteOffInput {
  accountId: number
  amountMinor?: number
  reason: string
  on: string
  actor: string
}

/**
 * Writes off part or all of an account's debt with a reason (negative `write_off` ledger entries, per
 * component). A full write-off (or one that leaves nothing owed) closes the account as `written_off`
 * and cancels its pending actions; a partial one returns the account to re-decide on the lower balance.
 */
export async function writeOffAccountIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: WriteOffInput,
): Promise<
  WithTouched<{
    accountId: number
    writtenOffMinor: number
    full: boolean
    closed: boolean
    cancelledActions: number
  }>
> {
  checkReasonAndDay(input.reason, input.on)
  const account = await loadOpenAccount(trx, tenant.id, input.accountId)
  if (account.balanceMinor <= 0)
    throw new AppError('nothing_owed', `account ${account.externalId} owes nothing`)
  const amount = input.amountMinor
  if (amount !== undefined && (!Number.isSafeInteger(amount) || amount <= 0)) {
    throw new AppError('invalid_amount', 'a write-off amount must be positive')
  }
  if (amount !== undefined && amount > account.balanceMinor) {
    const money = (minor: number) => `${formatAmount(minor, account.currency)} ${account.currency}`
    throw new AppError(
      'write_off_exceeds_balance',
      `cannot write off ${money(amount)}: account ${account.externalId} owes ${money(account.balanceMinor)}`,
    )
  }
  const written = await postDebtReduction(trx, tenant.id, account.id, {
    kind: 'write_off',
    amountMinor: amount ?? 'all',
    effectiveOn: input.on,
    key: `write_off:${input.on}:${account.balanceMinor}`,
    memo: input.reason,
  })
  const full = written.totalMinor >= account.balanceMinor
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'account.written_off',
    actor: input.actor,
    covers: [{ table: 'ledger_entries', ids: written.ids }],
    subject: `account:${account.id}`,
    payload: {
      amountMinor: written.totalMinor,
      lines: written.lines,
      full,
      reason: input.reason,
      on: input.on,
    },
  })
  const result = { accountId: account.id, writtenOffMinor: written.totalMinor, full }
  if (!full) {
    const key = `write_off:${input.on}:${account.balanceMinor}`
    const touched: Touched[] = [{ accountId: account.id, event: { key, at: eventAt(input.on) } }]
    return { ...result, closed: false, cancelledActions: 0, touched }
  }
  const closure = await closeAccountIn(trx, tenant, account.id, {
    status: 'written_off',
    on: input.on,
    reason: `written off: ${input.reason}`,
    actor: input.actor,
  })
  return { ...result, ...closure, touched: [] }
}

/**
 * Records the charge-off day (the creditor took the debt off its books as a loss): accounting, not
 * collection, so the account stays open and the engine keeps deciding it. Journaled.
 */
export async function chargeOffAccountIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: { accountId: number; on: string; actor: string },
): Promise<{ accountId: number; chargeOffOn: string }> {
  requireLocalDate(input.on, 'on')
  const account = await loadMoneyAccount(trx, tenant.id, input.accountId)
  await setChargeOffDay(trx, tenant.id, account.id, input.on)
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'account.charged_off',
    actor: input.actor,
    subject: `account:${account.id}`,
    payload: { on: input.on, balanceMinor: account.balanceMinor },
  })
  return { accountId: account.id, chargeOffOn: input.on }
}

/** Every closing step needs a reason a person wrote and a real day. */
export function checkReasonAndDay(reason: string, on: string): void {
  if (!reason.trim()) throw new AppError('invalid_reason', 'a reason is required')
  requireLocalDate(on, 'on')
}
