import { describe, expect, it } from 'vitest'
import { compileMapping } from '../../../src/core/intake/compile-mapping.ts'
import type { MappingContext } from '../../../src/core/intake/import-mapping.ts'
import { mapRow } from '../../../src/core/intake/map-row.ts'
import { presetMapping } from '../../../src/core/intake/mapping-presets.ts'

const context: MappingContext = { defaultCurrency: 'USD', creditorName: 'Acme Ltd', decodedAsUtf8: true }

const IBM_HEADER =
  'countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate'.split(
    ',',
  )
const IBM_ROW = '391,0379-NEVHP,4/6/2013,0000611365,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0'
const ibm = compileMapping(presetMapping('ibm-ar'), IBM_HEADER, context)

/** The sample row with some columns replaced. */
function ibmRow(changes: Record<string, string> = {}): string[] {
  const fields = IBM_ROW.split(',')
  for (const [column, value] of Object.entries(changes)) fields[IBM_HEADER.indexOf(column)] = value
  return fields
}

describe('mapRow with the ibm-ar preset', () => {
  it('maps an invoice to a business debtor, a paid commercial account, a charge and its settlement', () => {
    expect(mapRow(ibm, 2, ibmRow())).toEqual({
      ok: true,
      record: {
        line: 2,
        debtor: {
          externalId: '0379-NEVHP',
          kind: 'business',
          name: '0379-NEVHP',
          givenName: null,
          familyName: null,
          preferredLanguage: null,
          statedTimeZone: null,
        },
        account: {
          externalId: '0000611365',
          clientExternalId: null,
          clientName: null,
          originalCreditor: 'Acme Ltd',
          currentCreditor: 'Acme Ltd',
          debtKind: 'commercial',
          currency: 'USD',
          jurisdiction: 'XX-391',
          openedOn: '2013-01-02',
          dueOn: '2013-02-01',
          chargeOffOn: null,
          status: 'paid',
          attributes: {
            countryCode: '391',
            disputed: false,
            paperlessBill: 'Paper',
            paperlessDate: '2013-04-06',
            daysToSettle: 13,
            daysLate: 0,
          },
        },
        entries: [
          { kind: 'charge', amountMinor: 5594, effectiveOn: '2013-01-02', externalId: 'import:charge' },
          { kind: 'payment', amountMinor: -5594, effectiveOn: '2013-01-15', externalId: 'import:settlement' },
        ],
      },
    })
  })

  it('leaves an unsettled invoice open with its charge only', () => {
    const result = mapRow(ibm, 2, ibmRow({ SettledDate: '', DaysToSettle: '' }))
    expect(result.ok && result.record.account.status).toBe('open')
    expect(result.ok && result.record.entries).toHaveLength(1)
  })

  it('accepts ISO dates whatever the preset format (XLSX date cells)', () => {
    const result = mapRow(ibm, 2, ibmRow({ InvoiceDate: '2013-01-02' }))
    expect(result.ok && result.record.account.openedOn).toBe('2013-01-02')
  })

  const rejected: {
    name: string
    changes: Record<string, string>
    errors: { field: string; reason: string }[]
  }[] = [
    {
      name: 'impossible date',
      changes: { InvoiceDate: '2/30/2013' },
      errors: [{ field: 'InvoiceDate', reason: '"2/30/2013" is not a real calendar date' }],
    },
    {
      name: 'date in another format',
      changes: { DueDate: '30.1.2013' },
      errors: [{ field: 'DueDate', reason: '"30.1.2013" is not a date in m/d/yyyy format' }],
    },
    {
      name: 'negative amount',
      changes: { InvoiceAmount: '-12.00' },
      errors: [{ field: 'InvoiceAmount', reason: '"-12.00" must be greater than zero' }],
    },
    {
      name: 'zero amount',
      changes: { InvoiceAmount: '0.00' },
      errors: [{ field: 'InvoiceAmount', reason: '"0.00" must be greater than zero' }],
    },
    {
      name: 'non-numeric amount',
      changes: { InvoiceAmount: 'abc' },
      errors: [{ field: 'InvoiceAmount', reason: '"abc" is not a decimal number' }],
    },
    {
      name: 'too many decimals',
      changes: { InvoiceAmount: '12.345' },
      errors: [{ field: 'InvoiceAmount', reason: '"12.345" has more than 2 decimal places for USD' }],
    },
    {
      name: 'missing customer',
      changes: { customerID: '' },
      errors: [{ field: 'customerID', reason: 'is required' }],
    },
    {
      name: 'missing invoice number',
      changes: { invoiceNumber: ' ' },
      errors: [{ field: 'invoiceNumber', reason: 'is required' }],
    },
    {
      name: 'bad attribute',
      changes: { Disputed: 'maybe', DaysLate: '1.5' },
      errors: [
        { field: 'Disputed', reason: '"maybe" is not yes or no' },
        { field: 'DaysLate', reason: '"1.5" is not a whole number' },
      ],
    },
    {
      name: 'undecodable bytes',
      changes: { customerID: 'M\uFFFDller' },
      errors: [{ field: 'customerID', reason: expect.stringContaining('--encoding latin1') }],
    },
    {
      name: 'several problems at once',
      changes: { InvoiceDate: '13/1/2013', InvoiceAmount: '' },
      errors: [
        { field: 'InvoiceAmount', reason: 'is required' },
        { field: 'InvoiceDate', reason: '"13/1/2013" is not a real calendar date' },
      ],
    },
  ]
  it.each(rejected)('rejects: $name', ({ changes, errors }) => {
    expect(mapRow(ibm, 9, ibmRow(changes))).toEqual({ ok: false, errors })
  })

  it.each([
    { name: 'too many columns', row: [...ibmRow(), 'extra'], reason: 'has 13 columns, the header has 12' },
    { name: 'too few columns', row: ibmRow().slice(0, 11), reason: 'has 11 columns, the header has 12' },
  ])('rejects a row with $name', ({ row, reason }) => {
    expect(mapRow(ibm, 3, row)).toEqual({ ok: false, errors: [{ field: 'row', reason }] })
  })

  it('ignores U+FFFD when the file was not decoded as UTF-8 (it is then a real character)', () => {
    const latin = compileMapping(presetMapping('ibm-ar'), IBM_HEADER, { ...context, decodedAsUtf8: false })
    expect(mapRow(latin, 2, ibmRow({ customerID: 'M\uFFFDller' })).ok).toBe(true)
  })
})
