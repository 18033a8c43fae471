import type { Transaction } from 'kysely'
import { requireLocalDate } from '../core/calendar/instant.ts'
import { AppError } from '../core/errors/index.ts'
import { evaluatePromise } from '../core/promises/promise-status.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import { loadOpenAccount, postedPaymentsOf } from '../store/money/money-account.repository.ts'
import { insertPromise, openPromises, setPromiseState } from '../store/money/promise.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { eventAt, moneyPolicyFor } from './money-policy.ts'
import type { Touched, WithTouched } from './touched-account.ts'

/** A promise to pay as the collector took it. */
export interface RecordPromiseInput {
  accountId: number
  amountMinor: number
  dueOn: string
  /** How it was given: phone, email, portal, letter... */
  channel: string
  /** Who took it (a user, or "portal"). */
  takenBy: string
  /** The day it was taken (creditor's zone); payments count from it. */
  takenOn: string
  actor: string
}

/**
 * Records a promise to pay on an open account and journals it in the caller's transaction; returns the
 * account to re-decide (the playbooks wait in their promise stage while it is open).
 */
export async function recordPromiseIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: RecordPromiseInput,
): Promise<WithTouched<{ promiseId: number; accountId: number }>> {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) {
    throw new AppError('invalid_amount', 'a promise amount must be positive')
  }
  for (const [field, day] of [
    ['dueOn', input.dueOn],
    ['takenOn', input.takenOn],
  ] as const) {
    requireLocalDate(day, field)
  }
  if (input.dueOn < input.takenOn) {
    throw new AppError(
      'invalid_promise',
      `the promise is due (${input.dueOn}) before it was taken (${input.takenOn})`,
    )
  }
  if (!input.channel.trim())
    throw new AppError('invalid_promise', 'a promise needs the channel it came through')
  if (!input.takenBy.trim()) throw new AppError('invalid_promise', 'a promise needs who took it')
  const account = await loadOpenAccount(trx, tenant.id, input.accountId)
  const promiseId = await insertPromise(trx, { tenantId: tenant.id, ...input, accountId: account.id })
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'promise.recorded',
    actor: input.actor,
    subject: `account:${account.id}`,
    payload: {
      promiseId,
      amountMinor: input.amountMinor,
      currency: account.currency,
      dueOn: input.dueOn,
      channel: input.channel,
      takenBy: input.takenBy,
      takenOn: input.takenOn,
    },
  })
  const event = { key: `promise:${promiseId}`, at: eventAt(input.takenOn) }
  return { promiseId, accountId: account.id, touched: [{ accountId: account.id, event }] }
}

/**
 * Evaluates every open promise of the tenant on `asOf` from posted payments: kept, partially kept or
 * broken once its grace has passed (each journaled). Broken and partially kept promises return the
 * account to re-decide at once with event `promise.broken:<id>`: the engine treats a partly kept
 * promise as broken.
 */
export async function evaluatePromisesAsOf(
  trx: Transaction<Database>,
  tenant: Tenant,
  asOf: string,
  actor = 'system:money',
): Promise<{ kept: number[]; partially_kept: number[]; broken: number[]; touched: Touched[] }> {
  const policy = moneyPolicyFor(tenant)
  const promises = await openPromises(trx, tenant.id)
  const takenOn = (p: (typeof promises)[number]) => p.taken_on ?? p.created_at
  const since = promises.reduce(
    (min, p) => (takenOn(p).slice(0, 10) < min ? takenOn(p).slice(0, 10) : min),
    asOf,
  )
  const payments = await postedPaymentsOf(
    trx,
    tenant.id,
    [...new Set(promises.map((p) => p.account_id))],
    since,
  )
  const result = {
    kept: [] as number[],
    partially_kept: [] as number[],
    broken: [] as number[],
    touched: [] as Touched[],
  }
  for (const p of promises) {
    const status = evaluatePromise({
      amountMinor: Number(p.amount_minor),
      dueOn: p.due_on,
      // Promises recorded before taken_on existed count from their insert instant in the tenant's zone.
      takenAt: takenOn(p),
      timeZone: tenant.time_zone,
      channel: p.channel ?? '',
      takenBy: p.taken_by ?? '',
      payments: payments.get(p.account_id) ?? [],
      asOf,
      graceDays: policy.promiseGraceDays,
      toleranceMinor: policy.promiseToleranceMinor,
    })
    if (status.state === 'open' || !(await setPromiseState(trx, p.id, status.state))) continue
    result[status.state].push(p.id)
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: `promise.${status.state}`,
      actor,
      subject: `account:${p.account_id}`,
      payload: { promiseId: p.id, asOf, paidMinor: status.paidMinor, shortMinor: status.shortMinor },
    })
    if (status.state !== 'kept')
      result.touched.push({
        accountId: p.account_id,
        event: { key: `promise.broken:${p.id}`, at: eventAt(asOf) },
      })
  }
  return result
}
