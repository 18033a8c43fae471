import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../schema.ts'

/** Rows per IN list, far below both databases' bound-parameter limits. */
const CHUNK = 500

/** The stored summary of a file already imported (same bytes), if any. */
export async function findImportedStatement(
  trx: Transaction<Database>,
  tenantId: number,
  sha256: string,
): Promise<string | undefined> {
  const row = await trx
    .selectFrom('bank_statements')
    .select('counts')
    .where('tenant_id', '=', tenantId)
    .where('file_sha256', '=', sha256)
    .executeTakeFirst()
  return row?.counts
}

/** Records an imported file; its summary is written when the import is done. */
export async function insertBankStatement(
  trx: Transaction<Database>,
  row: { tenantId: number; message: string; statementId: string; fileName: string; sha256: string },
): Promise<number> {
  const stored = await trx
    .insertInto('bank_statements')
    .values({
      tenant_id: row.tenantId,
      message: row.message,
      statement_id: row.statementId,
      file_name: row.fileName,
      file_sha256: row.sha256,
      counts: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return stored.id
}

/** Stores the import's summary with its file. */
export async function saveBankStatementSummary(
  trx: Transaction<Database>,
  statementId: number,
  summary: object,
): Promise<void> {
  await trx
    .updateTable('bank_statements')
    .set({ counts: JSON.stringify(summary) })
    .where('id', '=', statementId)
    .execute()
}

/** A bank transaction an earlier import already recorded, as a payment or in the unmatched queue. */
export interface KnownBankTransaction {
  as: 'payment' | 'unmatched'
  amountMinor: number
  currency: string
  on: string
}

/** Which of these bank transaction ids were already imported, and with which facts. */
export async function findKnownBankTransactions(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: number,
  ids: readonly string[],
): Promise<Map<string, KnownBankTransaction>> {
  const known = new Map<string, KnownBankTransaction>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK)
    const queued = await db
      .selectFrom('unmatched_credits')
      .select(['bank_transaction_id', 'amount_minor', 'currency', 'booked_on'])
      .where('tenant_id', '=', tenantId)
      .where('bank_transaction_id', 'in', chunk)
      .execute()
    for (const r of queued) {
      known.set(r.bank_transaction_id, {
        as: 'unmatched',
        amountMinor: Number(r.amount_minor),
        currency: r.currency,
        on: String(r.booked_on).slice(0, 10),
      })
    }
    const paid = await db
      .selectFrom('payments')
      .select(['external_id', 'amount_minor', 'currency', 'received_on'])
      .where('tenant_id', '=', tenantId)
      .where('external_id', 'in', chunk)
      .execute()
    for (const r of paid) {
      known.set(r.external_id, {
        as: 'payment',
        amountMinor: Number(r.amount_minor),
        currency: r.currency,
        on: String(r.received_on).slice(0, 10),
      })
    }
  }
  return known
}

/** One credit no rule could match (or held for review), for the unmatched queue. */
export interface NewUnmatchedCredit {
  tenantId: number
  bankStatementId: number
  bankTransactionId: string
  amountMinor: number
  currency: string
  bookedOn: string
  debtorName: string | null
  remittance: object
  suggestions: object[]
}

/** Queues an unmatched credit; false when its bank transaction id is already queued. */
export async function insertUnmatchedCredit(
  trx: Transaction<Database>,
  credit: NewUnmatchedCredit,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('unmatched_credits')
    .values({
      tenant_id: credit.tenantId,
      bank_statement_id: credit.bankStatementId,
      bank_transaction_id: credit.bankTransactionId,
      amount_minor: credit.amountMinor,
      currency: credit.currency,
      booked_on: credit.bookedOn,
      debtor_name: credit.debtorName,
      remittance: JSON.stringify(credit.remittance),
      suggestions: JSON.stringify(credit.suggestions),
      status: 'open',
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'bank_transaction_id']).doNothing())
    .executeTakeFirst()
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0
}

/** An open account as credit matching sees it: debtor name, balance, currency. */
export interface OpenAccountForMatching {
  id: number
  externalId: string
  currency: string
  debtorName: string
  balanceMinor: number
}

/** The tenant's open accounts with their debtor names and balances: what bank credits can match. */
export async function loadOpenAccountsForMatching(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: number,
): Promise<OpenAccountForMatching[]> {
  const rows = await db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('ledger_entries')
          .select((e) => ['account_id', e.fn.sum<number>('amount_minor').as('balance')])
          .where('tenant_id', '=', tenantId)
          .groupBy('account_id')
          .as('b'),
      (join) => join.onRef('b.account_id', '=', 'a.id'),
    )
    .select(['a.id', 'a.external_id', 'a.currency', 'd.name', 'b.balance'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.status', '=', 'open')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    externalId: r.external_id,
    currency: r.currency,
    debtorName: r.name,
    balanceMinor: Number(r.balance ?? 0),
  }))
}
