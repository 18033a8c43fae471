import { createReadStream } from 'node:fs'
import { parseLocalDate } from '../core/calendar/local-date.ts'
import { AppError } from '../core/errors/index.ts'
import { CsvParser, type CsvRow } from '../core/intake/csv-parser.ts'
import { parseAmount } from '../core/money/money.ts'
import type { Store } from '../store/connect.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { type IncomingPayment, type PostPaymentsResult, postPaymentsIn } from './post-payments.ts'

/** Columns of a payments CSV; `policy` is optional. */
export const PAYMENT_CSV_COLUMNS = ['account', 'amount', 'currency', 'received_on', 'reference'] as const

export interface PaymentFileProblem {
  line: number
  field: string
  reason: string
}

export interface ImportPaymentsSummary {
  rows: number
  posted: number
  replayed: number
  rejected: PaymentFileProblem[]
  paidInFull: number
  cancelledActions: number
}

/**
 * Imports a payments CSV (`account,amount,currency,received_on,reference[,policy]`): every row is
 * validated with its line and field, good rows are posted in batches (one transaction each, so a crash
 * loses at most the batch in hand and a re-run skips what was posted: the reference is the payment's
 * idempotency key), and each touched account is re-decided when `reevaluate` is on.
 */
export async function importPaymentsCsv(
  store: Store,
  tenant: Tenant,
  file: string,
  options: { actor: string; batchSize?: number; reevaluate?: boolean },
): Promise<ImportPaymentsSummary> {
  const summary: ImportPaymentsSummary = {
    rows: 0,
    posted: 0,
    replayed: 0,
    rejected: [],
    paidInFull: 0,
    cancelledActions: 0,
  }
  const parser = new CsvParser()
  const rows: CsvRow[] = []
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) parser.push(chunk as string, rows)
  parser.end(rows)
  const [header, ...data] = rows
  if (!header) throw new AppError('empty_file', `${file} is empty`)
  const names = header.fields.map((f) => f.trim().toLowerCase())
  const missing = PAYMENT_CSV_COLUMNS.filter((c) => !names.includes(c))
  if (missing.length > 0) {
    throw new AppError('missing_columns', `${file}: missing column(s) ${missing.join(', ')}`, {
      expected: [...PAYMENT_CSV_COLUMNS, 'policy?'],
    })
  }
  const at = (row: CsvRow, name: string) => (row.fields[names.indexOf(name)] ?? '').trim()
  const pending: { line: number; account: string; payment: Omit<IncomingPayment, 'accountId'> }[] = []
  for (const row of data) {
    summary.rows++
    const problem = (field: string, reason: string) =>
      summary.rejected.push({ line: row.line, field, reason })
    if (row.error) {
      problem('row', row.error)
      continue
    }
    const currency = at(row, 'currency').toUpperCase()
    const amount = parseAmount(at(row, 'amount'), currency)
    const date = parseLocalDate(at(row, 'received_on'))
    const reference = at(row, 'reference')
    if (!amount.ok) problem('amount', amount.reason)
    else if (amount.minor <= 0) problem('amount', 'a payment must be positive')
    if (!date.ok) problem('received_on', date.reason)
    if (!reference)
      problem('reference', 'the bank or provider transaction id is required (it makes re-imports safe)')
    if (!at(row, 'account')) problem('account', 'the account reference is required')
    if (!amount.ok || amount.minor <= 0 || !date.ok || !reference || !at(row, 'account')) continue
    const policy = names.includes('policy') ? at(row, 'policy') : ''
    pending.push({
      line: row.line,
      account: at(row, 'account'),
      payment: {
        amountMinor: amount.minor,
        currency,
        receivedOn: date.date,
        source: 'csv',
        externalId: reference,
        ...(policy ? { policyId: policy } : {}),
      },
    })
  }
  const batchSize = options.batchSize ?? 2000
  for (let i = 0; i < pending.length; i += batchSize) {
    const batch = pending.slice(i, i + batchSize)
    const accountIds = await accountIdsByExternalId(
      store,
      tenant.id,
      batch.map((p) => p.account),
    )
    const lineOf = new Map(batch.map((p) => [p.payment.externalId, p.line]))
    const payments: IncomingPayment[] = []
    for (const p of batch) {
      const accountId = accountIds.get(p.account)
      if (accountId === undefined)
        summary.rejected.push({ line: p.line, field: 'account', reason: `no account "${p.account}"` })
      else payments.push({ ...p.payment, accountId })
    }
    const result: PostPaymentsResult = await store.db.transaction().execute((trx) =>
      postPaymentsIn(trx, tenant, payments, {
        actor: options.actor,
        reevaluate: options.reevaluate ?? true,
      }),
    )
    summary.posted += result.posted.length
    summary.replayed += result.replayed.length
    summary.paidInFull += result.paidInFull.length
    summary.cancelledActions += result.cancelledActions
    for (const r of result.rejected) {
      summary.rejected.push({ line: lineOf.get(r.externalId) ?? 0, field: r.code, reason: r.message })
    }
  }
  summary.rejected.sort((a, b) => a.line - b.line)
  return summary
}

async function accountIdsByExternalId(store: Store, tenantId: number, refs: readonly string[]) {
  const ids = new Map<string, number>()
  const unique = [...new Set(refs)]
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await store.db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('tenant_id', '=', tenantId)
      .where('external_id', 'in', unique.slice(i, i + 500))
      .execute()
    for (const r of rows) ids.set(r.external_id, r.id)
  }
  return ids
}
