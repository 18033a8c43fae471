import type { Kysely, Transaction } from 'kysely'
import type { Database, PartnerTable, PlacementStatus } from '../schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** A partner as stored (terms as JSON text: the app layer parses them with the core's check). */
export type PartnerRow = Omit<PartnerTable, 'id' | 'created_at'> & { id: number; created_at: string }

/** Inserts a partner; undefined when the tenant already has one with this code (nothing written). */
export async function insertPartner(
  db: Db,
  row: Omit<PartnerTable, 'id' | 'created_at'>,
): Promise<PartnerRow | undefined> {
  return db
    .insertInto('partners')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst()
}

/** The tenant's partners by code. */
export async function listPartners(db: Db, tenantId: number): Promise<PartnerRow[]> {
  return db.selectFrom('partners').selectAll().where('tenant_id', '=', tenantId).orderBy('code').execute()
}

/** The tenant's partner with this code, if any. */
export async function partnerByCode(db: Db, tenantId: number, code: string): Promise<PartnerRow | undefined> {
  return db
    .selectFrom('partners')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst()
}

/** What placing an account needs of it: status, currency, balance and the dates its age counts from. */
export interface PlaceableAccount {
  readonly id: number
  readonly externalId: string
  readonly status: string
  readonly currency: string
  readonly dueOn: string
  readonly chargeOffOn: string | null
  readonly balanceMinor: number
}

/** The tenant's account with this external id and its balance (all entries), if any. */
export async function placeableAccount(
  db: Db,
  tenantId: number,
  externalId: string,
): Promise<PlaceableAccount | undefined> {
  const row = await db
    .selectFrom('accounts as a')
    .select(['a.id', 'a.external_id', 'a.status', 'a.currency', 'a.due_on', 'a.charge_off_on'])
    .select((eb) =>
      eb
        .selectFrom('ledger_entries as l')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('l.amount_minor'), e.lit(0)).as('b'))
        .whereRef('l.account_id', '=', 'a.id')
        .as('balance'),
    )
    .where('a.tenant_id', '=', tenantId)
    .where('a.external_id', '=', externalId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    externalId: row.external_id,
    status: row.status,
    currency: row.currency,
    dueOn: String(row.due_on),
    chargeOffOn: row.charge_off_on === null ? null : String(row.charge_off_on),
    balanceMinor: Number(row.balance ?? 0),
  }
}

export interface NewPlacement {
  readonly tenantId: number
  readonly accountId: number
  readonly partnerId: number
  readonly placedOn: string
  readonly expectedReturnOn: string
  readonly commissionPercent: string
  readonly fixedFeeMinor: number
  readonly balanceMinor: number
  readonly currency: string
  readonly outboxId: number | null
  readonly placedBy: string
}

/**
 * Inserts an active placement; undefined when the account already has an active one or the outbox row
 * already placed it (the unique indexes of migration 0026 decide, so racing placers place it once).
 */
export async function insertPlacement(
  trx: Transaction<Database>,
  p: NewPlacement,
): Promise<number | undefined> {
  const row = await trx
    .insertInto('placements')
    .values({
      tenant_id: p.tenantId,
      account_id: p.accountId,
      partner_id: p.partnerId,
      status: 'active',
      placed_on: p.placedOn,
      expected_return_on: p.expectedReturnOn,
      commission_percent: p.commissionPercent,
      fixed_fee_minor: p.fixedFeeMinor,
      balance_minor: p.balanceMinor,
      currency: p.currency,
      outbox_id: p.outboxId,
      placed_by: p.placedBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

/** Ends an active placement; false when it was no longer active (recalled meanwhile). */
export async function recallPlacementRow(
  trx: Transaction<Database>,
  tenantId: number,
  id: number,
  recall: { on: string; reason: string; by: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('placements')
    .set({ status: 'recalled', recalled_on: recall.on, recall_reason: recall.reason, recalled_by: recall.by })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** A placement with its account's external id and its partner's code and name. */
export interface PlacementRow {
  readonly id: number
  readonly accountId: number
  readonly account: string
  readonly partner: string
  readonly partnerName: string
  readonly status: PlacementStatus
  readonly placedOn: string
  readonly expectedReturnOn: string
  readonly commissionPercent: string
  readonly fixedFeeMinor: number
  readonly balanceMinor: number
  readonly currency: string
  readonly outboxId: number | null
  readonly placedBy: string
  readonly recalledOn: string | null
  readonly recallReason: string | null
  readonly recalledBy: string | null
  /** The partner's latest status report (migration 0030), if any. */
  readonly partnerStatus: string | null
  readonly partnerStatusOn: string | null
}

function placementQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('placements as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .innerJoin('partners as r', 'r.id', 'p.partner_id')
    .select([
      'p.id',
      'p.account_id as accountId',
      'a.external_id as account',
      'r.code as partner',
      'r.name as partnerName',
      'p.status',
      'p.placed_on as placedOn',
      'p.expected_return_on as expectedReturnOn',
      'p.commission_percent as commissionPercent',
      'p.fixed_fee_minor as fixedFeeMinor',
      'p.balance_minor as balanceMinor',
      'p.currency',
      'p.outbox_id as outboxId',
      'p.placed_by as placedBy',
      'p.recalled_on as recalledOn',
      'p.recall_reason as recallReason',
      'p.recalled_by as recalledBy',
    ])
    .select((eb) => [
      eb
        .selectFrom('placement_updates as u')
        .select('u.status')
        .whereRef('u.placement_id', '=', 'p.id')
        .orderBy('u.id', 'desc')
        .limit(1)
        .as('partnerStatus'),
      eb
        .selectFrom('placement_updates as u')
        .select('u.reported_on')
        .whereRef('u.placement_id', '=', 'p.id')
        .orderBy('u.id', 'desc')
        .limit(1)
        .as('partnerStatusOn'),
    ])
    .where('p.tenant_id', '=', tenantId)
}

/** Integer columns as numbers and dates as text on both databases. */
const normalise = (row: PlacementRow): PlacementRow => ({
  ...row,
  id: Number(row.id),
  accountId: Number(row.accountId),
  placedOn: String(row.placedOn),
  expectedReturnOn: String(row.expectedReturnOn),
  recalledOn: row.recalledOn === null ? null : String(row.recalledOn),
  fixedFeeMinor: Number(row.fixedFeeMinor),
  balanceMinor: Number(row.balanceMinor),
  outboxId: row.outboxId === null ? null : Number(row.outboxId),
  partnerStatus: row.partnerStatus ?? null,
  partnerStatusOn: row.partnerStatusOn == null ? null : String(row.partnerStatusOn),
})

/** The tenant's placements, newest first, optionally of one partner, one status or some clients. */
export async function listPlacementRows(
  db: Db,
  tenantId: number,
  filter: { partner?: string; status?: PlacementStatus; clientIds?: readonly number[] } = {},
): Promise<PlacementRow[]> {
  let query = placementQuery(db, tenantId).orderBy('p.id', 'desc')
  if (filter.partner) query = query.where('r.code', '=', filter.partner)
  if (filter.status) query = query.where('p.status', '=', filter.status)
  if (filter.clientIds) query = query.where('a.client_id', 'in', [...filter.clientIds, -1])
  return (await query.execute()).map(normalise)
}

/** The account's active placement, if any. */
export async function activePlacementOf(
  db: Db,
  tenantId: number,
  accountId: number,
): Promise<PlacementRow | undefined> {
  const row = await placementQuery(db, tenantId)
    .where('p.account_id', '=', accountId)
    .where('p.status', '=', 'active')
    .executeTakeFirst()
  return row ? normalise(row) : undefined
}

/**
 * The outreach hold: the account's placement that is not recalled, if any. Anything but `recalled`
 * holds (a status this code does not know holds too), so only a recall frees the account.
 */
export async function placementHoldOf(
  db: Db,
  accountId: number,
): Promise<{ partner: string; placedOn: string; status: string } | undefined> {
  const row = await db
    .selectFrom('placements as p')
    .innerJoin('partners as r', 'r.id', 'p.partner_id')
    .select(['r.code as partner', 'p.placed_on as placedOn', 'p.status'])
    .where('p.account_id', '=', accountId)
    .where('p.status', '!=', 'recalled')
    .orderBy('p.id', 'desc')
    .executeTakeFirst()
  return row ? { partner: row.partner, placedOn: String(row.placedOn), status: row.status } : undefined
}

/** An approved `place_with_agency` outbox row that is due: the placement step carries it out. */
export interface DuePlacementRow {
  readonly id: number
  readonly tenantId: number
  readonly accountId: number
  readonly account: string
  readonly payload: string
  readonly approvedBy: string | null
}

/** Due `pending` placement rows (approved, or never held), oldest first. */
export async function selectDuePlacementRows(
  db: Db,
  nowIso: string,
  tenantId?: number,
): Promise<DuePlacementRow[]> {
  let query = db
    .selectFrom('outbox as o')
    .innerJoin('accounts as a', 'a.id', 'o.account_id')
    .select([
      'o.id',
      'o.tenant_id as tenantId',
      'o.account_id as accountId',
      'a.external_id as account',
      'o.payload',
      'o.approved_by as approvedBy',
    ])
    .where('o.action_type', '=', 'place_with_agency')
    .where('o.status', '=', 'pending')
    .where('o.scheduled_at', '<=', nowIso)
    .orderBy('o.id')
  if (tenantId !== undefined) query = query.where('o.tenant_id', '=', tenantId)
  return (await query.execute()).map((r) => ({ ...r, id: Number(r.id), accountId: Number(r.accountId) }))
}

/** Marks a placement row done (`sent`: carried out) or `cancelled` with why. */
export async function finishPlacementRow(
  trx: Transaction<Database>,
  id: number,
  outcome: { at: string; cancelReason?: string },
): Promise<void> {
  await trx
    .updateTable('outbox')
    .set(
      outcome.cancelReason
        ? { status: 'cancelled', cancelled_at: outcome.at, cancel_reason: outcome.cancelReason }
        : { status: 'sent', sent_at: outcome.at },
    )
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute()
}
