import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseLocalDate } from '../core/calendar/local-date.ts'
import { AppError, type ErrorCode } from '../core/errors/index.ts'
import { CsvParser, type CsvRow } from '../core/intake/csv-parser.ts'
import type { FieldError } from '../core/intake/row-reader.ts'
import { isCurrencyCode } from '../core/money/currencies.ts'
import { parseAmount } from '../core/money/money.ts'
import { normalizeReference } from '../core/payments/payment-reference.ts'
import { RejectFile } from '../intake/reject-file.ts'
import type { Store } from '../store/connect.ts'
import { accountIdsByExternalIds } from '../store/money/payment.repository.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import {
  type IncomingPayment,
  type PostPaymentsResult,
  postPaymentsIn,
  type Redecide,
} from './post-payments.ts'

/** Required columns of a payments CSV. */
export const PAYMENT_CSV_COLUMNS = ['account', 'amount', 'currency', 'received_on', 'reference'] as const
/** Optional columns. */
export const PAYMENT_CSV_OPTIONAL_COLUMNS = ['policy'] as const

export interface PaymentFileProblem {
  line: number
  /** The column at fault (a column name, or "row" for a malformed record). */
  field: string
  reason: string
}

export interface ImportPaymentsSummary {
  file: string
  rows: number
  posted: number
  replayed: number
  rejected: PaymentFileProblem[]
  paidInFull: number
  cancelledActions: number
  /** Where the rejected rows were written (`FILE.rejects.csv`), or null when none were. */
  rejectFile: string | null
}

export interface ImportPaymentsOptions {
  actor: string
  batchSize?: number
  /** Re-decides the accounts each batch touched (the use case passes `redecideAccounts`). */
  redecide?: Redecide
  /** Reject file path (default `FILE.rejects.csv`). */
  rejectsPath?: string
}

/** The column a posting refusal is about, so `field` always names a column. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, string>> = {
  account_not_found: 'account',
  account_closed: 'account',
  invalid_amount: 'amount',
  implausible_payment: 'amount',
  invalid_date: 'received_on',
  currency_mismatch: 'currency',
  invalid_currency: 'currency',
  invalid_reference: 'reference',
  idempotency_conflict: 'reference',
  duplicate_payment: 'reference',
  unknown_allocation_policy: 'policy',
}

/**
 * Imports a payments CSV (`account,amount,currency,received_on,reference[,policy]`) the way the
 * accounts import does: a header with unknown or repeated columns is refused; every row is validated
 * with its line and the column at fault; a reference repeated in the file is rejected at the later
 * line, naming the earlier one; rejected rows go to a reject file (line,field,reason + the row) and
 * good rows are posted in batches (one transaction each, so a re-run skips what was posted: the
 * reference is the idempotency key).
 */
export async function importPaymentsCsv(
  store: Store,
  tenant: Tenant,
  file: string,
  options: ImportPaymentsOptions,
): Promise<ImportPaymentsSummary> {
  const rows = await readCsv(file)
  const [header, ...data] = rows
  if (!header || (header.fields.length === 1 && header.fields[0]?.trim() === ''))
    throw new AppError('empty_file', `${file} is empty`)
  const names = checkHeader(file, header)
  const rejectsPath = resolve(options.rejectsPath ?? `${file}.rejects.csv`)
  const rejects = new RejectFile(rejectsPath, header.fields)
  const summary: ImportPaymentsSummary = {
    file,
    rows: 0,
    posted: 0,
    replayed: 0,
    rejected: [],
    paidInFull: 0,
    cancelledActions: 0,
    rejectFile: null,
  }
  const problems = new Map<number, FieldError[]>()
  const fieldsOf = new Map<number, readonly string[]>()
  const reject = (line: number, field: string, reason: string) => {
    const list = problems.get(line)
    if (list) list.push({ field, reason })
    else problems.set(line, [{ field, reason }])
  }
  const at = (row: CsvRow, name: string) => {
    const index = names.indexOf(name)
    return index < 0 ? '' : (row.fields[index] ?? '').trim()
  }
  const firstLine = new Map<string, number>()
  const pending: { line: number; account: string; payment: Omit<IncomingPayment, 'accountId'> }[] = []
  for (const row of data) {
    if (row.fields.every((f) => f.trim() === '')) continue // blank line
    summary.rows++
    fieldsOf.set(row.line, row.fields)
    if (row.error) {
      reject(row.line, 'row', row.error)
      continue
    }
    if (row.fields.length > names.length) {
      reject(row.line, 'row', `the row has ${row.fields.length} fields, the header ${names.length}`)
      continue
    }
    const before = problems.get(row.line)?.length ?? 0
    const account = at(row, 'account')
    if (!account) reject(row.line, 'account', 'the account reference is required')
    const currency = at(row, 'currency').toUpperCase()
    let amountMinor: number | undefined
    if (!isCurrencyCode(currency)) {
      reject(
        row.line,
        'currency',
        currency ? `"${currency}" is not an ISO 4217 currency` : 'the currency is required',
      )
    } else {
      const amount = parseAmount(at(row, 'amount'), currency)
      if (!amount.ok) reject(row.line, 'amount', amount.reason)
      else if (amount.minor <= 0) reject(row.line, 'amount', 'a payment must be more than zero')
      else amountMinor = amount.minor
    }
    const date = parseLocalDate(at(row, 'received_on'))
    if (!date.ok) reject(row.line, 'received_on', date.reason)
    const reference = normalizeReference(at(row, 'reference'))
    if (!reference.ok) {
      reject(
        row.line,
        'reference',
        `${reference.reason}: the bank or provider transaction id is required (it makes re-imports safe)`,
      )
    } else {
      const earlier = firstLine.get(reference.reference)
      if (earlier !== undefined)
        reject(
          row.line,
          'reference',
          `duplicate reference ${reference.reference}: line ${earlier} of this file has it`,
        )
      else firstLine.set(reference.reference, row.line)
    }
    if (
      (problems.get(row.line)?.length ?? 0) > before ||
      !reference.ok ||
      !date.ok ||
      amountMinor === undefined
    )
      continue
    const policy = at(row, 'policy')
    pending.push({
      line: row.line,
      account,
      payment: {
        amountMinor,
        currency,
        receivedOn: date.date,
        source: 'csv',
        externalId: reference.reference,
        ...(policy ? { policyId: policy } : {}),
      },
    })
  }
  const batchSize = options.batchSize ?? 2000
  for (let i = 0; i < pending.length; i += batchSize) {
    const batch = pending.slice(i, i + batchSize)
    const accountIds = await accountIdsByExternalIds(
      store.db,
      tenant.id,
      batch.map((p) => p.account),
    )
    const lines: number[] = []
    const payments: IncomingPayment[] = []
    for (const p of batch) {
      const accountId = accountIds.get(p.account)
      if (accountId === undefined) reject(p.line, 'account', `no account "${p.account}" in this tenant`)
      else {
        payments.push({ ...p.payment, accountId })
        lines.push(p.line)
      }
    }
    const result: PostPaymentsResult = await store.db.transaction().execute((trx) =>
      postPaymentsIn(trx, tenant, payments, {
        actor: options.actor,
        ...(options.redecide ? { redecide: options.redecide } : {}),
      }),
    )
    summary.posted += result.posted.length
    summary.replayed += result.replayed.length
    summary.paidInFull += result.paidInFull.length
    summary.cancelledActions += result.cancelledActions
    for (const r of result.rejected) reject(lines[r.index] ?? 0, FIELD_OF_CODE[r.code] ?? 'row', r.message)
  }
  try {
    for (const line of [...problems.keys()].sort((a, b) => a - b)) {
      const errors = problems.get(line) ?? []
      for (const e of errors) summary.rejected.push({ line, field: e.field, reason: e.reason })
      await rejects.write(line, errors, fieldsOf.get(line) ?? [])
    }
  } finally {
    await rejects.close()
  }
  summary.rejectFile = rejects.written ? rejectsPath : null
  return summary
}

/** The whole file as CSV records; a missing path or a folder is one clear error. */
async function readCsv(file: string): Promise<CsvRow[]> {
  const info = await stat(file).catch(() => undefined)
  if (!info) throw new AppError('file_not_found', `${file}: no such file`)
  if (!info.isFile()) throw new AppError('not_a_file', `${file} is not a regular file`)
  const parser = new CsvParser()
  const rows: CsvRow[] = []
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) parser.push(chunk as string, rows)
  parser.end(rows)
  return rows
}

/** The header's column names; unknown, repeated or missing columns are refused with the full list. */
function checkHeader(file: string, header: CsvRow): string[] {
  const names = header.fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim().toLowerCase())
  const known: readonly string[] = [...PAYMENT_CSV_COLUMNS, ...PAYMENT_CSV_OPTIONAL_COLUMNS]
  const expected = `expected ${PAYMENT_CSV_COLUMNS.join(',')}[,${PAYMENT_CSV_OPTIONAL_COLUMNS.join(',')}]`
  const unknown = names.filter((n) => !known.includes(n))
  if (unknown.length > 0) {
    throw new AppError(
      'invalid_header',
      `${file}: unknown column(s) ${unknown.map((n) => `"${n}"`).join(', ')}; ${expected}`,
      { unknown, expected: known },
    )
  }
  const repeated = names.filter((n, i) => names.indexOf(n) !== i)
  if (repeated.length > 0)
    throw new AppError(
      'invalid_header',
      `${file}: column(s) ${[...new Set(repeated)].join(', ')} appear twice`,
    )
  const missing = PAYMENT_CSV_COLUMNS.filter((c) => !names.includes(c))
  if (missing.length > 0) {
    throw new AppError('missing_columns', `${file}: missing column(s) ${missing.join(', ')}; ${expected}`, {
      expected: known,
    })
  }
  return names
}
