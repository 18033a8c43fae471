import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import type { Store } from '../../src/store/connect.ts'
import { copyFloor, copyFloorText } from './copy-floor.ts'

/**
 * The import floor, prepared (what is returned is the timed work): the debtor, client, account and ledger rows of already-parsed records, inserted
 * with no parsing, validation, idempotency checks or journal. SQLite: a bare prepared INSERT loop in one
 * transaction. PostgreSQL: `COPY ... FROM STDIN` per table, a transaction per 10,000 records
 * (bench/support/copy-floor.ts), PostgreSQL's fastest way to take rows. For PostgreSQL the COPY text is made before the clock starts,
 * so the work returned times the COPYs alone.
 */
export async function prepareInsertFloor(
  store: Store,
  tenantId: number,
  records: readonly IntakeRecord[],
): Promise<() => Promise<void>> {
  const postedAt = new Date().toISOString()
  if (store.dialect === 'postgres') {
    const pool = store.native
    const text = await copyFloorText(pool, tenantId, records, postedAt)
    return () => copyFloor(pool, text)
  }
  return async () => {
    const n = store.native
    const client = n.prepare('insert into clients (tenant_id, external_id, name) values (?, ?, ?)')
    const debtor = n.prepare('insert into debtors (tenant_id, external_id, kind, name) values (?, ?, ?, ?)')
    const account = n.prepare(
      `insert into accounts (tenant_id, client_id, debtor_id, external_id, original_creditor, current_creditor, debt_kind,
         currency, jurisdiction, opened_on, due_on, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const entry = n.prepare(
      `insert into ledger_entries (tenant_id, account_id, kind, amount_minor, effective_on, posted_at, external_id)
       values (?, ?, ?, ?, ?, ?, ?)`,
    )
    n.transaction(() => {
      const clients = new Map<string, number>()
      const debtors = new Map<string, number>()
      for (const r of records) {
        const c = r.account.clientExternalId ?? ''
        if (!clients.has(c)) clients.set(c, Number(client.run(tenantId, c, c).lastInsertRowid))
        let debtorId = debtors.get(r.debtor.externalId)
        if (debtorId === undefined) {
          debtorId = Number(
            debtor.run(tenantId, r.debtor.externalId, r.debtor.kind, r.debtor.name).lastInsertRowid,
          )
          debtors.set(r.debtor.externalId, debtorId)
        }
        const a = r.account
        const accountId = Number(
          account.run(
            tenantId,
            clients.get(c),
            debtorId,
            a.externalId,
            a.originalCreditor,
            a.currentCreditor,
            a.debtKind,
            a.currency,
            a.jurisdiction,
            a.openedOn,
            a.dueOn,
            a.status,
          ).lastInsertRowid,
        )
        for (const e of r.entries)
          entry.run(tenantId, accountId, e.kind, e.amountMinor, e.effectiveOn, postedAt, e.externalId)
      }
    })()
  }
}
