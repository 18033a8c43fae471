import type { DateFormat } from '../calendar/local-date.ts'

/**
 * The intake fields a file column can feed. Names are the `generic` preset's column names, so a file
 * already in that shape needs no mapping at all (docs/import.md describes each one).
 */
export const INTAKE_FIELDS = [
  'account_id',
  'debtor_id',
  'debtor_name',
  'debtor_kind',
  'given_name',
  'family_name',
  'preferred_language',
  'time_zone',
  'currency',
  'amount',
  'opened_on',
  'due_on',
  'charge_off_on',
  'paid_amount',
  'paid_on',
  'settled_on',
  'status',
  'jurisdiction',
  'debt_kind',
  'client_id',
  'client_name',
  'original_creditor',
  'current_creditor',
  'email',
  'phone',
  'phone_type',
  'address_line1',
  'address_line2',
  'city',
  'region',
  'postal_code',
  'country',
] as const
export type IntakeField = (typeof INTAKE_FIELDS)[number]

/** Where a field's text comes from: a column (optionally prefixed, with a default) or a constant. */
export type FieldSource =
  | {
      readonly column: string
      /** Put before every non-empty value, e.g. "XX-" to turn a bare country code into a jurisdiction. */
      readonly prefix?: string
      /** Used when the cell is empty. */
      readonly default?: string
      /** The column may be missing from the header (presets use this for optional columns). */
      readonly optional?: boolean
    }
  | { readonly value: string }

export const ATTRIBUTE_TYPES = ['string', 'date', 'integer', 'decimal', 'boolean'] as const
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number]

/** A column kept verbatim (after conversion to its type) in the account's attributes. */
export interface AttributeSource {
  readonly column: string
  readonly type: AttributeType
  readonly optional?: boolean
}

/** How the columns of one kind of file become intake records. */
export interface ImportMapping {
  /** Preset name, or the mapping file's name; recorded with the import run. */
  readonly name: string
  /** Format of date cells; ISO dates (as XLSX date cells become) are accepted whatever it says. */
  readonly dateFormat: DateFormat
  readonly fields: Readonly<Partial<Record<IntakeField, FieldSource>>>
  /** Attribute name → source column. */
  readonly attributes: Readonly<Record<string, AttributeSource>>
}

/** What a mapping needs from outside the file: defaults that come from the tenant and the options. */
export interface MappingContext {
  /** Currency of rows without a currency column or value (--currency, else the tenant's default). */
  readonly defaultCurrency: string
  /** Original creditor when the file names none: the tenant itself. */
  readonly creditorName: string
  /** True when the file was decoded as UTF-8, so U+FFFD marks bytes of another encoding. */
  readonly decodedAsUtf8: boolean
}
