import { describe, expect, it } from 'vitest'
import { compileMapping } from '../../../src/core/intake/compile-mapping.ts'
import { numberToDecimalText } from '../../../src/core/intake/decimal-text.ts'
import { mapRow } from '../../../src/core/intake/map-row.ts'
import { presetMapping } from '../../../src/core/intake/mapping-presets.ts'
import { parseMapping } from '../../../src/core/intake/parse-mapping.ts'

const context = { defaultCurrency: 'USD', creditorName: 'T', decodedAsUtf8: true }

describe('parseMapping', () => {
  it('reads column names, constants, prefixes, defaults and typed attributes', () => {
    const mapping = parseMapping(
      {
        dateFormat: 'd/m/yyyy',
        fields: {
          account_id: 'Invoice',
          debtor_id: 'Customer',
          debtor_name: { column: 'Name', default: 'unknown' },
          amount: 'Total',
          opened_on: 'Date',
          due_on: 'Due',
          jurisdiction: { column: 'Land', prefix: 'DE-' },
          debt_kind: { value: 'commercial' },
          email: { column: 'Mail', optional: true },
        },
        attributes: { region: 'Region', vip: { column: 'VIP', type: 'boolean' } },
      },
      'shop.json',
    )
    const header = ['Invoice', 'customer', 'Name', 'Total', 'Date', 'Due', 'Land', 'Region', 'VIP']
    const compiled = compileMapping(mapping, header, context)
    const result = mapRow(compiled, 2, [
      'F-1',
      'K7',
      '',
      '1,050',
      '31/1/2025',
      '28/2/2025',
      'BY',
      'Süd',
      'yes',
    ])
    // "1,050" has a thousands separator: it reads as 1050.
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.record.debtor.name).toBe('unknown')
    expect(result.record.account).toMatchObject({
      jurisdiction: 'DE-BY',
      debtKind: 'commercial',
      openedOn: '2025-01-31',
      attributes: { region: 'Süd', vip: true },
    })
    expect(result.record.entries[0]?.amountMinor).toBe(105000)
  })

  it.each([
    { json: [], message: 'must be a JSON object' },
    { json: { fields: {}, extra: 1 }, message: 'unknown key "extra"' },
    { json: { fields: 'x' }, message: '"fields" must be an object' },
    { json: { fields: { acount_id: 'A' } }, message: 'fields.acount_id is not an intake field' },
    { json: { fields: { account_id: 7 } }, message: 'fields.account_id must be a column name or an object' },
    { json: { fields: { account_id: { colum: 'A' } } }, message: 'unknown key "colum"' },
    { json: { fields: {}, dateFormat: 'yyyy/mm/dd' }, message: 'dateFormat must be one of' },
    {
      json: { fields: {}, attributes: { x: { column: 'X', type: 'money' } } },
      message: 'attributes.x.type must be one of',
    },
  ])('refuses $message', ({ json, message }) => {
    expect(() => parseMapping(json, 'm.json')).toThrow(
      expect.objectContaining({ code: 'invalid_mapping', message: expect.stringContaining(message) }),
    )
  })
})

describe('compileMapping', () => {
  it('names every column a mapping needs that the header lacks', () => {
    expect(() => compileMapping(presetMapping('ibm-ar'), ['customerID', 'invoiceNumber'], context)).toThrow(
      expect.objectContaining({
        code: 'mapping_columns_missing',
        message: expect.stringContaining(
          'absent from the header: InvoiceAmount, InvoiceDate, DueDate, SettledDate, countryCode,',
        ),
      }),
    )
  })

  it('refuses a needed column that the header has twice', () => {
    const header = ['account_id', 'debtor_id', 'debtor_name', 'amount', 'opened_on', 'due_on', 'Amount']
    expect(() => compileMapping(presetMapping('generic'), header, context)).toThrow(/twice: amount/)
  })

  it('lets the generic preset go without its optional columns', () => {
    const header = ['account_id', 'debtor_id', 'debtor_name', 'amount', 'opened_on', 'due_on']
    expect(Object.keys(compileMapping(presetMapping('generic'), header, context).fields)).toHaveLength(6)
  })

  it('refuses an unknown preset', () => {
    expect(() => presetMapping('sap')).toThrow(expect.objectContaining({ code: 'unknown_preset' }))
    expect(() => presetMapping('toString')).toThrow(/unknown preset/)
  })
})

describe('numberToDecimalText', () => {
  it.each([
    [55.94, '55.94'],
    [0.1 + 0.2, '0.3'],
    [1234.5600000000002, '1234.56'],
    [100, '100'],
    [-7.25, '-7.25'],
    [1e-7, '0.0000001'],
    [1.5e-9, '0.0000000015'],
    [1e21, '1000000000000000000000'],
    [12345678901234.5, '12345678901234.5'],
  ])('%s → %s', (value, text) => {
    expect(numberToDecimalText(value)).toBe(text)
  })
})
