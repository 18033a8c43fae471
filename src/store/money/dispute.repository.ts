import type { Transaction } from 'kysely'
import { AppError } from '../../core/errors/index.ts'
import type { Database } from '../schema.ts'

/** A dispute as received. */
export interface NewDispute {
  tenantId: number
  accountId: number
  receivedAt: string
  channel: string
  written: boolean
  /** The disputed amount, or null for the whole debt. */
  amountMinor: number | null
  reason: string
  /** Document references (file names, ids) kept as JSON. */
  documents: readonly unknown[]
}

/** Inserts an open dispute; returns its id. */
export async function insertDispute(trx: Transaction<Database>, d: NewDispute): Promise<number> {
  const row = await trx
    .insertInto('disputes')
    .values({
      tenant_id: d.tenantId,
      account_id: d.accountId,
      received_at: d.receivedAt,
      written: d.written ? 1 : 0,
      amount_minor: d.amountMinor,
      reason: d.reason,
      channel: d.channel,
      documents: JSON.stringify(d.documents),
      verification_sent_at: null,
      resolved_at: null,
      resolution: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The tenant's dispute, or `dispute_not_found`. */
export async function findDispute(trx: Transaction<Database>, tenantId: number, disputeId: number) {
  const row = await trx
    .selectFrom('disputes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', disputeId)
    .executeTakeFirst()
  if (!row) throw new AppError('dispute_not_found', `no dispute ${disputeId} for this tenant`)
  return row
}

/** The account of the tenant's dispute with this id, or undefined when there is none. */
export async function disputeAccountId(
  trx: Transaction<Database>,
  tenantId: number,
  disputeId: number,
): Promise<number | undefined> {
  const row = await trx
    .selectFrom('disputes')
    .select('account_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', disputeId)
    .executeTakeFirst()
  return row?.account_id
}

/** Updates an unresolved dispute; false when it was already resolved (a concurrent resolution won). */
export async function updateOpenDispute(
  trx: Transaction<Database>,
  disputeId: number,
  set: { verification_sent_at?: string; resolved_at?: string; resolution?: 'debtor' | 'creditor' },
): Promise<boolean> {
  const result = await trx
    .updateTable('disputes')
    .set(set)
    .where('id', '=', disputeId)
    .where('resolved_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
