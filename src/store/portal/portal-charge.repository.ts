import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, PortalChargeTable } from '../schema.ts'

type Db = Kysely<Database> | Transaction<Database>

export type PortalChargeRow = Selectable<PortalChargeTable>

/** A charge about to be asked of the provider. */
export interface NewPortalCharge {
  readonly tenantId: number
  readonly accountId: number
  readonly debtorId: number
  readonly idempotencyKey: string
  readonly provider: string
  readonly amountMinor: number
  readonly currency: string
}

function chargeRow(row: PortalChargeRow): PortalChargeRow {
  return {
    ...row,
    id: Number(row.id),
    tenant_id: Number(row.tenant_id),
    account_id: Number(row.account_id),
    debtor_id: Number(row.debtor_id),
    amount_minor: Number(row.amount_minor),
  }
}

/**
 * Writes the charge down as `charging` before the provider is called, or answers the one already
 * written under this key (a retry of the same payment).
 */
export async function claimPortalCharge(db: Db, charge: NewPortalCharge): Promise<PortalChargeRow> {
  await db
    .insertInto('portal_charges')
    .values({
      tenant_id: charge.tenantId,
      account_id: charge.accountId,
      debtor_id: charge.debtorId,
      idempotency_key: charge.idempotencyKey,
      provider: charge.provider,
      amount_minor: charge.amountMinor,
      currency: charge.currency,
      status: 'charging',
      transaction_id: null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'idempotency_key']).doNothing())
    .execute()
  const row = await db
    .selectFrom('portal_charges')
    .selectAll()
    .where('tenant_id', '=', charge.tenantId)
    .where('idempotency_key', '=', charge.idempotencyKey)
    .executeTakeFirstOrThrow()
  return chargeRow(row)
}

/** Records what the provider answered, or that the payment is booked. */
export async function markPortalCharge(
  db: Db,
  id: number,
  change: { status: PortalChargeTable['status']; transactionId?: string },
): Promise<void> {
  await db
    .updateTable('portal_charges')
    .set({
      status: change.status,
      ...(change.transactionId !== undefined ? { transaction_id: change.transactionId } : {}),
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .execute()
}

/** Charges that succeeded at the provider and are not booked yet, last touched before `beforeIso`. */
export async function unbookedPortalCharges(db: Db, beforeIso: string, limit = 500) {
  const rows = await db
    .selectFrom('portal_charges as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .innerJoin('tenants as t', 't.id', 'c.tenant_id')
    .selectAll('c')
    .select(['a.external_id as account', 't.slug as tenantSlug'])
    .where('c.status', '=', 'succeeded')
    .where('c.updated_at', '<', beforeIso)
    .orderBy('c.id')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...chargeRow(r), account: r.account, tenantSlug: r.tenantSlug }))
}

/** How many charges were asked of the provider and never answered (a crash or a lost answer). */
export async function unansweredPortalCharges(db: Db, beforeIso: string): Promise<number> {
  const row = await db
    .selectFrom('portal_charges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'charging')
    .where('updated_at', '<', beforeIso)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The charge written under this key, if any. */
export async function findPortalCharge(
  db: Db,
  tenantId: number,
  idempotencyKey: string,
): Promise<PortalChargeRow | undefined> {
  const row = await db
    .selectFrom('portal_charges')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst()
  return row ? chargeRow(row) : undefined
}
