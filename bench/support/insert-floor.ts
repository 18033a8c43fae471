import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import type { Store } from '../../src/store/connect.ts'

/**
 * The import floor: the debtor, client, account and ledger rows of already-parsed records, inserted
 * with no parsing, validation, idempotency checks or journal. SQLite: a bare prepared INSERT loop in one
 * transaction. PostgreSQL: the same rows in multi-row `unnest` statements of 2000 rows in one transaction,
 * because a row-per-round-trip loop there would be slower than the importer itself (bench/README.md).
 */
export async function insertFloor(
  store: Store,
  tenantId: number,
  records: readonly IntakeRecord[],
): Promise<void> {
  const postedAt = new Date().toISOString()
  if (store.dialect === 'sqlite') {
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
    return
  }
  const pool = store.native
  const conn = await pool.connect()
  try {
    await conn.query('begin')
    const clientIds = new Map<string, number>()
    const debtorIds = new Map<string, number>()
    for (let start = 0; start < records.length; start += 2000) {
      const batch = records.slice(start, start + 2000)
      const newClients = [...new Set(batch.map((r) => r.account.clientExternalId ?? ''))].filter(
        (c) => !clientIds.has(c),
      )
      if (newClients.length > 0) {
        const rows = await conn.query<{ id: number; external_id: string }>(
          'insert into clients (tenant_id, external_id, name) select $1, c, c from unnest($2::text[]) c returning id, external_id',
          [tenantId, newClients],
        )
        for (const row of rows.rows) clientIds.set(row.external_id, row.id)
      }
      const newDebtors = [
        ...new Map(
          batch
            .filter((r) => !debtorIds.has(r.debtor.externalId))
            .map((r) => [r.debtor.externalId, r.debtor]),
        ).values(),
      ]
      const debtorRows = await conn.query<{ id: number; external_id: string }>(
        `insert into debtors (tenant_id, external_id, kind, name) select $1, * from unnest($2::text[], $3::text[], $4::text[])
         returning id, external_id`,
        [
          tenantId,
          newDebtors.map((d) => d.externalId),
          newDebtors.map((d) => d.kind),
          newDebtors.map((d) => d.name),
        ],
      )
      for (const row of debtorRows.rows) debtorIds.set(row.external_id, row.id)
      const a = batch.map((r) => r.account)
      const accountRows = await conn.query<{ id: number; external_id: string }>(
        `insert into accounts (tenant_id, client_id, debtor_id, external_id, original_creditor, current_creditor, debt_kind,
           currency, jurisdiction, opened_on, due_on, status)
         select $1, * from unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
           $9::text[], $10::date[], $11::date[], $12::text[]) returning id, external_id`,
        [
          tenantId,
          a.map((x) => clientIds.get(x.clientExternalId ?? '')),
          batch.map((r) => debtorIds.get(r.debtor.externalId)),
          a.map((x) => x.externalId),
          a.map((x) => x.originalCreditor),
          a.map((x) => x.currentCreditor),
          a.map((x) => x.debtKind),
          a.map((x) => x.currency),
          a.map((x) => x.jurisdiction),
          a.map((x) => x.openedOn),
          a.map((x) => x.dueOn),
          a.map((x) => x.status),
        ],
      )
      const accountIds = new Map(accountRows.rows.map((row) => [row.external_id, row.id]))
      const entries = batch.flatMap((r) =>
        r.entries.map((e) => ({ ...e, accountId: accountIds.get(r.account.externalId) })),
      )
      await conn.query(
        `insert into ledger_entries (tenant_id, account_id, kind, amount_minor, effective_on, posted_at, external_id)
         select $1, a, k, m, e, $2, x from unnest($3::bigint[], $4::text[], $5::bigint[], $6::date[], $7::text[]) as u(a, k, m, e, x)`,
        [
          tenantId,
          postedAt,
          entries.map((e) => e.accountId),
          entries.map((e) => e.kind),
          entries.map((e) => e.amountMinor),
          entries.map((e) => e.effectiveOn),
          entries.map((e) => e.externalId),
        ],
      )
    }
    await conn.query('commit')
  } finally {
    conn.release()
  }
}
