import type pg from 'pg'
import type { IntakeBatchResult, IntakeRecord } from '../../core/intake/intake-record.ts'
import { coverOfRows, type RowCover, toIdRanges } from '../../core/journal/row-digest.ts'
import {
  journalInsertSql,
  journalRowValues,
  type NewJournalEvent,
  nextJournalRow,
} from '../journal.repository.ts'
import { coveredRowsSql } from '../journal-coverage.repository.ts'
import {
  attributesJson,
  type BatchJournal,
  batchJournalEvent,
  changedEntryConflict,
  distinctClients,
  distinctDebtors,
  emptyBatchResult,
  existingAccountConflict,
} from './intake-plan.ts'
import {
  type CopyBatchContext,
  type ExistingAccount,
  type IdSequences,
  identitySequences,
  writeBatchWithCopy,
} from './postgres-intake-copy.ts'

type IdRow = { id: number; external_id: string }

/** PostgreSQL's unique_violation: a concurrent writer inserted an external id the batch looked up as new. */
const UNIQUE_VIOLATION = '23505'

/**
 * Writes intake batches to PostgreSQL: one transaction per batch, keyed by external ids so a re-run
 * after a crash writes only what is missing. The rows go in by `COPY ... FROM STDIN`
 * (postgres-intake-copy.ts); if a concurrent writer inserts one of the batch's external ids first, the
 * batch is rolled back and written again with multi-row statements (columns passed as arrays and
 * expanded with unnest, insert-or-skip by ON CONFLICT DO NOTHING), which wait for and skip such rows.
 */
export class PostgresIntakeWriter {
  private readonly clientIds = new Map<string, number>()
  private sequences: IdSequences | undefined
  /** Whether the next batch is tried as all new first (see `write`). */
  private expectNew = true
  /** Rows this writer created, at the last ANALYZE and since. */
  private rowsAtLastAnalyze = 0
  private rowsSinceAnalyze = 0

  constructor(
    private readonly pool: pg.Pool,
    private readonly tenantId: number,
    private readonly importRunId: number | null,
    private readonly journal: BatchJournal,
  ) {}

  /**
   * Writes one batch atomically. While batches come in new (a fresh import), each is COPYed as new
   * with no look-ups; a unique violation means some external id exists, and the batch is rolled back
   * and tried again with look-ups (as the following batches are, until one finds nothing that exists).
   * If that also meets a unique violation, a concurrent writer inserted one of its ids in between, and
   * the statements' insert-or-skip takes over.
   */
  async write(records: readonly IntakeRecord[]): Promise<IntakeBatchResult> {
    for (const how of this.expectNew ? (['new', 'copy'] as const) : (['copy'] as const)) {
      try {
        const result = await this.writeOnce(records, how)
        this.expectNew =
          result.accountsCreated === records.length &&
          result.debtorsCreated === distinctDebtors(records).length
        return result
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error
        this.expectNew = false
      }
    }
    return await this.writeOnce(records, 'statements')
  }

  private async writeOnce(
    records: readonly IntakeRecord[],
    how: 'new' | 'copy' | 'statements',
  ): Promise<IntakeBatchResult> {
    const client = await this.pool.connect()
    const clientsBefore = new Map(this.clientIds)
    try {
      await client.query('begin')
      const entryIds: number[] = []
      const result =
        how === 'statements'
          ? await this.writeWithStatements(client, records, entryIds)
          : await this.writeWithCopy(client, records, entryIds, how === 'new')
      const coverage = await this.coverEntries(client, entryIds)
      const event = batchJournalEvent(this.tenantId, this.journal, records, result, coverage)
      if (event) await this.appendEvent(client, event)
      await client.query('commit')
      await this.analyzeAsTablesGrow(result)
      return result
    } catch (error) {
      await client.query('rollback').catch(() => {})
      // Clients this transaction inserted are gone again: forget their ids.
      this.clientIds.clear()
      for (const [key, id] of clientsBefore) this.clientIds.set(key, id)
      throw error
    } finally {
      client.release()
    }
  }

  /**
   * Refreshes planner statistics whenever this writer has doubled what it wrote (from 500 rows on).
   * Without it, PostgreSQL plans the foreign-key checks of a fresh, never-analyzed table once per
   * session and may keep a plan that scans every account for each new ledger row: quadratic work,
   * measured at 60 s for 40k rows. ANALYZE invalidates those cached plans; doubling keeps it to
   * about log2(rows) runs.
   */
  private async analyzeAsTablesGrow(result: IntakeBatchResult): Promise<void> {
    this.rowsSinceAnalyze += result.debtorsCreated + result.accountsCreated + result.entriesPosted
    if (this.rowsSinceAnalyze < Math.max(500, this.rowsAtLastAnalyze)) return
    await this.pool.query('analyze debtors, accounts, ledger_entries, contact_points')
    this.rowsAtLastAnalyze += this.rowsSinceAnalyze
    this.rowsSinceAnalyze = 0
  }

  /** The digest of the ledger lines this batch posted, read back as stored (what verify will read). */
  private async coverEntries(client: pg.PoolClient, ids: readonly number[]): Promise<RowCover[]> {
    if (ids.length === 0) return []
    const ranges = toIdRanges(ids)
    const rows: Record<string, unknown>[] = []
    for (const [from, to] of ranges) {
      const page = await client.query(
        coveredRowsSql('ledger_entries', (n) => `$${n}`),
        [this.tenantId, from, to],
      )
      rows.push(...page.rows)
    }
    return [coverOfRows('ledger_entries', ranges, rows)]
  }

  private async writeWithCopy(
    client: pg.PoolClient,
    records: readonly IntakeRecord[],
    entryIds: number[],
    assumeNew: boolean,
  ): Promise<IntakeBatchResult> {
    this.sequences ??= await identitySequences(client)
    const context: CopyBatchContext = {
      tenantId: this.tenantId,
      importRunId: this.importRunId,
      resolveClients: async (c, batch) => {
        await this.resolveClients(c, batch)
        return this.clientIds
      },
      judgeExisting: async (c, batch, existing, debtorIds, result) => {
        const found = [...existing.values()]
        const posted = await this.postedEntries(
          c,
          found.map((row) => row.id),
        )
        const accountIds = this.judgeExisting(batch, new Map(), existing, posted, debtorIds, result)
        return { accountIds, posted }
      },
    }
    return writeBatchWithCopy(client, context, this.sequences, records, entryIds, assumeNew)
  }

  /** The batch with multi-row statements, each insert-or-skip (the fallback when a COPY meets a concurrent writer). */
  private async writeWithStatements(
    client: pg.PoolClient,
    records: readonly IntakeRecord[],
    entryIds: number[],
  ): Promise<IntakeBatchResult> {
    const result = emptyBatchResult()
    const tenantId = this.tenantId
    const debtors = distinctDebtors(records)
    const insertedDebtors = await client.query<IdRow>(
      `insert into debtors (tenant_id, external_id, kind, name, given_name, family_name, preferred_language, stated_time_zone)
       select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       on conflict (tenant_id, external_id) do nothing returning id, external_id`,
      [
        tenantId,
        debtors.map((d) => d.externalId),
        debtors.map((d) => d.kind),
        debtors.map((d) => d.name),
        debtors.map((d) => d.givenName ?? null),
        debtors.map((d) => d.familyName ?? null),
        debtors.map((d) => d.preferredLanguage ?? null),
        debtors.map((d) => d.statedTimeZone ?? null),
      ],
    )
    result.debtorsCreated = insertedDebtors.rowCount ?? 0
    const debtorIds = new Map(insertedDebtors.rows.map((row) => [row.external_id, row.id]))
    await this.writeDebtorDetails(
      client,
      debtors.filter((d) => debtorIds.has(d.externalId)),
      debtorIds,
    )
    await this.resolveMissing(
      client,
      'debtors',
      debtors.map((d) => d.externalId),
      debtorIds,
    )
    await this.resolveClients(client, records)

    const accounts = records.map((r) => r.account)
    const insertedAccounts = await client.query<IdRow>(
      `insert into accounts (tenant_id, client_id, debtor_id, external_id, original_creditor, current_creditor, debt_kind,
         currency, jurisdiction, opened_on, due_on, charge_off_on, status, attributes, import_run_id)
       select $1, *, $15::bigint from unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::text[], $10::date[], $11::date[], $12::date[], $13::text[], $14::text[])
       on conflict (tenant_id, external_id) do nothing returning id, external_id`,
      [
        tenantId,
        accounts.map((a) => (a.clientExternalId ? (this.clientIds.get(a.clientExternalId) ?? null) : null)),
        records.map((r) => debtorIds.get(r.debtor.externalId)),
        accounts.map((a) => a.externalId),
        accounts.map((a) => a.originalCreditor),
        accounts.map((a) => a.currentCreditor),
        accounts.map((a) => a.debtKind),
        accounts.map((a) => a.currency),
        accounts.map((a) => a.jurisdiction),
        accounts.map((a) => a.openedOn),
        accounts.map((a) => a.dueOn),
        accounts.map((a) => a.chargeOffOn ?? null),
        accounts.map((a) => a.status),
        records.map(attributesJson),
        this.importRunId,
      ],
    )
    result.accountsCreated = insertedAccounts.rowCount ?? 0
    const newAccountIds = new Map(insertedAccounts.rows.map((row) => [row.external_id, row.id]))
    const accountIds = await this.resolveExistingAccounts(client, records, newAccountIds, debtorIds, result)

    const instalments = records.flatMap((r) =>
      newAccountIds.has(r.account.externalId)
        ? (r.instalments ?? []).map((i, seq) => ({
            ...i,
            seq: seq + 1,
            accountId: newAccountIds.get(r.account.externalId),
          }))
        : [],
    )
    if (instalments.length > 0) {
      await client.query(
        `insert into account_instalments (account_id, seq, due_on, amount_minor)
         select * from unnest($1::bigint[], $2::int[], $3::date[], $4::bigint[])`,
        [
          instalments.map((i) => i.accountId),
          instalments.map((i) => i.seq),
          instalments.map((i) => i.dueOn),
          instalments.map((i) => i.amountMinor),
        ],
      )
    }
    const entries = records.flatMap((r) => {
      const accountId = accountIds.get(r.account.externalId)
      return accountId === undefined ? [] : r.entries.map((e) => ({ ...e, accountId }))
    })
    const posted = await client.query(
      `insert into ledger_entries (tenant_id, account_id, kind, amount_minor, effective_on, posted_at, external_id, memo, component)
       select $1, a, k, m, e, $2, x, n, case k when 'fee' then 'fee' when 'interest' then 'interest' else 'principal' end
       from unnest($3::bigint[], $4::text[], $5::bigint[], $6::date[], $7::text[], $8::text[])
         as u(a, k, m, e, x, n)
       on conflict (account_id, external_id) do nothing returning id`,
      [
        tenantId,
        new Date().toISOString(),
        entries.map((e) => e.accountId),
        entries.map((e) => e.kind),
        entries.map((e) => e.amountMinor),
        entries.map((e) => e.effectiveOn),
        entries.map((e) => e.externalId),
        entries.map((e) => e.memo ?? null),
      ],
    )
    result.entriesPosted = posted.rowCount ?? 0
    for (const row of posted.rows as { id: number }[]) entryIds.push(Number(row.id))
    return result
  }

  private async resolveMissing(
    client: pg.PoolClient,
    table: 'debtors' | 'clients',
    externalIds: string[],
    ids: Map<string, number>,
  ) {
    const missing = externalIds.filter((id) => !ids.has(id))
    if (missing.length === 0) return
    const found = await client.query<IdRow>(
      `select id, external_id from ${table} where tenant_id = $1 and external_id = any($2::text[])`,
      [this.tenantId, missing],
    )
    for (const row of found.rows) ids.set(row.external_id, row.id)
  }

  private async resolveClients(client: pg.PoolClient, records: readonly IntakeRecord[]) {
    const clients = distinctClients(records).filter((c) => !this.clientIds.has(c.externalId))
    if (clients.length === 0) return
    const inserted = await client.query<IdRow>(
      `insert into clients (tenant_id, external_id, name) select $1, * from unnest($2::text[], $3::text[])
       on conflict (tenant_id, external_id) do nothing returning id, external_id`,
      [this.tenantId, clients.map((c) => c.externalId), clients.map((c) => c.name)],
    )
    for (const row of inserted.rows) this.clientIds.set(row.external_id, row.id)
    await this.resolveMissing(
      client,
      'clients',
      clients.map((c) => c.externalId),
      this.clientIds,
    )
  }

  private async resolveExistingAccounts(
    client: pg.PoolClient,
    records: readonly IntakeRecord[],
    newAccountIds: Map<string, number>,
    debtorIds: Map<string, number>,
    result: IntakeBatchResult,
  ): Promise<Map<string, number>> {
    const missing = records.filter((r) => !newAccountIds.has(r.account.externalId))
    if (missing.length === 0) return new Map(newAccountIds)
    const found = await client.query<ExistingAccount>(
      'select id, external_id, debtor_id, currency, import_run_id from accounts where tenant_id = $1 and external_id = any($2::text[])',
      [this.tenantId, missing.map((r) => r.account.externalId)],
    )
    const existing = new Map(found.rows.map((row) => [row.external_id, row]))
    const posted = await this.postedEntries(
      client,
      found.rows.map((row) => row.id),
    )
    return this.judgeExisting(records, newAccountIds, existing, posted, debtorIds, result)
  }

  /**
   * The account ids of the batch: the new ones, plus each existing account whose record agrees with it
   * (debtor, currency, not an earlier row of this run, no entry changed); a record that disagrees is a
   * conflict on the result instead.
   */
  private judgeExisting(
    records: readonly IntakeRecord[],
    newAccountIds: ReadonlyMap<string, number>,
    existing: ReadonlyMap<string, ExistingAccount>,
    posted: ReadonlyMap<number, ReadonlyMap<string, { kind: string; amount_minor: number }>>,
    debtorIds: ReadonlyMap<string, number>,
    result: IntakeBatchResult,
  ): Map<string, number> {
    const accountIds = new Map(newAccountIds)
    records.forEach((record, index) => {
      const row = newAccountIds.has(record.account.externalId)
        ? undefined
        : existing.get(record.account.externalId)
      if (!row) return
      const conflict =
        existingAccountConflict(
          row,
          debtorIds.get(record.debtor.externalId) as number,
          record,
          this.importRunId,
        ) ?? changedEntryConflict(record, posted.get(row.id) ?? new Map())
      if (conflict) {
        result.conflicts.push({ index, field: 'account', reason: conflict })
        return
      }
      accountIds.set(record.account.externalId, row.id)
      result.accountsExisting++
    })
    return accountIds
  }

  /**
   * Appends the batch's journal event as the transaction's last step: bumping the head row locks it
   * until commit, so concurrent batches serialize only here, not for their whole write.
   */
  private async appendEvent(client: pg.PoolClient, event: NewJournalEvent): Promise<void> {
    const head = await client.query<{ seq: number; hash: string }>(
      'update journal_heads set seq = seq + 1 where tenant_id = $1 returning seq, hash',
      [this.tenantId],
    )
    const current = head.rows[0]
    if (!current) throw new Error(`tenant ${this.tenantId} has no journal head`)
    const row = nextJournalRow(current, event)
    await client.query(
      journalInsertSql((n) => `$${n}`),
      journalRowValues(row),
    )
    await client.query('update journal_heads set hash = $1 where tenant_id = $2', [row.hash, this.tenantId])
  }

  /** Entries already posted on existing accounts, by account and external id. */
  private async postedEntries(client: pg.PoolClient, accountIds: number[]) {
    const byAccount = new Map<number, Map<string, { kind: string; amount_minor: number }>>()
    if (accountIds.length === 0) return byAccount
    const rows = await client.query<{
      account_id: number
      external_id: string
      kind: string
      amount_minor: number
    }>(
      `select account_id, external_id, kind, amount_minor from ledger_entries
       where account_id = any($1::bigint[]) and external_id is not null`,
      [accountIds],
    )
    for (const row of rows.rows) {
      const entries = byAccount.get(row.account_id) ?? new Map()
      entries.set(row.external_id, row)
      byAccount.set(row.account_id, entries)
    }
    return byAccount
  }

  private async writeDebtorDetails(
    client: pg.PoolClient,
    debtors: IntakeRecord['debtor'][],
    ids: Map<string, number>,
  ) {
    const addresses = debtors.flatMap((d) =>
      (d.addresses ?? []).map((a) => ({ ...a, debtorId: ids.get(d.externalId) })),
    )
    if (addresses.length > 0) {
      await client.query(
        `insert into debtor_addresses (tenant_id, debtor_id, line1, line2, city, region, postal_code, country, time_zone, is_primary)
         select $1, * from unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[])`,
        [
          this.tenantId,
          addresses.map((a) => a.debtorId),
          addresses.map((a) => a.line1 ?? null),
          addresses.map((a) => a.line2 ?? null),
          addresses.map((a) => a.city ?? null),
          addresses.map((a) => a.region ?? null),
          addresses.map((a) => a.postalCode ?? null),
          addresses.map((a) => a.country),
          addresses.map((a) => a.timeZone ?? null),
          addresses.map((a) => (a.isPrimary ? 1 : 0)),
        ],
      )
    }
    const contacts = debtors.flatMap((d) =>
      (d.contacts ?? []).map((c) => ({ ...c, debtorId: ids.get(d.externalId) })),
    )
    if (contacts.length > 0) {
      await client.query(
        `insert into contact_points (tenant_id, debtor_id, kind, phone_type, value, address_id, consent, consent_at, opted_out_at, time_zone)
         select $1, d, k, p, v,
           case when k = 'postal' then (select a.id from debtor_addresses a where a.debtor_id = u.d order by a.is_primary desc, a.id limit 1) end,
           c, ca::timestamptz, o::timestamptz, z
         from unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           as u(d, k, p, v, c, ca, o, z)`,
        [
          this.tenantId,
          contacts.map((c) => c.debtorId),
          contacts.map((c) => c.kind),
          contacts.map((c) => c.phoneType ?? null),
          contacts.map((c) => c.value),
          contacts.map((c) => c.consent ?? 'unknown'),
          contacts.map((c) => c.consentAt ?? null),
          contacts.map((c) => c.optedOutAt ?? null),
          contacts.map((c) => c.timeZone ?? null),
        ],
      )
    }
  }
}
