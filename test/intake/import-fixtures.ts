import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { CsvParser } from '../../src/core/intake/csv-parser.ts'
import type { Store } from '../../src/store/connect.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { createTestTenant } from '../support/factories.ts'

export { IBM_SAMPLE } from '../support/ibm-sample.ts'

/** A fresh temporary directory, removed when the enclosing suite (or file) is done. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A creditor tenant with USD books. */
export function createTenant(store: Store, slug: string): Promise<Tenant> {
  return createTestTenant(store.db, slug)
}

/** Rows of a CSV file (header included), parsed with the importer's own parser. */
export function readCsv(path: string): string[][] {
  const parser = new CsvParser()
  return parser.end(parser.push(readFileSync(path, 'utf8'))).map((row) => row.fields)
}

/** A tenant's books in a form independent of database ids, for comparing two imports. */
export async function snapshot(store: Store, tenantId: number) {
  const accounts = await store.db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .select([
      'a.external_id',
      'd.external_id as debtor',
      'd.name as debtor_name',
      'd.kind as debtor_kind',
      'a.status',
      'a.currency',
      'a.jurisdiction',
      'a.opened_on',
      'a.due_on',
      'a.debt_kind',
      'a.original_creditor',
      'a.attributes',
    ])
    .where('a.tenant_id', '=', tenantId)
    .orderBy('a.external_id')
    .execute()
  const entries = await store.db
    .selectFrom('ledger_entries as e')
    .innerJoin('accounts as a', 'a.id', 'e.account_id')
    .select(['a.external_id as account', 'e.kind', 'e.amount_minor', 'e.effective_on', 'e.external_id'])
    .where('e.tenant_id', '=', tenantId)
    .orderBy('a.external_id')
    .orderBy('e.external_id')
    .execute()
  const balances = new Map<string, number>()
  for (const entry of entries) {
    balances.set(entry.account, (balances.get(entry.account) ?? 0) + Number(entry.amount_minor))
  }
  const count = async (table: 'debtors' | 'contact_points' | 'debtor_addresses') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    accounts: accounts.map((a) => ({ ...a, attributes: a.attributes ? JSON.parse(a.attributes) : null })),
    entries: entries.map((e) => ({ ...e, amount_minor: Number(e.amount_minor) })),
    balances: Object.fromEntries(balances),
    debtors: await count('debtors'),
    contacts: await count('contact_points'),
    addresses: await count('debtor_addresses'),
  }
}

/** The tenant's import runs and import.completed journal events, oldest first. */
export async function importHistory(store: Store, tenantId: number) {
  const runs = await store.db
    .selectFrom('import_runs')
    .select(['id', 'status', 'counts', 'file_sha256'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute()
  const events = await store.db
    .selectFrom('journal_events')
    .select(['type', 'subject', 'payload'])
    .where('tenant_id', '=', tenantId)
    .where('type', '=', 'import.completed')
    .orderBy('seq')
    .execute()
  return {
    runs: runs.map((r) => ({ ...r, id: Number(r.id), counts: r.counts ? JSON.parse(r.counts) : null })),
    events: events.map((e) => ({ ...e, payload: JSON.parse(e.payload) })),
  }
}
