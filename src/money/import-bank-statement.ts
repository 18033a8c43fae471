import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Transaction } from 'kysely'
import { AppError, type ErrorCode } from '../core/errors/index.ts'
import { formatAmount } from '../core/money/money.ts'
import {
  type BankCredit,
  creditorReferenceFor,
  indexCandidates,
  type MatchCandidate,
  type MatchSuggestion,
  matchBankCredit,
} from '../core/payments/match-payment.ts'
import {
  type CamtEntry,
  type CamtIssue,
  type CamtTransaction,
  decodeCamtBytes,
  parseCamtStatement,
} from '../intake/bank/parse-camt.ts'
import type { Store } from '../store/connect.ts'
import {
  findImportedStatement,
  findKnownBankTransactions,
  insertBankStatement,
  insertUnmatchedCredit,
  loadOpenAccountsForMatching,
  saveBankStatementSummary,
} from '../store/money/bank-statement.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { type IncomingPayment, postPaymentsIn } from './post-payments.ts'
import { reversePaymentIn } from './reverse-payment.ts'

/** One entry-level finding: which entry (path and the bank's reference), which field, and why. */
export interface BankEntryReport {
  /** The transaction's identity (the entry's when it concerns the whole entry). */
  bankTransactionId: string
  reason: string
  /** 1-based XML path of the entry, e.g. `Stmt[1]/Ntry[4]`. */
  entry: string
  /** The entry's `AcctSvcrRef`, else its `NtryRef`, when the bank gave one. */
  reference?: string
  /** 1-based XML path of the element at fault. */
  field: string
  /** For rejections: the catalogued error code (`invalid_bank_statement`, `entry_conflict`, ...). */
  code?: ErrorCode
}

type Report = (
  entry: CamtEntry,
  bankTransactionId: string,
  field: string,
  reason: string,
  code?: ErrorCode,
) => BankEntryReport

export interface BankImportSummary {
  file: string
  message: string
  version: number
  alreadyImported: boolean
  /** Entries in the file (booked or not). */
  entries: number
  /** Booked credit transactions considered as payments (those held for review included). */
  credits: number
  matched: number
  posted: number
  /** Transactions an earlier import already recorded (as a payment or in the unmatched queue). */
  replayed: number
  /** Credits put in the unmatched queue (held ones included). */
  unmatched: number
  reversals: number
  skippedPending: number
  /** Booked transactions that are not payments: fees, transfers out, returned refunds. */
  ignored: number
  /** Entries or transactions not imported, each with its reason. */
  rejected: BankEntryReport[]
  /** Entries booked at their own amount into the unmatched queue for a person, because their details disagree. */
  review: BankEntryReport[]
  /** Remarks that changed nothing (a date taken from the statement, a failed reference check). */
  notes: BankEntryReport[]
}

type Kind = 'credit' | 'return' | 'ignored'

/**
 * Imports an ISO 20022 camt.053/054 file in ONE transaction. A file that cannot be read at all is
 * refused with one error line naming it; otherwise every entry stands alone: a broken entry is
 * reported (entry, reference, field) and the others import. Booked credits are matched to open
 * accounts (RF reference, invoice number, name and amount) and posted; the rest, and entries whose
 * details disagree with them, wait in the unmatched queue; returns and reversals reverse the payment
 * they name. Idempotent twice over: the same file is recognised by its hash, and each transaction by
 * its identity (docs/bank-statements.md), so a re-export posts nothing new.
 */
export async function importBankStatement(
  store: Store,
  tenant: Tenant,
  path: string,
  options: { actor: string },
): Promise<BankImportSummary> {
  const file = basename(path)
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EISDIR') throw new AppError('not_a_file', `${path} is a directory, not a file`)
    if (error.code === 'ENOENT') throw new AppError('file_not_found', `${path}: no such file`)
    throw new AppError('unreadable_file', `cannot read ${path}: ${error.code ?? error.message}`)
  })
  const statement = parseCamtStatement(decodeCamtBytes(bytes, file), file)
  const sha = createHash('sha256').update(bytes).digest('hex')
  const entries = statement.statements.flatMap((s) => s.entries)
  const summary: BankImportSummary = {
    file,
    message: statement.message,
    version: statement.version,
    alreadyImported: false,
    entries: entries.length,
    credits: 0,
    matched: 0,
    posted: 0,
    replayed: 0,
    unmatched: 0,
    reversals: 0,
    skippedPending: 0,
    ignored: 0,
    rejected: [],
    review: [],
    notes: [],
  }
  const report: Report = (entry, bankTransactionId, field, reason, code) => ({
    bankTransactionId,
    reason,
    entry: entry.path,
    ...(entry.reference ? { reference: entry.reference } : {}),
    field,
    ...(code ? { code } : {}),
  })
  const fromIssue = (entry: CamtEntry, issue: CamtIssue) =>
    report(entry, entry.entryKey, issue.field, issue.message)

  return store.db.transaction().execute(async (trx) => {
    const seen = await findImportedStatement(trx, tenant.id, sha)
    if (seen) return { ...(JSON.parse(seen) as BankImportSummary), alreadyImported: true }
    const statementRow = await insertBankStatement(trx, {
      tenantId: tenant.id,
      message: statement.message,
      statementId: statement.messageId,
      fileName: file,
      sha256: sha,
    })
    const work: { entry: CamtEntry; tx: CamtTransaction; kind: Kind }[] = []
    for (const entry of entries) {
      if (entry.status !== 'BOOK' && !entry.rejected.some((r) => r.field.endsWith('/Sts'))) {
        summary.skippedPending++
        continue
      }
      if (entry.rejected.length > 0) {
        summary.rejected.push(
          ...entry.rejected.map((issue) =>
            report(entry, entry.entryKey, issue.field, issue.message, 'invalid_bank_statement'),
          ),
        )
        continue
      }
      const kinds = entry.transactions.map((tx) => ({ entry, tx, kind: kindOf(entry, tx) }))
      // A fee or transfer out that disagrees with its details concerns nobody's debt: a note suffices.
      const matters = kinds.some((k) => k.kind !== 'ignored')
      summary.notes.push(...entry.notes.map((issue) => fromIssue(entry, issue)))
      const held = entry.review.map((issue) => fromIssue(entry, issue))
      if (matters) summary.review.push(...held)
      else summary.notes.push(...held)
      work.push(...kinds)
    }
    summary.ignored = work.filter((w) => w.kind === 'ignored').length
    const credits = work.filter((w) => w.kind === 'credit' && w.tx.amountMinor > 0)
    summary.credits = credits.length
    const known = await findKnownBankTransactions(
      trx,
      tenant.id,
      credits.map((c) => c.tx.bankTransactionId),
    )
    const accounts = await loadOpenAccountsForMatching(trx, tenant.id)
    const index = indexCandidates(accounts.map(toCandidate))
    const byId = new Map(accounts.map((a) => [String(a.id), a]))
    const payments: IncomingPayment[] = []
    const paymentOf = new Map<string, { entry: CamtEntry; tx: CamtTransaction }>()
    for (const { entry, tx } of credits) {
      const id = tx.bankTransactionId
      const on = entry.date as string
      const before = known.get(id)
      if (before) {
        if (before.amountMinor === tx.amountMinor && before.currency === tx.currency && before.on === on) {
          summary.replayed++
        } else {
          summary.rejected.push(
            report(
              entry,
              id,
              tx.path,
              `identity ${id} was already imported for ${show(before.amountMinor, before.currency)} on ` +
                `${before.on}; this transaction is ${show(tx.amountMinor, tx.currency)} on ${on}`,
              'entry_conflict',
            ),
          )
        }
        continue
      }
      const held = entry.review.length > 0
      const match = matchBankCredit(bankCredit(tx), index)
      if (match.status === 'matched' && !held) {
        summary.matched++
        payments.push({
          accountId: Number(match.accountId),
          amountMinor: tx.amountMinor,
          currency: tx.currency,
          receivedOn: on,
          source: statement.message,
          externalId: id,
          ...(tx.endToEndId ? { endToEndId: tx.endToEndId } : {}),
        })
        paymentOf.set(id, { entry, tx })
        continue
      }
      const suggestions: (MatchSuggestion & { externalId?: string })[] =
        match.status === 'matched'
          ? [
              {
                accountId: match.accountId,
                score: match.confidence,
                reason: `${match.rule} (held for review)`,
              },
            ]
          : match.suggestions
      const queued = await insertUnmatchedCredit(trx, {
        tenantId: tenant.id,
        bankStatementId: statementRow,
        bankTransactionId: id,
        amountMinor: tx.amountMinor,
        currency: tx.currency,
        bookedOn: on,
        debtorName: tx.debtorName ?? null,
        remittance: {
          ...tx.remittance,
          entry: entry.path,
          ...(entry.reference ? { reference: entry.reference } : {}),
          ...(held ? { review: entry.review.map((r) => `${r.field}: ${r.message}`) } : {}),
        },
        // External ids, not internal ones, are what a person recognises.
        suggestions: suggestions.map((s) => ({ ...s, externalId: byId.get(s.accountId)?.externalId })),
      })
      if (queued) summary.unmatched++
      else summary.replayed++
    }
    const posted = await postPaymentsIn(trx, tenant, payments, { actor: options.actor, reevaluate: true })
    summary.posted = posted.posted.length
    summary.replayed += posted.replayed.length
    for (const r of posted.rejected) {
      const origin = paymentOf.get(r.externalId)
      if (origin) summary.rejected.push(report(origin.entry, r.externalId, origin.tx.path, r.message, r.code))
    }
    const returns = work.filter((w) => w.kind === 'return' && w.entry.review.length === 0)
    await applyReturns(trx, tenant, returns, { summary, report, actor: options.actor })
    await saveBankStatementSummary(trx, statementRow, summary)
    return summary
  })
}

/**
 * Reverses the payment each return names by its end-to-end id (the id Recoup or the payer gave the
 * original payment). Returns held for review are left to a person. Each failure stays with its entry.
 */
async function applyReturns(
  trx: Transaction<Database>,
  tenant: Tenant,
  returns: readonly { entry: CamtEntry; tx: CamtTransaction }[],
  { summary, report, actor }: { summary: BankImportSummary; report: Report; actor: string },
): Promise<void> {
  for (const { entry, tx } of returns) {
    const reference = tx.endToEndId
    const field = `${tx.path}/Refs/EndToEndId`
    if (!reference) {
      summary.rejected.push(
        report(
          entry,
          tx.bankTransactionId,
          field,
          'a return without the end-to-end id of the payment it returns; reverse that payment by hand',
          'payment_not_found',
        ),
      )
      continue
    }
    try {
      const result = await reversePaymentIn(trx, tenant, {
        externalId: reference,
        reason: `bank return ${tx.returnReason ?? 'reversal'} (${tx.bankTransactionId})`,
        effectiveOn: entry.date as string,
        actor,
        reversalId: tx.bankTransactionId,
        amountMinor: tx.amountMinor,
        currency: tx.currency,
      })
      if (result.reversed) summary.reversals++
      else {
        // A re-imported return, or a second return of the same payment: either way nothing to undo.
        summary.replayed++
        summary.notes.push(
          report(entry, tx.bankTransactionId, field, `payment "${reference}" was already reversed`),
        )
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      const reasons: Partial<Record<string, string>> = {
        payment_not_found: `return of an unknown payment "${reference}"`,
        return_amount_mismatch:
          `the return of ${show(tx.amountMinor, tx.currency)} does not equal payment "${reference}"; ` +
          'a partial return needs a manual adjustment',
      }
      const reason = reasons[error.code] ?? error.message
      summary.rejected.push(report(entry, tx.bankTransactionId, field, reason, error.code))
    }
  }
}

// A credit is a payment unless it undoes a debit; a debit matters only when it returns a payment.
function kindOf(entry: CamtEntry, tx: CamtTransaction): Kind {
  const undoes = entry.reversal || tx.returnReason !== undefined
  if (tx.creditDebit === 'CRDT') return undoes ? 'ignored' : 'credit'
  return undoes ? 'return' : 'ignored'
}

function bankCredit(tx: CamtTransaction): BankCredit {
  // Non-RF references (Belgian, Swiss QR) are searched like text, as sent and as bare digits.
  const others = tx.remittance.structured
    .filter((s) => s.ref !== tx.remittance.structuredReference)
    .flatMap((s) => (s.normalized && s.normalized !== s.ref ? [s.ref, s.normalized] : [s.ref]))
  return {
    amountMinor: tx.amountMinor,
    currency: tx.currency,
    unstructured: [...tx.remittance.unstructured, ...others],
    ...(tx.remittance.structuredReference ? { structuredReference: tx.remittance.structuredReference } : {}),
    ...(tx.debtorName ? { debtorName: tx.debtorName } : {}),
  }
}

function toCandidate(a: {
  id: number
  externalId: string
  currency: string
  debtorName: string
  balanceMinor: number
}): MatchCandidate {
  return {
    accountId: String(a.id),
    externalId: a.externalId,
    debtorName: a.debtorName,
    balanceMinor: a.balanceMinor,
    currency: a.currency,
    ...paymentReference(a.externalId),
  }
}

function show(minor: number, currency: string): string {
  return `${formatAmount(minor, currency)} ${currency}`
}

/**
 * The RF creditor reference (ISO 11649) Recoup prints on letters for an account: its external id with
 * everything but letters and digits dropped; ids longer than RF's 21 characters get none.
 */
export function paymentReference(externalId: string): { paymentReference?: string } {
  const body = externalId.toUpperCase().replace(/[^A-Z0-9]/g, '')
  return body.length >= 1 && body.length <= 21 ? { paymentReference: creditorReferenceFor(body) } : {}
}
