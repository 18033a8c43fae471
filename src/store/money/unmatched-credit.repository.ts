import type { Kysely, Transaction } from 'kysely'
import type { MatchSuggestion } from '../../core/payments/match-payment.ts'
import type { Database, PaymentSource } from '../schema.ts'

/** A bank credit no rule could match, as the queue shows it: external references only. */
export interface UnmatchedCredit {
  id: number
  /** The bank's transaction reference: how people and the CLI name the credit. */
  reference: string
  amountMinor: number
  currency: string
  bookedOn: string
  debtorName: string | null
  remittance: unknown
  /** Suggested accounts with scores and reasons (account ids as recorded by the matcher). */
  suggestions: MatchSuggestion[]
  status: 'open' | 'matched' | 'dismissed'
  paymentId: number | null
  /** The statement's message type (camt.053 or camt.054), the source of a payment made from it. */
  source: PaymentSource
  statementId: string | null
}

const base = (db: Kysely<Database> | Transaction<Database>, tenantId: number) =>
  db
    .selectFrom('unmatched_credits as u')
    .leftJoin('bank_statements as s', 's.id', 'u.bank_statement_id')
    .select([
      'u.id',
      'u.bank_transaction_id',
      'u.amount_minor',
      'u.currency',
      'u.booked_on',
      'u.debtor_name',
      'u.remittance',
      'u.suggestions',
      'u.status',
      'u.payment_id',
      's.message',
      's.statement_id',
    ])
    .where('u.tenant_id', '=', tenantId)

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>

const toCredit = (r: Row): UnmatchedCredit => ({
  id: Number(r.id),
  reference: r.bank_transaction_id,
  amountMinor: Number(r.amount_minor),
  currency: r.currency,
  bookedOn: String(r.booked_on),
  debtorName: r.debtor_name,
  remittance: JSON.parse(r.remittance),
  suggestions: JSON.parse(r.suggestions),
  status: r.status,
  paymentId: r.payment_id === null ? null : Number(r.payment_id),
  source: r.message === 'camt.054' ? 'camt.054' : 'camt.053',
  statementId: r.statement_id ?? null,
})

/** The tenant's open unmatched credits, oldest first. */
export async function openUnmatchedCredits(
  db: Kysely<Database>,
  tenantId: number,
): Promise<UnmatchedCredit[]> {
  const rows = await base(db, tenantId).where('u.status', '=', 'open').orderBy('u.id').execute()
  return rows.map(toCredit)
}

/** The tenant's unmatched credit with this bank reference. */
export async function unmatchedCreditByReference(
  trx: Transaction<Database>,
  tenantId: number,
  reference: string,
): Promise<UnmatchedCredit | undefined> {
  const row = await base(trx, tenantId).where('u.bank_transaction_id', '=', reference).executeTakeFirst()
  return row ? toCredit(row) : undefined
}

/**
 * The tenant's unmatched credits whose identity ends in the bank's own reference (`IBAN|ref REF`), so
 * a person can name a credit by the reference printed on the statement. LIKE only narrows the scan;
 * the exact suffix is compared here, so wildcards in the reference cannot widen the result.
 */
export async function unmatchedCreditsByBankReference(
  trx: Transaction<Database>,
  tenantId: number,
  bankReference: string,
): Promise<UnmatchedCredit[]> {
  const suffix = `|ref ${bankReference}`
  const rows = await base(trx, tenantId)
    .where('u.bank_transaction_id', 'like', `%${suffix}`)
    .orderBy('u.id')
    .execute()
  return rows.filter((row) => row.bank_transaction_id.endsWith(suffix)).map(toCredit)
}

/** Marks an open credit applied to a payment; false when another applier got there first. */
export async function markCreditApplied(
  trx: Transaction<Database>,
  tenantId: number,
  creditId: number,
  paymentId: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('unmatched_credits')
    .set({ status: 'matched', payment_id: paymentId })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', creditId)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** External ids of the tenant's accounts, by internal id (for output that must not show internal ids). */
export async function accountExternalIds(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: number,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const byId = new Map<number, string>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', unique.slice(i, i + 500))
      .execute()
    for (const r of rows) byId.set(Number(r.id), r.external_id)
  }
  return byId
}
