import type { LocalDate } from '../calendar/local-date.ts'
import { isCurrencyCode } from '../money/currencies.ts'
import { parseAmount } from '../money/money.ts'
import type { CompiledMapping } from './compile-mapping.ts'
import { cellProblems } from './field-limits.ts'
import { parseAttribute, parseChoice } from './field-values.ts'
import type { IntakeField } from './import-mapping.ts'
import type { IntakeAccount, IntakeLedgerEntry, IntakeRecord } from './intake-record.ts'
import { jurisdictionProblem } from './iso-3166.ts'
import { readCountry, readDebtor } from './map-debtor.ts'
import { type FieldError, RowReader } from './row-reader.ts'

export type { FieldError }
export type MapRowResult = { ok: true; record: IntakeRecord } | { ok: false; errors: FieldError[] }

const STATUSES = ['open', 'paid', 'settled', 'written_off', 'closed'] as const
const DEBT_KINDS = ['consumer', 'commercial'] as const
const parseStatus = (text: string) => parseChoice(text, STATUSES)
const parseDebtKind = (text: string) => parseChoice(text, DEBT_KINDS)
const REPLACEMENT_CHARACTER = '\uFFFD'

/** Row-level problems that make its fields meaningless: wrong column count, undecodable bytes. */
function rowProblems(compiled: CompiledMapping, row: readonly string[]): FieldError[] {
  const expected = compiled.header.length
  if (row.length !== expected) {
    return [{ field: 'row', reason: `has ${row.length} columns, the header has ${expected}` }]
  }
  const problems = cellProblems(compiled, row)
  if (problems.length > 0 || !compiled.context.decodedAsUtf8) return problems
  for (let index = 0; index < row.length; index++) {
    if (row[index]?.includes(REPLACEMENT_CHARACTER)) {
      problems.push({
        field: compiled.header[index] ?? `column ${index + 1}`,
        reason:
          'has bytes that are not UTF-8; if the file is in another encoding, re-run with --encoding latin1 or --encoding windows-1252',
      })
    }
  }
  return problems
}

/** An amount in minor units; the opening amount must be positive, a paid amount zero or more. */
function readAmount(
  reader: RowReader,
  field: IntakeField,
  currency: string | undefined,
  required: boolean,
): number | undefined {
  const text = required ? reader.required(field) : reader.text(field)
  if (text === '' || currency === undefined) return undefined
  const parsed = parseAmount(text, currency)
  if (!parsed.ok) {
    reader.fail(field, parsed.reason)
  } else if (parsed.minor < 0 || (required && parsed.minor === 0)) {
    reader.fail(field, `"${text}" must be ${required ? 'greater than zero' : 'zero or more'}`)
  } else {
    return parsed.minor
  }
  return undefined
}

function readCurrency(reader: RowReader): string | undefined {
  const currency = (reader.text('currency') || reader.compiled.context.defaultCurrency).toUpperCase()
  if (isCurrencyCode(currency)) return currency
  reader.fail('currency', `"${currency}" is not an ISO 4217 currency code`)
  return undefined
}

/** The account attributes the mapping keeps, typed; null when the row has none. */
function readAttributes(reader: RowReader, row: readonly string[]): Record<string, unknown> | null {
  const attributes: Record<string, unknown> = {}
  let found = false
  for (const attribute of reader.compiled.attributes) {
    const text = row[attribute.index]?.trim() ?? ''
    if (text === '') continue
    const parsed = parseAttribute(text, attribute.type, reader.compiled.mapping.dateFormat)
    if (!parsed.ok) {
      reader.errors.push({ field: attribute.label, reason: parsed.reason })
      continue
    }
    attributes[attribute.name] = parsed.value
    found = true
  }
  return found ? attributes : null
}

/**
 * The ledger that opens an account: the charge, a part payment if the file has one, and the payment
 * of the rest when the file says the debt was settled. External ids make re-imports no-ops.
 */
function openingEntries(
  amount: number,
  openedOn: LocalDate,
  paid: { amount: number; on: LocalDate } | undefined,
  settledOn: LocalDate | undefined,
): IntakeLedgerEntry[] {
  const entries: IntakeLedgerEntry[] = [
    { kind: 'charge', amountMinor: amount, effectiveOn: openedOn, externalId: 'import:charge' },
  ]
  if (paid && paid.amount > 0) {
    entries.push({
      kind: 'payment',
      amountMinor: -paid.amount,
      effectiveOn: paid.on,
      externalId: 'import:payment',
    })
  }
  const rest = amount - (paid?.amount ?? 0)
  if (settledOn && rest > 0) {
    entries.push({
      kind: 'payment',
      amountMinor: -rest,
      effectiveOn: settledOn,
      externalId: 'import:settlement',
    })
  }
  return entries
}

/**
 * Maps one data row to an intake record, or to every problem found in it. Pure: the compiled mapping
 * carries the header, the defaults and the date format, so the same row always gives the same answer.
 */
export function mapRow(compiled: CompiledMapping, line: number, row: readonly string[]): MapRowResult {
  const problems = rowProblems(compiled, row)
  if (problems.length > 0) return { ok: false, errors: problems }
  const reader = new RowReader(compiled, row)
  const accountId = reader.required('account_id')
  const country = readCountry(reader)
  const debtor = readDebtor(reader, country)
  const currency = readCurrency(reader)
  const amount = readAmount(reader, 'amount', currency, true)
  const openedOn = reader.date('opened_on', true)
  const dueOn = reader.date('due_on', true)
  const chargeOffOn = reader.date('charge_off_on')
  const paidAmount = readAmount(reader, 'paid_amount', currency, false)
  const paidOn = reader.date('paid_on')
  if (paidAmount && !paidOn) reader.fail('paid_on', 'is required when there is a paid amount')
  const settledOn = reader.date('settled_on')
  const status = reader.parse('status', parseStatus)
  const jurisdiction = (reader.text('jurisdiction') || country).toUpperCase()
  if (jurisdiction === '') reader.fail('jurisdiction', 'is required (or a country)')
  else {
    const problem = jurisdictionProblem(jurisdiction)
    if (problem) reader.fail('jurisdiction', problem)
  }
  const debtKind = reader.parse('debt_kind', parseDebtKind)
  const attributes = readAttributes(reader, row)
  if (openedOn) {
    for (const [field, date] of [
      ['due_on', dueOn],
      ['paid_on', paidOn],
      ['settled_on', settledOn],
      ['charge_off_on', chargeOffOn],
    ] as const) {
      if (date && date < openedOn) reader.fail(field, `${date} is before opened_on ${openedOn}`)
    }
  }
  if (amount && paidAmount && paidAmount > amount) {
    reader.fail('paid_amount', 'is more than the amount owed: an overpayment cannot open an account')
  }
  if (reader.errors.length > 0 || !debtor || !currency || !amount || !openedOn || !dueOn) {
    return { ok: false, errors: reader.errors }
  }
  const paid = paidAmount && paidOn ? { amount: paidAmount, on: paidOn } : undefined
  const entries = openingEntries(amount, openedOn, paid, settledOn)
  const net = entries.reduce((sum, entry) => sum + entry.amountMinor, 0)
  const clientName = reader.text('client_name')
  const originalCreditor = reader.text('original_creditor') || compiled.context.creditorName
  const account: IntakeAccount = {
    externalId: accountId,
    clientExternalId: reader.text('client_id') || null,
    clientName: clientName || null,
    originalCreditor,
    currentCreditor: reader.text('current_creditor') || clientName || originalCreditor,
    debtKind: debtKind ?? (debtor.kind === 'business' ? 'commercial' : 'consumer'),
    currency,
    jurisdiction,
    openedOn,
    dueOn,
    chargeOffOn: chargeOffOn ?? null,
    status: status ?? (net <= 0 ? 'paid' : 'open'),
    attributes,
  }
  return { ok: true, record: { line, debtor, account, entries } }
}
