import type { Kysely } from 'kysely'
import type { DocumentLedgerLine } from '../../core/documents/document-facts.ts'
import type { PlacementFileInput } from '../../core/placements/placement-file.ts'
import { addressOf, type PostalAddress } from '../address-of.ts'
import type { Database } from '../schema.ts'

const group = <T extends { key: number }>(rows: readonly T[]) => {
  const byKey = new Map<number, T[]>()
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r])
  return byKey
}

/**
 * The placement file's rows for a partner's active placements, oldest placement first: the placements,
 * then the shared set-based reads of accountFileFacts (addresses, contact points, disputes,
 * restrictions, ledger), never one query per account. `at` is the instant restrictions and opt-outs are judged at.
 */
export async function placementFileInputs(
  db: Kysely<Database>,
  tenantId: number,
  partnerId: number,
  at: string,
): Promise<PlacementFileInput[]> {
  const placements = await db
    .selectFrom('placements as p')
    .innerJoin('partners as r', 'r.id', 'p.partner_id')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .select([
      'p.id',
      'p.account_id',
      'p.placed_on',
      'p.expected_return_on',
      'r.code as partner',
      'a.external_id',
      'a.original_creditor',
      'a.current_creditor',
      'a.debt_kind',
      'a.currency',
      'a.due_on',
      'a.charge_off_on',
      'a.attributes',
      'a.debtor_id',
      'd.external_id as debtor',
      'd.name as debtor_name',
      'd.kind as debtor_kind',
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.partner_id', '=', partnerId)
    .where('p.status', '=', 'active')
    .orderBy('p.id')
    .execute()
  if (placements.length === 0) return []
  const facts = await accountFileFacts(
    db,
    placements.map((p) => ({ accountId: Number(p.account_id), debtorId: Number(p.debtor_id) })),
    at,
  )
  return placements.map((p) => {
    const f = facts.get(Number(p.account_id))
    if (!f) throw new Error(`account ${p.account_id}: no file facts`)
    return {
      placementId: Number(p.id),
      partner: p.partner,
      placedOn: String(p.placed_on),
      expectedReturnOn: String(p.expected_return_on),
      account: {
        externalId: p.external_id,
        originalCreditor: p.original_creditor,
        currentCreditor: p.current_creditor,
        debtKind: p.debt_kind,
        currency: p.currency,
        dueOn: String(p.due_on),
        chargeOffOn: p.charge_off_on === null ? null : String(p.charge_off_on),
        attributes: p.attributes ? (JSON.parse(p.attributes) as Record<string, unknown>) : {},
      },
      debtor: { externalId: p.debtor, name: p.debtor_name, kind: p.debtor_kind },
      address: f.address,
      emails: f.emails,
      phones: f.phones,
      ledger: f.ledger,
      disputed: f.disputed,
      attorney: f.attorney,
      cease: f.cease,
    }
  })
}

/** What every file handed to a third party says of one account beyond its own row (placement, sale). */
export interface AccountFileFacts {
  /** The debtor's current primary address (else the first on file). */
  readonly address: PostalAddress | null
  /** Usable points (not opted out, not undeliverable), the preferred first. */
  readonly emails: readonly string[]
  readonly phones: readonly string[]
  readonly ledger: readonly DocumentLedgerLine[]
  /** A dispute not resolved. */
  readonly disputed: boolean
  /** Every dispute ever raised on the account. */
  readonly disputeCount: number
  readonly attorney: boolean
  readonly cease: boolean
}

/**
 * The shared set-based reads of the placement and sale files: addresses, contact points, disputes,
 * restrictions in force at `at` and the ledger of these accounts, a fixed handful of queries however
 * many accounts (chunked at 500 ids), never one query per account. Keyed by account id.
 */
export async function accountFileFacts(
  db: Kysely<Database>,
  accounts: readonly { accountId: number; debtorId: number }[],
  at: string,
): Promise<Map<number, AccountFileFacts>> {
  const out = new Map<number, AccountFileFacts>()
  for (let i = 0; i < accounts.length; i += 500) {
    const chunk = accounts.slice(i, i + 500)
    for (const [id, f] of await factsOfChunk(db, chunk, at)) out.set(id, f)
  }
  return out
}

async function factsOfChunk(
  db: Kysely<Database>,
  accounts: readonly { accountId: number; debtorId: number }[],
  at: string,
): Promise<Map<number, AccountFileFacts>> {
  const accountIds = accounts.map((a) => a.accountId)
  const debtorIds = [...new Set(accounts.map((a) => a.debtorId))]
  const [addresses, points, disputes, restrictions, ledger] = await Promise.all([
    db
      .selectFrom('debtor_addresses')
      .select([
        'debtor_id as key',
        'line1',
        'line2',
        'city',
        'region',
        'postal_code',
        'country',
        'is_primary',
      ])
      .where('debtor_id', 'in', debtorIds)
      .orderBy('is_primary', 'desc')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('contact_points')
      .select(['debtor_id as key', 'kind', 'value', 'phone_type'])
      .where('debtor_id', 'in', debtorIds)
      .where('opted_out_at', 'is', null)
      .where('undeliverable_at', 'is', null)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('disputes')
      .select(['account_id as key', 'resolved_at'])
      .where('account_id', 'in', accountIds)
      .execute(),
    db
      .selectFrom('debtor_restrictions')
      .select(['debtor_id as key', 'kind'])
      .where('debtor_id', 'in', debtorIds)
      .where('effective_at', '<=', at)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', at)]))
      .execute(),
    db
      .selectFrom('ledger_entries')
      .select(['account_id as key', 'kind', 'component', 'amount_minor', 'effective_on', 'memo'])
      .where('account_id', 'in', accountIds)
      .orderBy('effective_on')
      .orderBy('id')
      .execute(),
  ])
  const addressesOf = group(addresses.map((r) => ({ ...r, key: Number(r.key) })))
  const pointsOf = group(points.map((r) => ({ ...r, key: Number(r.key) })))
  const disputesOf = group(disputes.map((r) => ({ ...r, key: Number(r.key) })))
  const restrictionsOf = group(restrictions.map((r) => ({ ...r, key: Number(r.key) })))
  const ledgerOf = group(ledger.map((r) => ({ ...r, key: Number(r.key) })))
  const phoneRank = (t: string | null) => (t === 'mobile' ? 0 : t === 'landline' ? 1 : 2)
  const out = new Map<number, AccountFileFacts>()
  for (const { accountId, debtorId } of accounts) {
    const own = pointsOf.get(debtorId) ?? []
    const kinds = new Set((restrictionsOf.get(debtorId) ?? []).map((r) => r.kind))
    const raised = disputesOf.get(accountId) ?? []
    out.set(accountId, {
      address: addressOf(addressesOf.get(debtorId)?.[0]),
      emails: own.filter((c) => c.kind === 'email').map((c) => c.value),
      phones: own
        .filter((c) => c.kind === 'phone')
        .sort((x, y) => phoneRank(x.phone_type) - phoneRank(y.phone_type))
        .map((c) => c.value),
      ledger: (ledgerOf.get(accountId) ?? []).map((l) => ({
        kind: l.kind,
        component: l.component,
        amountMinor: Number(l.amount_minor),
        effectiveOn: String(l.effective_on),
        memo: l.memo,
      })),
      disputed: raised.some((d) => d.resolved_at === null),
      disputeCount: raised.length,
      attorney: kinds.has('attorney'),
      cease: kinds.has('cease'),
    })
  }
  return out
}
