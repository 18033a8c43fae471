import { AppError } from '../errors/index.ts'
import { type FieldSource, type ImportMapping, INTAKE_FIELDS, type IntakeField } from './import-mapping.ts'

/** Columns the generic preset cannot do without; every other generic column may be absent. */
const GENERIC_REQUIRED: readonly IntakeField[] = [
  'account_id',
  'debtor_id',
  'debtor_name',
  'amount',
  'opened_on',
  'due_on',
]

/** `generic`: a column per intake field, named like the field, ISO dates, decimal amounts. */
const generic: ImportMapping = {
  name: 'generic',
  dateFormat: 'iso',
  fields: Object.fromEntries(
    INTAKE_FIELDS.map((field): [IntakeField, FieldSource] => [
      field,
      GENERIC_REQUIRED.includes(field) ? { column: field } : { column: field, optional: true },
    ]),
  ),
  attributes: {},
}

/**
 * `ibm-ar`: the IBM Watson accounts-receivable sample. One row is one invoice of a business customer,
 * settled in full on SettledDate. countryCode is not an ISO code (391, 406, 770...), so the
 * jurisdiction is "XX-<code>": XX is the ISO 3166 code reserved for an unknown country.
 */
const ibmAr: ImportMapping = {
  name: 'ibm-ar',
  dateFormat: 'm/d/yyyy',
  fields: {
    account_id: { column: 'invoiceNumber' },
    debtor_id: { column: 'customerID' },
    debtor_name: { column: 'customerID' },
    debtor_kind: { value: 'business' },
    debt_kind: { value: 'commercial' },
    amount: { column: 'InvoiceAmount' },
    opened_on: { column: 'InvoiceDate' },
    due_on: { column: 'DueDate' },
    settled_on: { column: 'SettledDate' },
    jurisdiction: { column: 'countryCode', prefix: 'XX-' },
  },
  attributes: {
    countryCode: { column: 'countryCode', type: 'string' },
    disputed: { column: 'Disputed', type: 'boolean' },
    paperlessBill: { column: 'PaperlessBill', type: 'string' },
    paperlessDate: { column: 'PaperlessDate', type: 'date' },
    daysToSettle: { column: 'DaysToSettle', type: 'integer' },
    daysLate: { column: 'DaysLate', type: 'integer' },
  },
}

export const PRESETS: Readonly<Record<string, ImportMapping>> = { generic, 'ibm-ar': ibmAr }
export type PresetName = 'generic' | 'ibm-ar'

/** The built-in mapping with this name. */
export function presetMapping(name: string): ImportMapping {
  const preset = Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined
  if (!preset) {
    throw new AppError(
      'unknown_preset',
      `unknown preset "${name}"; choose one of: ${Object.keys(PRESETS).join(', ')}`,
    )
  }
  return preset
}
