import type { Transaction } from 'kysely'
import { AppError } from '../core/errors/index.ts'
import { validateHardshipPause } from '../core/hardship/hardship.ts'
import { reevaluateAccountIn } from '../engine/reevaluate-account.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import { loadOpenAccount } from '../store/money/money-account.repository.ts'
import { cancelPendingActions } from '../store/money/outbox-cancel.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { eventAt } from './money-policy.ts'

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
 * journals it and re-decides the account in the caller's transaction. The engine holds every contact
 * while the pause covers the day (src/engine/hold-for-hardship.ts).
 */
export async function addHardshipPauseIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: AddHardshipPauseInput,
) {
  const pause = { reason: input.reason, from: input.from, to: input.to }
  const problems = validateHardshipPause(pause)
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.field}: ${p.reason}`).join('; ')
    throw new AppError('invalid_hardship_pause', `the pause is invalid: ${list}`, { problems })
  }
  const account = await loadOpenAccount(trx, tenant.id, input.accountId)
  const { id: pauseId } = await trx
    .insertInto('hardship_pauses')
    .values({
      tenant_id: tenant.id,
      account_id: account.id,
      reason: input.reason,
      from_on: input.from,
      to_on: input.to,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const reason = `hardship pause until ${input.to}: ${input.reason}`
  const cancelledActions = await cancelPendingActions(trx, tenant.id, [account.id], 'all', reason)
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'hardship.pause_added',
    actor: input.actor,
    subject: `account:${account.id}`,
    payload: { pauseId, ...pause, cancelledActions },
  })
  await reevaluateAccountIn(trx, {
    tenant,
    accountId: account.id,
    event: { key: `hardship:${pauseId}`, at: eventAt(input.from) },
  })
  return { pauseId, accountId: account.id, cancelledActions }
}
