import type { Kysely, Transaction } from 'kysely'
import type {
  Database,
  PartnerReportedStatus,
  PlacementStatus,
  RemittanceLineStatus,
  RemittanceLineTable,
} from '../schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** Ids or references per IN list: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500

/** What matching a remitted line needs of a placement. */
export interface RemittablePlacement {
  readonly id: number
  readonly partnerId: number
  readonly accountId: number
  readonly account: string
  readonly status: PlacementStatus
  readonly placedOn: string
  readonly recalledOn: string | null
  readonly commissionPercent: string
  readonly fixedFeeMinor: number
  readonly currency: string
}

/** The tenant's placements with these ids (another tenant's id finds nothing). */
export async function placementsByIds(
  db: Db,
  tenantId: number,
  ids: readonly number[],
): Promise<Map<number, RemittablePlacement>> {
  const found = new Map<number, RemittablePlacement>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('placements as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select([
        'p.id',
        'p.partner_id as partnerId',
        'p.account_id as accountId',
        'a.external_id as account',
        'p.status',
        'p.placed_on as placedOn',
        'p.recalled_on as recalledOn',
        'p.commission_percent as commissionPercent',
        'p.fixed_fee_minor as fixedFeeMinor',
        'p.currency',
      ])
      .where('p.tenant_id', '=', tenantId)
      .where('p.id', 'in', unique.slice(i, i + CHUNK))
      .execute()
    for (const r of rows)
      found.set(Number(r.id), {
        ...r,
        id: Number(r.id),
        partnerId: Number(r.partnerId),
        accountId: Number(r.accountId),
        placedOn: String(r.placedOn),
        recalledOn: r.recalledOn === null ? null : String(r.recalledOn),
        fixedFeeMinor: Number(r.fixedFeeMinor),
      })
  }
  return found
}

/** The partner's references already booked by an earlier remittance: where each was. */
export async function bookedReferences(
  db: Db,
  tenantId: number,
  partnerId: number,
  references: readonly string[],
): Promise<Map<string, { remittanceId: number; line: number }>> {
  const found = new Map<string, { remittanceId: number; line: number }>()
  const unique = [...new Set(references)]
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('remittance_lines')
      .select(['reference', 'remittance_id', 'line'])
      .where('tenant_id', '=', tenantId)
      .where('partner_id', '=', partnerId)
      .where('payment_id', 'is not', null)
      .where('reference', 'in', unique.slice(i, i + CHUNK))
      .execute()
    for (const r of rows) found.set(r.reference, { remittanceId: Number(r.remittance_id), line: r.line })
  }
  return found
}

/** The placements among these whose fixed fee is already charged. */
export async function fixedFeesCharged(db: Db, placementIds: readonly number[]): Promise<Set<number>> {
  const charged = new Set<number>()
  const unique = [...new Set(placementIds)]
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('placement_commissions')
      .select('placement_id')
      .where('kind', '=', 'fixed_fee')
      .where('placement_id', 'in', unique.slice(i, i + CHUNK))
      .execute()
    for (const r of rows) charged.add(Number(r.placement_id))
  }
  return charged
}

/** A commission charged on a placement. */
export interface NewCommission {
  readonly tenantId: number
  readonly placementId: number
  readonly kind: 'contingency' | 'fixed_fee'
  readonly amountMinor: number
  readonly currency: string
  readonly chargedOn: string
  readonly remittanceLineId: number | null
}

/** Records commissions; a second fixed fee for a placement is refused by the unique index. */
export async function insertCommissions(
  trx: Transaction<Database>,
  rows: readonly NewCommission[],
): Promise<void> {
  if (rows.length === 0) return
  await trx
    .insertInto('placement_commissions')
    .values(
      rows.map((c) => ({
        tenant_id: c.tenantId,
        placement_id: c.placementId,
        kind: c.kind,
        amount_minor: c.amountMinor,
        currency: c.currency,
        charged_on: c.chargedOn,
        remittance_line_id: c.remittanceLineId,
      })),
    )
    .execute()
}

/** Inserts the remittance; its id. */
export async function insertRemittance(
  trx: Transaction<Database>,
  r: { tenantId: number; partnerId: number; fileName: string; fileSha256: string; importedBy: string },
): Promise<number> {
  const row = await trx
    .insertInto('remittances')
    .values({
      tenant_id: r.tenantId,
      partner_id: r.partnerId,
      file_name: r.fileName,
      file_sha256: r.fileSha256,
      imported_by: r.importedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

export type NewRemittanceLine = Omit<RemittanceLineTable, 'id'>

/** Inserts the lines (each line number once per remittance); their ids by line number. */
export async function insertRemittanceLines(
  trx: Transaction<Database>,
  lines: readonly NewRemittanceLine[],
): Promise<Map<number, number>> {
  const ids = new Map<number, number>()
  for (let i = 0; i < lines.length; i += 200) {
    const rows = await trx
      .insertInto('remittance_lines')
      .values(lines.slice(i, i + 200))
      .returning(['id', 'line'])
      .execute()
    for (const r of rows) ids.set(Number(r.line), Number(r.id))
  }
  return ids
}

/** A stored remittance with its partner. */
export interface RemittanceRow {
  readonly id: number
  readonly partner: string
  readonly partnerName: string
  readonly remit: 'gross' | 'net'
  readonly fileName: string
  readonly fileSha256: string
  readonly importedBy: string
  readonly importedAt: string
}

function remittanceQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('remittances as m')
    .innerJoin('partners as r', 'r.id', 'm.partner_id')
    .select([
      'm.id',
      'r.code as partner',
      'r.name as partnerName',
      'r.remit',
      'm.file_name as fileName',
      'm.file_sha256 as fileSha256',
      'm.imported_by as importedBy',
      'm.created_at as importedAt',
    ])
    .where('m.tenant_id', '=', tenantId)
}

const normaliseRemittance = (r: RemittanceRow): RemittanceRow => ({
  ...r,
  id: Number(r.id),
  importedAt: new Date(r.importedAt).toISOString(),
})

/** The tenant's remittance with this id, if any. */
export async function remittanceById(
  db: Db,
  tenantId: number,
  id: number,
): Promise<RemittanceRow | undefined> {
  const row = await remittanceQuery(db, tenantId).where('m.id', '=', id).executeTakeFirst()
  return row ? normaliseRemittance(row) : undefined
}

/** The tenant's remittances, newest first, optionally of one partner. */
export async function listRemittanceRows(
  db: Db,
  tenantId: number,
  partner?: string,
): Promise<RemittanceRow[]> {
  let query = remittanceQuery(db, tenantId).orderBy('m.id', 'desc').limit(500)
  if (partner) query = query.where('r.code', '=', partner)
  return (await query.execute()).map(normaliseRemittance)
}

/** A stored line. */
export interface RemittanceLineRow {
  readonly line: number
  readonly status: RemittanceLineStatus
  readonly placementRef: string
  readonly account: string
  readonly reference: string
  readonly paidOn: string | null
  readonly placementId: number | null
  readonly currency: string | null
  readonly collectedMinor: number | null
  readonly commissionDueMinor: number | null
  readonly commissionWithheldMinor: number | null
  readonly netExpectedMinor: number | null
  readonly netRemittedMinor: number | null
  readonly differenceMinor: number | null
  readonly paymentId: number | null
  readonly problems: string
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/** The remittance's lines in file order. */
export async function remittanceLines(db: Db, remittanceId: number): Promise<RemittanceLineRow[]> {
  const rows = await db
    .selectFrom('remittance_lines')
    .select([
      'line',
      'status',
      'placement_ref as placementRef',
      'account_ref as account',
      'reference',
      'paid_on as paidOn',
      'placement_id as placementId',
      'currency',
      'collected_minor as collectedMinor',
      'commission_due_minor as commissionDueMinor',
      'commission_withheld_minor as commissionWithheldMinor',
      'net_expected_minor as netExpectedMinor',
      'net_remitted_minor as netRemittedMinor',
      'difference_minor as differenceMinor',
      'payment_id as paymentId',
      'problems',
    ])
    .where('remittance_id', '=', remittanceId)
    .orderBy('line')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    ...r,
    paidOn: r.paidOn === null ? null : String(r.paidOn),
    placementId: num(r.placementId),
    collectedMinor: num(r.collectedMinor),
    commissionDueMinor: num(r.commissionDueMinor),
    commissionWithheldMinor: num(r.commissionWithheldMinor),
    netExpectedMinor: num(r.netExpectedMinor),
    netRemittedMinor: num(r.netRemittedMinor),
    differenceMinor: num(r.differenceMinor),
    paymentId: num(r.paymentId),
  }))
}

/** Records a partner's status report on a placement; its id. */
export async function insertPlacementUpdate(
  trx: Transaction<Database>,
  u: {
    tenantId: number
    placementId: number
    status: PartnerReportedStatus
    reportedOn: string
    note: string | null
    reportedBy: string
  },
): Promise<number> {
  const row = await trx
    .insertInto('placement_updates')
    .values({
      tenant_id: u.tenantId,
      placement_id: u.placementId,
      status: u.status,
      reported_on: u.reportedOn,
      note: u.note,
      reported_by: u.reportedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** A placement's partner status reports, oldest first. */
export async function placementUpdates(
  db: Db,
  tenantId: number,
  placementId: number,
): Promise<{ status: PartnerReportedStatus; reportedOn: string; note: string | null; reportedBy: string }[]> {
  const rows = await db
    .selectFrom('placement_updates')
    .select(['status', 'reported_on as reportedOn', 'note', 'reported_by as reportedBy'])
    .where('tenant_id', '=', tenantId)
    .where('placement_id', '=', placementId)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ ...r, reportedOn: String(r.reportedOn) }))
}
