import type pg from 'pg'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import { type CopyValue, copyLine, copyText } from '../../src/store/intake/copy-rows.ts'

/** The floor's COPY text per table, ids already assigned. */
export interface CopyFloorText {
  readonly clients: string
  readonly debtors: string
  readonly accounts: string
  readonly ledgerEntries: string
}

const CLIENT_COLUMNS = ['id', 'tenant_id', 'external_id', 'name']
const DEBTOR_COLUMNS = ['id', 'tenant_id', 'external_id', 'kind', 'name']
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
  'status',
]
const ENTRY_COLUMNS = [
  'tenant_id',
  'account_id',
  'kind',
  'amount_minor',
  'effective_on',
  'posted_at',
  'external_id',
  'component',
]

/** Ids drawn from a table's identity sequence (before the clock starts). */
async function reserveIds(pool: pg.Pool, table: string, count: number): Promise<number[]> {
  const result = await pool.query<{ id: string }>(
    `select nextval(pg_get_serial_sequence($1, 'id'))::text as id from generate_series(1, $2)`,
    [table, count],
  )
  return result.rows.map((row) => Number(row.id)).sort((a, b) => a - b)
}

/**
 * The PostgreSQL import floor's preparation, outside the timing: the client, debtor, account and
 * ledger rows of the records as COPY text, with their ids drawn from the tables' own sequences so
 * that accounts can name their debtor and entries their account without a round trip.
 */
export async function copyFloorText(
  pool: pg.Pool,
  tenantId: number,
  records: readonly IntakeRecord[],
  postedAt: string,
): Promise<CopyFloorText> {
  const clientKeys = [...new Set(records.map((r) => r.account.clientExternalId ?? ''))]
  const debtorKeys = [...new Set(records.map((r) => r.debtor.externalId))]
  const clientIds = await reserveIds(pool, 'clients', clientKeys.length)
  const debtorIds = await reserveIds(pool, 'debtors', debtorKeys.length)
  const accountIds = await reserveIds(pool, 'accounts', records.length)
  const clientId = new Map(clientKeys.map((key, i) => [key, clientIds[i] as number]))
  const debtorId = new Map(debtorKeys.map((key, i) => [key, debtorIds[i] as number]))
  const rows = (lines: CopyValue[][]) => lines.map(copyLine).join('')
  const debtorRows: CopyValue[][] = []
  const seen = new Set<string>()
  for (const r of records) {
    if (seen.has(r.debtor.externalId)) continue
    seen.add(r.debtor.externalId)
    debtorRows.push([
      debtorId.get(r.debtor.externalId),
      tenantId,
      r.debtor.externalId,
      r.debtor.kind,
      r.debtor.name,
    ])
  }
  let accounts = ''
  let ledgerEntries = ''
  records.forEach((r, i) => {
    const a = r.account
    const id = accountIds[i] as number
    accounts += copyLine([
      id,
      tenantId,
      clientId.get(a.clientExternalId ?? ''),
      debtorId.get(r.debtor.externalId),
      a.externalId,
      a.originalCreditor,
      a.currentCreditor,
      a.debtKind,
      a.currency,
      a.jurisdiction,
      a.openedOn,
      a.dueOn,
      a.status,
    ])
    for (const e of r.entries) {
      const component = e.kind === 'fee' ? 'fee' : e.kind === 'interest' ? 'interest' : 'principal'
      ledgerEntries += copyLine([
        tenantId,
        id,
        e.kind,
        e.amountMinor,
        e.effectiveOn,
        postedAt,
        e.externalId,
        component,
      ])
    }
  })
  return {
    clients: rows(clientKeys.map((key) => [clientId.get(key), tenantId, key, key])),
    debtors: rows(debtorRows),
    accounts,
    ledgerEntries,
  }
}

/** The timed part: one COPY per table, in one transaction, into the real tables with every index and constraint. */
export async function copyFloor(pool: pg.Pool, text: CopyFloorText): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    await copyText(client, 'clients', CLIENT_COLUMNS, text.clients)
    await copyText(client, 'debtors', DEBTOR_COLUMNS, text.debtors)
    await copyText(client, 'accounts', ACCOUNT_COLUMNS, text.accounts)
    await copyText(client, 'ledger_entries', ENTRY_COLUMNS, text.ledgerEntries)
    await client.query('commit')
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
