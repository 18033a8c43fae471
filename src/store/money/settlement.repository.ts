import type { Transaction } from 'kysely'
import type { Database } from '../schema.ts'

/** Inserts an offered settlement; returns its id. */
export async function insertSettlement(
  trx: Transaction<Database>,
  offer: {
    tenantId: number
    accountId: number
    offerMinor: number
    createdOn: string
    expiresOn: string
    approvedBy: string | null
  },
): Promise<number> {
  const last = await trx
    .selectFrom('payments')
    .select((eb) => eb.fn.max<number>('id').as('id'))
    .where('tenant_id', '=', offer.tenantId)
    .where('account_id', '=', offer.accountId)
    .executeTakeFirst()
  const row = await trx
    .insertInto('settlements')
    .values({
      tenant_id: offer.tenantId,
      account_id: offer.accountId,
      offer_minor: offer.offerMinor,
      after_payment_id: Number(last?.id ?? 0),
      created_on: offer.createdOn,
      expires_on: offer.expiresOn,
      status: 'offered',
      approved_by: offer.approvedBy,
      settled_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Offered (live) settlements of the tenant, of these accounts when given, oldest first. */
export async function offeredSettlements(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds?: readonly number[],
) {
  let query = trx
    .selectFrom('settlements')
    .select(['id', 'account_id', 'offer_minor', 'created_on', 'expires_on', 'after_payment_id'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'offered')
  if (accountIds) {
    if (accountIds.length === 0) return []
    query = query.where('account_id', 'in', accountIds)
  }
  return query.orderBy('id').execute()
}

/** Moves an offered settlement on (paid with its day and write-off, or expired); false if no longer offered. */
export async function closeSettlement(
  trx: Transaction<Database>,
  settlementId: number,
  outcome: { status: 'paid'; settledOn: string; writeOffMinor: number } | { status: 'expired' | 'withdrawn' },
): Promise<boolean> {
  const result = await trx
    .updateTable('settlements')
    .set(
      outcome.status === 'paid'
        ? { status: 'paid', settled_on: outcome.settledOn, write_off_minor: outcome.writeOffMinor }
        : { status: outcome.status },
    )
    .where('id', '=', settlementId)
    .where('status', '=', 'offered')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
