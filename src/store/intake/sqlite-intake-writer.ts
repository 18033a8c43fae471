import type SqliteDatabase from 'better-sqlite3'
import type { IntakeBatchResult, IntakeRecord } from '../../core/intake/intake-record.ts'
import { coverOfRows, type RowCover, toIdRanges } from '../../core/journal/row-digest.ts'
import { componentOfKind } from '../../core/ledger/ledger-entry.ts'
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
  POSTAL_ADDRESS_ID,
} from './intake-plan.ts'

type Statement = SqliteDatabase.Statement

/**
 * Writes intake batches to SQLite with prepared statements on the native handle: one transaction per
 * batch, insert-or-skip keyed by external ids, so a re-run after a crash writes only what is missing.
 * Native statements because this is the 1M-row path; a query builder per row would dominate it.
 */
export class SqliteIntakeWriter {
  private readonly insertDebtor: Statement
  private readonly findDebtor: Statement
  private readonly insertAddress: Statement
  private readonly insertContact: Statement
  private readonly insertClient: Statement
  private readonly findClient: Statement
  private readonly insertAccount: Statement
  private readonly findAccount: Statement
  private readonly insertInstalment: Statement
  private readonly insertEntry: Statement
  private readonly insertEntryIfMissing: Statement
  private readonly findEntries: Statement
  private readonly readEntries: Statement
  private readonly clientIds = new Map<string, number>()

  constructor(
    private readonly native: SqliteDatabase.Database,
    private readonly tenantId: number,
    private readonly importRunId: number | null,
    private readonly journal: BatchJournal,
  ) {
    const prepare = (sql: string) => native.prepare(sql)
    this.insertDebtor = prepare(
      `insert into debtors (tenant_id, external_id, kind, name, given_name, family_name, preferred_language, stated_time_zone)
       values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, external_id) do nothing`,
    )
    this.findDebtor = prepare('select id from debtors where tenant_id = ? and external_id = ?')
    this.insertAddress = prepare(
      `insert into debtor_addresses (tenant_id, debtor_id, line1, line2, city, region, postal_code, country, time_zone, is_primary)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.insertContact = prepare(
      `insert into contact_points (tenant_id, debtor_id, kind, phone_type, value, address_id, consent, consent_at, opted_out_at, time_zone)
       values (?, ?, ?, ?, ?, ${POSTAL_ADDRESS_ID}, ?, ?, ?, ?)`,
    )
    this.insertClient = prepare(
      `insert into clients (tenant_id, external_id, name) values (?, ?, ?)
       on conflict (tenant_id, external_id) do nothing returning id`,
    )
    this.findClient = prepare('select id from clients where tenant_id = ? and external_id = ?')
    this.insertAccount = prepare(
      `insert into accounts (tenant_id, client_id, debtor_id, external_id, original_creditor, current_creditor, debt_kind,
         currency, jurisdiction, opened_on, due_on, charge_off_on, status, attributes, import_run_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, external_id) do nothing`,
    )
    this.findAccount = prepare(
      'select id, debtor_id, currency, import_run_id from accounts where tenant_id = ? and external_id = ?',
    )
    this.insertInstalment = prepare(
      'insert into account_instalments (account_id, seq, due_on, amount_minor) values (?, ?, ?, ?)',
    )
    const insertEntrySql = `insert into ledger_entries (tenant_id, account_id, kind, amount_minor, effective_on, posted_at, external_id, memo, component)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    // A new account cannot have entries yet, so only existing accounts pay for the conflict check.
    this.insertEntry = prepare(insertEntrySql)
    this.insertEntryIfMissing = prepare(`${insertEntrySql} on conflict (account_id, external_id) do nothing`)
    this.findEntries = prepare(
      'select external_id, kind, amount_minor from ledger_entries where account_id = ? and external_id is not null',
    )
    this.readEntries = prepare(coveredRowsSql('ledger_entries', () => '?'))
  }

  /** Writes one batch atomically. */
  write(records: readonly IntakeRecord[]): IntakeBatchResult {
    return this.native.transaction(() => {
      const entryIds: number[] = []
      const result = this.writeInTransaction(records, entryIds)
      const event = batchJournalEvent(
        this.tenantId,
        this.journal,
        records,
        result,
        this.coverEntries(entryIds),
      )
      if (event) this.appendEvent(event)
      return result
    })()
  }

  /** The digest of the ledger lines this batch posted, read back as stored (what verify will read). */
  private coverEntries(ids: readonly number[]): RowCover[] {
    if (ids.length === 0) return []
    const ranges = toIdRanges(ids)
    const rows = ranges.flatMap(
      ([from, to]) => this.readEntries.all(this.tenantId, from, to) as Record<string, unknown>[],
    )
    return [coverOfRows('ledger_entries', ranges, rows)]
  }

  private writeInTransaction(records: readonly IntakeRecord[], entryIds: number[]): IntakeBatchResult {
    const result = emptyBatchResult()
    const postedAt = new Date().toISOString()
    const tenantId = this.tenantId
    const debtorIds = new Map<string, number>()
    for (const debtor of distinctDebtors(records)) {
      const inserted = this.insertDebtor.run(
        tenantId,
        debtor.externalId,
        debtor.kind,
        debtor.name,
        debtor.givenName ?? null,
        debtor.familyName ?? null,
        debtor.preferredLanguage ?? null,
        debtor.statedTimeZone ?? null,
      )
      // changes = 0: the debtor already exists (insert-or-skip); otherwise lastInsertRowid is its id.
      if (inserted.changes > 0) {
        const id = Number(inserted.lastInsertRowid)
        result.debtorsCreated++
        debtorIds.set(debtor.externalId, id)
        this.writeDebtorDetails(id, debtor)
      } else {
        const found = this.findDebtor.get(tenantId, debtor.externalId) as { id: number }
        debtorIds.set(debtor.externalId, found.id)
      }
    }
    for (const client of distinctClients(records)) {
      if (this.clientIds.has(client.externalId)) continue
      const row = (this.insertClient.get(tenantId, client.externalId, client.name) ??
        this.findClient.get(tenantId, client.externalId)) as { id: number }
      this.clientIds.set(client.externalId, row.id)
    }
    records.forEach((record, index) => {
      const { account } = record
      const debtorId = debtorIds.get(record.debtor.externalId) as number
      const clientId = account.clientExternalId
        ? (this.clientIds.get(account.clientExternalId) ?? null)
        : null
      const inserted = this.insertAccount.run(
        tenantId,
        clientId,
        debtorId,
        account.externalId,
        account.originalCreditor,
        account.currentCreditor,
        account.debtKind,
        account.currency,
        account.jurisdiction,
        account.openedOn,
        account.dueOn,
        account.chargeOffOn ?? null,
        account.status,
        attributesJson(record),
        this.importRunId,
      )
      let accountId: number
      let insertEntry = this.insertEntry
      if (inserted.changes > 0) {
        accountId = Number(inserted.lastInsertRowid)
        result.accountsCreated++
        record.instalments?.forEach((instalment, seq) => {
          this.insertInstalment.run(accountId, seq + 1, instalment.dueOn, instalment.amountMinor)
        })
      } else {
        const existing = this.findAccount.get(tenantId, account.externalId) as {
          id: number
          debtor_id: number
          currency: string
          import_run_id: number | null
        }
        const conflict =
          existingAccountConflict(existing, debtorId, record, this.importRunId) ??
          changedEntryConflict(record, this.postedEntries(existing.id))
        if (conflict) {
          result.conflicts.push({ index, field: 'account', reason: conflict })
          return
        }
        accountId = existing.id
        insertEntry = this.insertEntryIfMissing
        result.accountsExisting++
      }
      for (const entry of record.entries) {
        const { changes, lastInsertRowid } = insertEntry.run(
          tenantId,
          accountId,
          entry.kind,
          entry.amountMinor,
          entry.effectiveOn,
          postedAt,
          entry.externalId,
          entry.memo ?? null,
          componentOfKind(entry.kind),
        )
        result.entriesPosted += changes
        if (changes > 0) entryIds.push(Number(lastInsertRowid))
      }
    })
    return result
  }

  /** Appends the batch's journal event last, so the head row is locked for the shortest time. */
  private appendEvent(event: NewJournalEvent): void {
    const head = this.native
      .prepare('update journal_heads set seq = seq + 1 where tenant_id = ? returning seq, hash')
      .get(this.tenantId) as { seq: number; hash: string } | undefined
    if (!head) throw new Error(`tenant ${this.tenantId} has no journal head`)
    const row = nextJournalRow(head, event)
    this.native.prepare(journalInsertSql(() => '?')).run(...journalRowValues(row))
    this.native.prepare('update journal_heads set hash = ? where tenant_id = ?').run(row.hash, this.tenantId)
  }

  /** Entries already posted on an existing account, by external id. */
  private postedEntries(accountId: number): Map<string, { kind: string; amount_minor: number }> {
    const rows = this.findEntries.all(accountId) as {
      external_id: string
      kind: string
      amount_minor: number
    }[]
    return new Map(rows.map((row) => [row.external_id, row]))
  }

  private writeDebtorDetails(debtorId: number, debtor: IntakeRecord['debtor']): void {
    for (const address of debtor.addresses ?? []) {
      this.insertAddress.run(
        this.tenantId,
        debtorId,
        address.line1 ?? null,
        address.line2 ?? null,
        address.city ?? null,
        address.region ?? null,
        address.postalCode ?? null,
        address.country,
        address.timeZone ?? null,
        address.isPrimary ? 1 : 0,
      )
    }
    for (const contact of debtor.contacts ?? []) {
      this.insertContact.run(
        this.tenantId,
        debtorId,
        contact.kind,
        contact.phoneType ?? null,
        contact.value,
        contact.kind,
        debtorId,
        contact.consent ?? 'unknown',
        contact.consentAt ?? null,
        contact.optedOutAt ?? null,
        contact.timeZone ?? null,
      )
    }
  }
}
