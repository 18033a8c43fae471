import type { Transaction } from 'kysely'
import { AppError } from '../core/errors/index.ts'
import { validateHardshipPause } from '../core/hardship/hardship.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import { insertHardshipPause } from '../store/money/hardship.repository.ts'
import { loadOpenAccount } from '../store/money/money-account.repository.ts'
import { cancelPendingActions } from '../store/money/outbox-cancel.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { eventAt } from './money-policy.ts'
import type { WithTouched } from './touched-account.ts'

/** A hardship pause on an account: collection contacts stop from `from` to `to`, both inclusive. */
export interface AddHardshipPauseInput {
  accountId: number
  reason: string
  from: string
  to: string
  actor: string
}

/**
 * Records a hardship pause (validated: reason, real dates, `to >= from`), cancels the messages already
 * scheduled (they would reach the debtor during the pause; the engine proposes them again after it),
 * journals it in the caller's transaction and returns the account to re-decide. The engine holds every
 * contact while the pause covers the day (src/engine/hold-for-hardship.ts).
 */
export async function addHardshipPauseIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: AddHardshipPauseInput,
): Promise<WithTouched<{ pauseId: number; accountId: number; cancelledActions: number }>> {
  const pause = { reason: input.reason, from: input.from, to: input.to }
  const problems = validateHardshipPause(pause)
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.field}: ${p.reason}`).join('; ')
    throw new AppError('invalid_hardship_pause', `the pause is invalid: ${list}`, { problems })
  }
  const account = await loadOpenAccount(trx, tenant.id, input.accountId)
  const pauseId = await insertHardshipPause(trx, { tenantId: tenant.id, accountId: account.id, ...pause })
  const reason = `hardship pause until ${input.to}: ${input.reason}`
  const cancelledActions = await cancelPendingActions(trx, tenant.id, [account.id], 'all', reason)
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'hardship.pause_added',
    actor: input.actor,
    subject: `account:${account.id}`,
    payload: { pauseId, ...pause, cancelledActions },
  })
  const event = { key: `hardship:${pauseId}`, at: eventAt(input.from) }
  return { pauseId, accountId: account.id, cancelledActions, touched: [{ accountId: account.id, event }] }
}
