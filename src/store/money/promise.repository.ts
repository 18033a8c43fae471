import type { Transaction } from 'kysely'
import type { Database, PromiseTable } from '../schema.ts'

/** A promise to store. */
export interface NewPromise {
  tenantId: number
  accountId: number
  amountMinor: number
  dueOn: string
  channel: string
  takenBy: string
  takenOn: string
}

/** Inserts an open promise; returns its id. */
export async function insertPromise(trx: Transaction<Database>, promise: NewPromise): Promise<number> {
  const row = await trx
    .insertInto('promises')
    .values({
      tenant_id: promise.tenantId,
      account_id: promise.accountId,
      amount_minor: promise.amountMinor,
      due_on: promise.dueOn,
      state: 'open',
      channel: promise.channel,
      taken_by: promise.takenBy,
      taken_on: promise.takenOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The tenant's open promises, oldest first. */
export async function openPromises(trx: Transaction<Database>, tenantId: number) {
  return trx
    .selectFrom('promises')
    .select(['id', 'account_id', 'amount_minor', 'due_on', 'channel', 'taken_by', 'taken_on', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('state', '=', 'open')
    .orderBy('id')
    .execute()
}

/** Moves an open promise to its outcome; false when it was no longer open. */
export async function setPromiseState(
  trx: Transaction<Database>,
  promiseId: number,
  state: Exclude<PromiseTable['state'], 'open'>,
): Promise<boolean> {
  const result = await trx
    .updateTable('promises')
    .set({ state })
    .where('id', '=', promiseId)
    .where('state', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
