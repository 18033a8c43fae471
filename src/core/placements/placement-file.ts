import type { DocumentLedgerLine } from '../documents/document-facts.ts'
import { itemization } from '../documents/ledger-figures.ts'
import { formatAmount } from '../money/money.ts'

/**
 * The placement file's layout (docs/placements.md, "Placement file"): one CSV row per placed account,
 * in this column order. Amounts are decimal text in the account's currency (its ISO 4217 exponent),
 * dates YYYY-MM-DD, flags `Y` or `N`.
 */
export const PLACEMENT_FILE_COLUMNS = [
  'placement_id',
  'partner',
  'placed_on',
  'expected_return_on',
  'account',
  'original_creditor',
  'current_creditor',
  'debt_kind',
  'debtor',
  'debtor_name',
  'debtor_kind',
  'email',
  'phone',
  'address_line1',
  'address_line2',
  'city',
  'region',
  'postal_code',
  'country',
  'currency',
  'itemization_date',
  'itemization_amount',
  'interest_since',
  'fees_since',
  'paid_since',
  'balance',
  'due_on',
  'charge_off_on',
  'dispute',
  'attorney',
  'bankruptcy',
  'deceased',
  'cease',
] as const

/** What one row is built from: the placement, the account's books and what is known of its debtor. */
export interface PlacementFileInput {
  readonly placementId: number
  readonly partner: string
  readonly placedOn: string
  readonly expectedReturnOn: string
  readonly account: {
    readonly externalId: string
    readonly originalCreditor: string
    readonly currentCreditor: string
    readonly debtKind: string
    readonly currency: string
    readonly dueOn: string
    readonly chargeOffOn: string | null
    readonly attributes: Readonly<Record<string, unknown>>
  }
  readonly debtor: { readonly externalId: string; readonly name: string; readonly kind: string }
  readonly address: {
    readonly line1: string | null
    readonly line2: string | null
    readonly city: string | null
    readonly region: string | null
    readonly postalCode: string | null
    readonly country: string
  } | null
  /** Usable points (not opted out, not undeliverable), the preferred first. */
  readonly emails: readonly string[]
  readonly phones: readonly string[]
  readonly ledger: readonly DocumentLedgerLine[]
  /** A dispute not resolved. */
  readonly disputed: boolean
  /** Restrictions in force: an attorney represents the debtor; the debtor asked us to cease. */
  readonly attorney: boolean
  readonly cease: boolean
}

const flag = (on: boolean) => (on ? 'Y' : 'N')
/** Bankruptcy and death are facts the client sends as account attributes (intake's `attributes`). */
const attributeFlag = (attributes: Readonly<Record<string, unknown>>, key: string) =>
  flag(attributes[key] === true || attributes[key] === 'Y' || attributes[key] === 'true')

/** The itemization's columns, shared by the placement file and the sale file (docs/debt-sale.md). */
export interface ItemizationColumns {
  readonly itemization_date: string
  readonly itemization_amount: string
  readonly interest_since: string
  readonly fees_since: string
  readonly paid_since: string
  readonly balance: string
}

/**
 * The Reg F itemization (12 CFR 1006.34(b)(3)) of an account as file columns: from the charge-off date
 * where there is one, else the due date, to `asOf`; amounts as decimal text in the account's currency.
 * The one itemization of every file handed to a third party (placement file, sale file).
 */
export function itemizationColumns(
  ledger: readonly DocumentLedgerLine[],
  account: { readonly currency: string; readonly dueOn: string; readonly chargeOffOn: string | null },
  asOf: string,
): ItemizationColumns {
  const items = itemization(ledger, account.chargeOffOn ?? account.dueOn, asOf)
  const money = (minor: number) => formatAmount(minor, account.currency)
  return {
    itemization_date: items.date,
    itemization_amount: money(items.owedMinor),
    interest_since: money(items.interestMinor),
    fees_since: money(items.feesMinor),
    paid_since: money(items.paidMinor),
    balance: money(items.currentMinor),
  }
}

/**
 * One row in PLACEMENT_FILE_COLUMNS order. The Reg F itemization (12 CFR 1006.34(b)(3)) runs from the
 * charge-off date where there is one, else the due date, to the file's day `asOf`.
 */
export function placementFileRow(input: PlacementFileInput, asOf: string): string[] {
  const a = input.account
  const row: Record<(typeof PLACEMENT_FILE_COLUMNS)[number], string> = {
    placement_id: String(input.placementId),
    partner: input.partner,
    placed_on: input.placedOn,
    expected_return_on: input.expectedReturnOn,
    account: a.externalId,
    original_creditor: a.originalCreditor,
    current_creditor: a.currentCreditor,
    debt_kind: a.debtKind,
    debtor: input.debtor.externalId,
    debtor_name: input.debtor.name,
    debtor_kind: input.debtor.kind,
    email: input.emails[0] ?? '',
    phone: input.phones[0] ?? '',
    address_line1: input.address?.line1 ?? '',
    address_line2: input.address?.line2 ?? '',
    city: input.address?.city ?? '',
    region: input.address?.region ?? '',
    postal_code: input.address?.postalCode ?? '',
    country: input.address?.country ?? '',
    currency: a.currency,
    ...itemizationColumns(input.ledger, a, asOf),
    due_on: a.dueOn,
    charge_off_on: a.chargeOffOn ?? '',
    dispute: flag(input.disputed),
    attorney: flag(input.attorney),
    bankruptcy: attributeFlag(a.attributes, 'bankruptcy'),
    deceased: attributeFlag(a.attributes, 'deceased'),
    cease: flag(input.cease),
  }
  return PLACEMENT_FILE_COLUMNS.map((c) => row[c])
}

/**
 * A CSV field (RFC 4180), with a leading `=` or `@`, or a `+` or `-` not followed by a digit, prefixed
 * by `'` so a spreadsheet at the partner never runs a debtor-supplied value as a formula (amounts
 * like "-12.50" and numbers like "+12125550100" stay as they are).
 */
export function csvField(value: string): string {
  const safe = /^[=@]/.test(value) || /^[+-](?!\d)/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** The whole file: the header row, then one row per placement, CRLF line ends as RFC 4180 says. */
export function placementFileCsv(rows: readonly (readonly string[])[]): string {
  return csvFile(PLACEMENT_FILE_COLUMNS, rows)
}

/** A CSV file of these columns and rows (csvField on every field, CRLF line ends, a final CRLF). */
export function csvFile(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${[[...columns], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`
}
