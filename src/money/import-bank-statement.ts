import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Kysely } from 'kysely'
import { AppError } from '../core/errors/index.ts'
import {
  type BankCredit,
  creditorReferenceFor,
  indexCandidates,
  type MatchCandidate,
  matchBankCredit,
} from '../core/payments/match-payment.ts'
import { type CamtTransaction, isPostableEntry, parseCamtStatement } from '../intake/bank/parse-camt.ts'
import type { Store } from '../store/connect.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { type IncomingPayment, postPaymentsIn } from './post-payments.ts'
import { reversePaymentIn } from './reverse-payment.ts'

export interface BankImportSummary {
  file: string
  message: string
  alreadyImported: boolean
  credits: number
  matched: number
  posted: number
  replayed: number
  unmatched: number
  reversals: number
  skippedPending: number
  rejected: { bankTransactionId: string; reason: string }[]
}

/**
 * Imports an ISO 20022 camt.053/054 file in ONE transaction: a malformed file is refused before
 * anything is written; booked credits are matched to open accounts (RF reference, invoice number,
 * name and amount) and posted; the rest wait in the unmatched queue with suggestions; returns and
 * chargebacks reverse the payment they name. Idempotent twice over: the same file is recognised by its
 * hash, and each payment by its bank transaction id.
 */
export async function importBankStatement(
  store: Store,
  tenant: Tenant,
  path: string,
  options: { actor: string },
): Promise<BankImportSummary> {
  const xml = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new AppError('file_not_found', `cannot read ${path}: ${error.code ?? error.message}`)
  })
  const statement = parseCamtStatement(xml, basename(path))
  const sha = createHash('sha256').update(xml).digest('hex')
  const summary: BankImportSummary = {
    file: basename(path),
    message: statement.message,
    alreadyImported: false,
    credits: 0,
    matched: 0,
    posted: 0,
    replayed: 0,
    unmatched: 0,
    reversals: 0,
    skippedPending: 0,
    rejected: [],
  }
  return store.db.transaction().execute(async (trx) => {
    const seen = await trx
      .selectFrom('bank_statements')
      .select('counts')
      .where('tenant_id', '=', tenant.id)
      .where('file_sha256', '=', sha)
      .executeTakeFirst()
    if (seen) return { ...(JSON.parse(seen.counts) as BankImportSummary), alreadyImported: true }
    const stored = await trx
      .insertInto('bank_statements')
      .values({
        tenant_id: tenant.id,
        message: statement.message,
        statement_id: statement.messageId,
        file_name: basename(path),
        file_sha256: sha,
        counts: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const index = indexCandidates(await openCandidates(trx, tenant.id))
    const payments: IncomingPayment[] = []
    const returns: { tx: CamtTransaction; on: string }[] = []
    for (const account of statement.statements) {
      for (const entry of account.entries) {
        if (!isPostableEntry(entry)) {
          summary.skippedPending++
          continue
        }
        const on = entry.bookingDate ?? entry.valueDate
        if (!on)
          throw new AppError(
            'invalid_bank_statement',
            `entry ${entry.entryRef ?? '?'} has no booking or value date`,
          )
        const isReturn =
          entry.reversal || (entry.creditDebit === 'DBIT' && entry.transactions.some((t) => t.returnReason))
        if (isReturn) {
          for (const tx of entry.transactions) returns.push({ tx, on })
          continue
        }
        if (entry.creditDebit !== 'CRDT') continue
        for (const tx of entry.transactions) {
          summary.credits++
          const credit: BankCredit = {
            amountMinor: tx.amountMinor,
            currency: tx.currency,
            unstructured: tx.remittance.unstructured,
            ...(tx.remittance.structuredReference
              ? { structuredReference: tx.remittance.structuredReference }
              : {}),
            ...(tx.debtorName ? { debtorName: tx.debtorName } : {}),
          }
          const match = matchBankCredit(credit, index)
          if (match.status === 'matched') {
            summary.matched++
            payments.push({
              accountId: Number(match.accountId),
              amountMinor: tx.amountMinor,
              currency: tx.currency,
              receivedOn: on,
              source: statement.message,
              externalId: tx.bankTransactionId,
              ...(tx.endToEndId ? { endToEndId: tx.endToEndId } : {}),
            })
          } else {
            const inserted = await trx
              .insertInto('unmatched_credits')
              .values({
                tenant_id: tenant.id,
                bank_statement_id: stored.id,
                bank_transaction_id: tx.bankTransactionId,
                amount_minor: tx.amountMinor,
                currency: tx.currency,
                booked_on: on,
                debtor_name: tx.debtorName ?? null,
                remittance: JSON.stringify(tx.remittance),
                suggestions: JSON.stringify(match.suggestions),
                status: 'open',
              })
              .onConflict((oc) => oc.columns(['tenant_id', 'bank_transaction_id']).doNothing())
              .executeTakeFirst()
            if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) summary.unmatched++
          }
        }
      }
    }
    const posted = await postPaymentsIn(trx, tenant, payments, { actor: options.actor, reevaluate: true })
    summary.posted = posted.posted.length
    summary.replayed = posted.replayed.length
    for (const r of posted.rejected)
      summary.rejected.push({ bankTransactionId: r.externalId, reason: r.message })
    for (const { tx, on } of returns) {
      const reference = tx.endToEndId ?? tx.bankTransactionId
      try {
        const result = await reversePaymentIn(trx, tenant, {
          externalId: reference,
          reason: `bank return ${tx.returnReason ?? 'reversal'} (${tx.bankTransactionId})`,
          effectiveOn: on,
          actor: options.actor,
          reversalId: tx.bankTransactionId,
        })
        if (result.reversed) summary.reversals++
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'payment_not_found') throw error
        summary.rejected.push({
          bankTransactionId: tx.bankTransactionId,
          reason: `return of an unknown payment "${reference}"`,
        })
      }
    }
    await trx
      .updateTable('bank_statements')
      .set({ counts: JSON.stringify(summary) })
      .where('id', '=', stored.id)
      .execute()
    return summary
  })
}

/** Open accounts with their debtor names, balances and issued RF references: what credits can match. */
async function openCandidates(db: Kysely<Database>, tenantId: number): Promise<MatchCandidate[]> {
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
    accountId: String(r.id),
    externalId: r.external_id,
    debtorName: r.name,
    balanceMinor: Number(r.balance ?? 0),
    currency: r.currency,
    ...paymentReference(r.external_id),
  }))
}

/**
 * The RF creditor reference (ISO 11649) Recoup prints on letters for an account: its external id with
 * everything but letters and digits dropped; ids longer than RF's 21 characters get none.
 */
export function paymentReference(externalId: string): { paymentReference?: string } {
  const body = externalId.toUpperCase().replace(/[^A-Z0-9]/g, '')
  return body.length >= 1 && body.length <= 21 ? { paymentReference: creditorReferenceFor(body) } : {}
}
