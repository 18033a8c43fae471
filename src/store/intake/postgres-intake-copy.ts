import type pg from 'pg'
import type { IntakeBatchResult, IntakeRecord } from '../../core/intake/intake-record.ts'
import { type CopyValue, copyLine, copyText } from './copy-rows.ts'
import { attributesJson, distinctDebtors, emptyBatchResult } from './intake-plan.ts'

type IdRow = { id: number; external_id: string }

/** An account found by external id before the batch writes anything. */
export type ExistingAccount = IdRow & { debtor_id: number; currency: string; import_run_id: number | null }

/** What the COPY path needs from the writer: the client ids it keeps, the conflict rules. */
export interface CopyBatchContext {
  readonly tenantId: number
  readonly importRunId: number | null
  resolveClients(client: pg.PoolClient, records: readonly IntakeRecord[]): Promise<Map<string, number>>
  /**
   * Judges the batch's records whose account exists: pushes conflicts onto the result, counts the
   * others as existing, returns their account ids, and the entries already posted on them.
   */
  judgeExisting(
    client: pg.PoolClient,
    records: readonly IntakeRecord[],
    existing: ReadonlyMap<string, ExistingAccount>,
    debtorIds: ReadonlyMap<string, number>,
    result: IntakeBatchResult,
  ): Promise<{
    accountIds: Map<string, number>
    posted: Map<number, Map<string, { kind: string; amount_minor: number }>>
  }>
}

const DEBTOR_COLUMNS = [
  'id',
  'tenant_id',
  'external_id',
  'kind',
  'name',
  'given_name',
  'family_name',
  'preferred_language',
  'stated_time_zone',
]
const ADDRESS_COLUMNS = [
  'id',
  'tenant_id',
  'debtor_id',
  'line1',
  'line2',
  'city',
  'region',
  'postal_code',
  'country',
  'time_zone',
  'is_primary',
]
const CONTACT_COLUMNS = [
  'tenant_id',
  'debtor_id',
  'kind',
  'phone_type',
  'value',
  'address_id',
  'consent',
  'consent_at',
  'opted_out_at',
  'time_zone',
]
const ACCOUNT_COLUMNS = [
  'id',
  'tenant_id',
  'client_id',
  'debtor_id',
  'external_id',
  'original_creditor',
  'current_creditor',
  'debt_kind',
  'currency',
  'jurisdiction',
  'opened_on',
  'due_on',
  'charge_off_on',
  'status',
  'attributes',
  'import_run_id',
]
const INSTALMENT_COLUMNS = ['account_id', 'seq', 'due_on', 'amount_minor']
const ENTRY_COLUMNS = [
  'id',
  'tenant_id',
  'account_id',
  'kind',
  'amount_minor',
  'effective_on',
  'posted_at',
  'external_id',
  'memo',
  'component',
]

/** The identity sequences the COPY path draws ids from, resolved once per writer. */
export interface IdSequences {
  readonly debtors: string
  readonly addresses: string
  readonly accounts: string
  readonly entries: string
}

export async function identitySequences(client: pg.PoolClient): Promise<IdSequences> {
  const result = await client.query<IdSequences>(
    `select pg_get_serial_sequence('debtors', 'id') as debtors,
       pg_get_serial_sequence('debtor_addresses', 'id') as addresses,
       pg_get_serial_sequence('accounts', 'id') as accounts,
       pg_get_serial_sequence('ledger_entries', 'id') as entries`,
  )
  const row = result.rows[0]
  if (!row) throw new Error('identity sequences not found')
  return row
}

/** Draws `counts[i]` ids from `sequences[i]` in one round trip (ids a rolled-back batch drew are gaps, as with defaults). */
async function reserveIds(
  client: pg.PoolClient,
  wanted: readonly (readonly [string, number])[],
): Promise<number[][]> {
  if (wanted.every(([, count]) => count === 0)) return wanted.map(() => [])
  const parts = wanted.map(
    (_, i) =>
      `(select string_agg(nextval($${2 * i + 1}::regclass)::text, ',') from generate_series(1, $${2 * i + 2}::int)) as s${i}`,
  )
  const result = await client.query<Record<string, string | null>>(
    `select ${parts.join(', ')}`,
    wanted.flat(),
  )
  const row = result.rows[0] ?? {}
  return wanted.map((_, i) => {
    const list = row[`s${i}`]
    return list ? list.split(',').map(Number) : []
  })
}

/** The batch's debtors and accounts that exist already, by external id. */
async function lookUp(
  client: pg.PoolClient,
  tenantId: number,
  debtors: readonly IntakeRecord['debtor'][],
  records: readonly IntakeRecord[],
): Promise<[Map<string, number>, Map<string, ExistingAccount>]> {
  const foundDebtors = await client.query<IdRow>(
    'select id, external_id from debtors where tenant_id = $1 and external_id = any($2::text[])',
    [tenantId, debtors.map((d) => d.externalId)],
  )
  const foundAccounts = await client.query<ExistingAccount>(
    `select id, external_id, debtor_id, currency, import_run_id from accounts
     where tenant_id = $1 and external_id = any($2::text[])`,
    [tenantId, records.map((r) => r.account.externalId)],
  )
  return [
    new Map(foundDebtors.rows.map((row) => [row.external_id, row.id])),
    new Map(foundAccounts.rows.map((row) => [row.external_id, row])),
  ]
}

function component(kind: string): string {
  return kind === 'fee' ? 'fee' : kind === 'interest' ? 'interest' : 'principal'
}

/**
 * Writes one batch inside the caller's open transaction with `COPY ... FROM STDIN` into the real
 * tables: existing debtors and accounts are looked up by external id first (unless `assumeNew`: the
 * first try of every batch skips the look-ups, and a unique violation then sends the caller to a
 * try with them), ids for the new rows are drawn from the tables' identity sequences so children can
 * name their parents without a round trip, and only rows that do not exist yet are copied. The outcome is the statement path's: a record whose
 * debtor exists adds its account to that debtor (without touching the debtor or its details), an
 * existing account takes only its entries not posted yet, conflicts are judged by the same rules. A
 * concurrent writer inserting the same external ids between the look-up and the COPY makes the COPY
 * fail with a unique violation; the caller then rolls back and redoes the batch with statements.
 */
export async function writeBatchWithCopy(
  client: pg.PoolClient,
  context: CopyBatchContext,
  sequences: IdSequences,
  records: readonly IntakeRecord[],
  entryIds: number[],
  assumeNew: boolean,
): Promise<IntakeBatchResult> {
  const result = emptyBatchResult()
  const { tenantId } = context
  const debtors = distinctDebtors(records)
  const [debtorIds, existing] = assumeNew
    ? [new Map<string, number>(), new Map<string, ExistingAccount>()]
    : await lookUp(client, tenantId, debtors, records)
  const newDebtors = debtors.filter((d) => !debtorIds.has(d.externalId))
  const newRecords = records.filter((r) => !existing.has(r.account.externalId))
  const addressCount = newDebtors.reduce((sum, d) => sum + (d.addresses?.length ?? 0), 0)
  // With every row new, the entries' ids are drawn in the same round trip: at most one per entry
  // (an id a repeated entry leaves unused is a gap, like a rolled-back default).
  const entryCount = assumeNew ? records.reduce((sum, r) => sum + r.entries.length, 0) : 0
  const [debtorIdList, addressIdList, accountIdList, entryIdList] = await reserveIds(client, [
    [sequences.debtors, newDebtors.length],
    [sequences.addresses, addressCount],
    [sequences.accounts, newRecords.length],
    [sequences.entries, entryCount],
  ])
  newDebtors.forEach((d, i) => {
    debtorIds.set(d.externalId, debtorIdList?.[i] as number)
  })

  let debtorText = ''
  let addressText = ''
  let contactText = ''
  let addressIndex = 0
  for (const d of newDebtors) {
    const debtorId = debtorIds.get(d.externalId) as number
    debtorText += copyLine([
      debtorId,
      tenantId,
      d.externalId,
      d.kind,
      d.name,
      d.givenName,
      d.familyName,
      d.preferredLanguage,
      d.statedTimeZone,
    ])
    // A postal contact points at the debtor's primary address, else its first (lowest id): the rule
    // the statement path applies in SQL, applied here to the ids this batch draws (a new debtor has no
    // other addresses).
    let postalAddress: number | null = null
    let postalIsPrimary = false
    for (const a of d.addresses ?? []) {
      const id = addressIdList?.[addressIndex++] as number
      const primary = a.isPrimary === true
      if (
        postalAddress === null ||
        (primary && !postalIsPrimary) ||
        (primary === postalIsPrimary && id < postalAddress)
      ) {
        postalAddress = id
        postalIsPrimary = primary
      }
      addressText += copyLine([
        id,
        tenantId,
        debtorId,
        a.line1,
        a.line2,
        a.city,
        a.region,
        a.postalCode,
        a.country,
        a.timeZone,
        a.isPrimary ? 1 : 0,
      ])
    }
    for (const c of d.contacts ?? []) {
      contactText += copyLine([
        tenantId,
        debtorId,
        c.kind,
        c.phoneType,
        c.value,
        c.kind === 'postal' ? postalAddress : null,
        c.consent ?? 'unknown',
        c.consentAt,
        c.optedOutAt,
        c.timeZone,
      ])
    }
  }
  await copyText(client, 'debtors', DEBTOR_COLUMNS, debtorText)
  result.debtorsCreated = newDebtors.length
  await copyText(client, 'debtor_addresses', ADDRESS_COLUMNS, addressText)
  await copyText(client, 'contact_points', CONTACT_COLUMNS, contactText)

  const clientIds = await context.resolveClients(client, records)
  const newAccountIds = new Map<string, number>()
  let accountText = ''
  let instalmentText = ''
  newRecords.forEach((r, i) => {
    const a = r.account
    const id = accountIdList?.[i] as number
    newAccountIds.set(a.externalId, id)
    accountText += copyLine([
      id,
      tenantId,
      a.clientExternalId ? (clientIds.get(a.clientExternalId) ?? null) : null,
      debtorIds.get(r.debtor.externalId),
      a.externalId,
      a.originalCreditor,
      a.currentCreditor,
      a.debtKind,
      a.currency,
      a.jurisdiction,
      a.openedOn,
      a.dueOn,
      a.chargeOffOn,
      a.status,
      attributesJson(r),
      context.importRunId,
    ])
    ;(r.instalments ?? []).forEach((instalment, seq) => {
      instalmentText += copyLine([id, seq + 1, instalment.dueOn, instalment.amountMinor])
    })
  })
  await copyText(client, 'accounts', ACCOUNT_COLUMNS, accountText)
  result.accountsCreated = newRecords.length
  await copyText(client, 'account_instalments', INSTALMENT_COLUMNS, instalmentText)

  const { accountIds, posted } = await context.judgeExisting(client, records, existing, debtorIds, result)
  for (const [externalId, id] of newAccountIds) accountIds.set(externalId, id)

  // Entries to post: on a new account all of them, on an existing one those not posted yet; an
  // external id repeated within a record is taken once (first wins, as ON CONFLICT DO NOTHING did).
  const entries: [number, IntakeRecord['entries'][number]][] = []
  for (const r of records) {
    const accountId = accountIds.get(r.account.externalId)
    if (accountId === undefined) continue
    const before = posted.get(accountId)
    const taken = new Set<string>()
    for (const e of r.entries) {
      if (taken.has(e.externalId) || before?.has(e.externalId)) continue
      taken.add(e.externalId)
      entries.push([accountId, e])
    }
  }
  const [ids = []] = assumeNew
    ? [entryIdList ?? []]
    : await reserveIds(client, [[sequences.entries, entries.length]])
  const postedAt = new Date().toISOString()
  let entryText = ''
  entries.forEach(([accountId, e], i) => {
    const id = ids[i] as number
    entryIds.push(id)
    const line: CopyValue[] = [
      id,
      tenantId,
      accountId,
      e.kind,
      e.amountMinor,
      e.effectiveOn,
      postedAt,
      e.externalId,
      e.memo,
      component(e.kind),
    ]
    entryText += copyLine(line)
  })
  await copyText(client, 'ledger_entries', ENTRY_COLUMNS, entryText)
  result.entriesPosted = entries.length
  return result
}
