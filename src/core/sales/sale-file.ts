import type { DocumentLedgerLine } from '../documents/document-facts.ts'
import { formatAmount } from '../money/money.ts'
import { csvFile, itemizationColumns } from '../placements/placement-file.ts'

/**
 * The sale file's layout (docs/debt-sale.md, "Sale file"): one CSV row per account of the sale, in this
 * column order. Amounts are decimal text in the sale's currency, dates YYYY-MM-DD, flags `Y` or `N`.
 * The address is the debtor's current primary address (Recoup keeps no address history, so the one on
 * file when the file is made stands for the address at charge-off).
 */
export const SALE_FILE_COLUMNS = [
  'sale_id',
  'buyer',
  'account',
  'original_creditor',
  'original_account_number',
  'current_creditor',
  'debt_kind',
  'debtor',
  'debtor_name',
  'debtor_kind',
  'date_of_birth',
  'address_line1',
  'address_line2',
  'city',
  'region',
  'postal_code',
  'country',
  'currency',
  'opened_on',
  'due_on',
  'charge_off_on',
  'charge_off_amount',
  'itemization_date',
  'itemization_amount',
  'interest_since',
  'fees_since',
  'paid_since',
  'balance',
  'last_payment_on',
  'dispute_open',
  'disputes',
  'limitation_ends_on',
  'valuation_basis',
  'recovery_rate',
  'expected_recovery',
  'price',
] as const

/** What one row is built from. */
export interface SaleFileInput {
  readonly saleId: number
  readonly buyer: string
  readonly account: {
    readonly externalId: string
    readonly originalCreditor: string
    readonly currentCreditor: string
    readonly debtKind: string
    readonly currency: string
    readonly openedOn: string
    readonly dueOn: string
    readonly chargeOffOn: string | null
    readonly attributes: Readonly<Record<string, unknown>>
  }
  readonly debtor: {
    readonly externalId: string
    readonly name: string
    readonly kind: string
    readonly dateOfBirth: string | null
  }
  readonly address: {
    readonly line1: string | null
    readonly line2: string | null
    readonly city: string | null
    readonly region: string | null
    readonly postalCode: string | null
    readonly country: string
  } | null
  readonly ledger: readonly DocumentLedgerLine[]
  readonly disputed: boolean
  readonly disputeCount: number
  /** The packs' last day to sue, or null where no pack sets one. */
  readonly limitationEndsOn: string | null
  readonly valuation: {
    readonly basis: string
    readonly recoveryRate: string
    readonly expectedMinor: number
    readonly priceMinor: number
  }
}

/**
 * The original creditor's own account number: the client sends it as the account attribute
 * `original_account_number` (or `originalAccountNumber`); otherwise the account's reference stands.
 */
function originalAccountNumber(a: SaleFileInput['account']): string {
  const v = a.attributes.original_account_number ?? a.attributes.originalAccountNumber
  return typeof v === 'string' && v.trim() !== '' ? v : a.externalId
}

/** One row in SALE_FILE_COLUMNS order, with the itemization and balances to `asOf`. */
export function saleFileRow(input: SaleFileInput, asOf: string): string[] {
  const a = input.account
  const money = (minor: number) => formatAmount(minor, a.currency)
  // The ledger before the sale's own closing lines: the file describes the debt the buyer takes over.
  const ledger = input.ledger.filter((l) => !(l.memo ?? '').startsWith(SALE_MEMO_PREFIX))
  const chargeOffAmount =
    a.chargeOffOn === null
      ? ''
      : money(
          ledger.filter((l) => l.effectiveOn <= (a.chargeOffOn ?? '')).reduce((s, l) => s + l.amountMinor, 0),
        )
  const lastPayment = ledger
    .filter((l) => l.kind === 'payment' && l.component !== 'credit' && l.effectiveOn <= asOf)
    .reduce<string | null>((last, l) => (last === null || l.effectiveOn > last ? l.effectiveOn : last), null)
  const row: Record<(typeof SALE_FILE_COLUMNS)[number], string> = {
    sale_id: String(input.saleId),
    buyer: input.buyer,
    account: a.externalId,
    original_creditor: a.originalCreditor,
    original_account_number: originalAccountNumber(a),
    current_creditor: a.currentCreditor,
    debt_kind: a.debtKind,
    debtor: input.debtor.externalId,
    debtor_name: input.debtor.name,
    debtor_kind: input.debtor.kind,
    date_of_birth: input.debtor.dateOfBirth ?? '',
    address_line1: input.address?.line1 ?? '',
    address_line2: input.address?.line2 ?? '',
    city: input.address?.city ?? '',
    region: input.address?.region ?? '',
    postal_code: input.address?.postalCode ?? '',
    country: input.address?.country ?? '',
    currency: a.currency,
    opened_on: a.openedOn,
    due_on: a.dueOn,
    charge_off_on: a.chargeOffOn ?? '',
    charge_off_amount: chargeOffAmount,
    ...itemizationColumns(ledger, a, asOf),
    last_payment_on: lastPayment ?? '',
    dispute_open: input.disputed ? 'Y' : 'N',
    disputes: String(input.disputeCount),
    limitation_ends_on: input.limitationEndsOn ?? '',
    valuation_basis: input.valuation.basis,
    recovery_rate: input.valuation.recoveryRate,
    expected_recovery: money(input.valuation.expectedMinor),
    price: money(input.valuation.priceMinor),
  }
  return SALE_FILE_COLUMNS.map((c) => row[c])
}

/** The memo every closing line of a sale starts with (and its buy-back reversal): "sale 12: ...". */
export const SALE_MEMO_PREFIX = 'sale '

/** The whole file: the header row, then one row per account, CRLF line ends (RFC 4180). */
export function saleFileCsv(rows: readonly (readonly string[])[]): string {
  return csvFile(SALE_FILE_COLUMNS, rows)
}
