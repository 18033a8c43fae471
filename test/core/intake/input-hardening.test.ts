import { describe, expect, it } from 'vitest'
import { MAX_INPUT_DATE, MIN_INPUT_DATE, parseLocalDate } from '../../../src/core/calendar/local-date.ts'
import { DEMO_JURISDICTIONS } from '../../../src/core/demo/demo-jurisdictions.ts'
import { compileMapping } from '../../../src/core/intake/compile-mapping.ts'
import { jurisdictionProblem } from '../../../src/core/intake/iso-3166.ts'
import { mapRow } from '../../../src/core/intake/map-row.ts'
import { presetMapping } from '../../../src/core/intake/mapping-presets.ts'

const context = { defaultCurrency: 'USD', creditorName: 'Tenant', decodedAsUtf8: true }

function map(values: Record<string, string>) {
  const header = Object.keys(values)
  return mapRow(compileMapping(presetMapping('generic'), header, context), 2, Object.values(values))
}

const base = {
  account_id: 'A1',
  debtor_id: 'D1',
  debtor_name: 'Ann Lee',
  amount: '100.00',
  opened_on: '2025-01-10',
  due_on: '2025-02-10',
  jurisdiction: 'US-NY',
}

const errorsOf = (values: Record<string, string>) => {
  const result = map(values)
  if (result.ok) throw new Error('expected the row to be rejected')
  return result.errors
}

describe('dates outside the accepted range (defect 3a)', () => {
  it.each([
    ['0000-01-01', 'iso'],
    ['9999-12-31', 'iso'],
    ['1899-12-31', 'iso'],
    ['2200-01-01', 'iso'],
    ['12/31/9999', 'm/d/yyyy'],
    ['1.1.0001', 'd.m.yyyy'],
  ] as const)('parseLocalDate refuses %s', (text, format) => {
    const parsed = parseLocalDate(text, format)
    expect(parsed).toMatchObject({ ok: false, reason: expect.stringContaining('1900-01-01 to 2199-12-31') })
  })

  it('accepts the bounds themselves', () => {
    expect(parseLocalDate(MIN_INPUT_DATE)).toEqual({ ok: true, date: '1900-01-01' })
    expect(parseLocalDate(MAX_INPUT_DATE)).toEqual({ ok: true, date: '2199-12-31' })
  })

  it.each(['opened_on', 'due_on'] as const)(
    'an import row with %s in year 9999 or 0000 is rejected',
    (field) => {
      for (const year of ['9999', '0000']) {
        const errors = errorsOf({ ...base, opened_on: '2000-01-01', [field]: `${year}-06-01` })
        expect(errors).toContainEqual({
          field,
          reason: expect.stringContaining('outside the accepted dates'),
        })
      }
    },
  )
})

describe('field length limits (defect 12)', () => {
  it('refuses a 10 MB name without echoing it', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024)
    const errors = errorsOf({ ...base, debtor_name: huge })
    expect(errors).toEqual([
      { field: 'debtor_name', reason: `is ${huge.length} characters long; a cell may hold at most 2000` },
    ])
    expect(JSON.stringify(errors).length).toBeLessThan(200)
  })

  it('refuses a name over its field limit and an account id over 100 characters', () => {
    const errors = errorsOf({ ...base, debtor_name: 'n'.repeat(201), account_id: 'a'.repeat(101) })
    expect(errors).toContainEqual({
      field: 'debtor_name',
      reason: 'is 201 characters long; debtor_name takes at most 200',
    })
    expect(errors).toContainEqual({
      field: 'account_id',
      reason: 'is 101 characters long; account_id takes at most 100',
    })
  })

  it('accepts a name at its limit', () => {
    expect(map({ ...base, debtor_name: 'n'.repeat(200) }).ok).toBe(true)
  })

  it('refuses control characters (binary data) in any cell and never shows the value', () => {
    for (const value of ['Ann\u0000Lee', '\u001b[31mred', 'a\u009bb', 'x\u0007']) {
      const errors = errorsOf({ ...base, debtor_name: value })
      expect(errors).toEqual([
        { field: 'debtor_name', reason: expect.stringContaining('control characters') },
      ])
      expect(JSON.stringify(errors)).not.toContain(JSON.stringify(value).slice(1, -1))
    }
  })

  it('keeps tabs and newlines in a quoted address', () => {
    expect(map({ ...base, country: 'US', address_line1: '1 Main St\nApt 2\t(rear)' }).ok).toBe(true)
  })
})

describe('ISO 3166 country and subdivision codes (defect 12)', () => {
  it.each([
    ['US-XX9', /not an ISO 3166-2 subdivision of US/],
    ['US-ZZ', /not an ISO 3166-2 subdivision of US/],
    ['QQ', /"QQ" is not an ISO 3166 country code/],
    ['QQ-NY', /"QQ" is not an ISO 3166 country code/],
    ['US_NY', /not a country code or country-subdivision code/],
  ])('refuses jurisdiction %s', (jurisdiction, reason) => {
    expect(errorsOf({ ...base, jurisdiction })).toContainEqual({
      field: 'jurisdiction',
      reason: expect.stringMatching(reason),
    })
  })

  it.each(['US', 'US-NY', 'US-DC', 'GB-SCT', 'GB-ENG', 'DE-BY', 'IN-MH', 'AE-DU', 'AU-NSW', 'XX-391'])(
    'accepts jurisdiction %s',
    (jurisdiction) => {
      expect(jurisdictionProblem(jurisdiction)).toBeUndefined()
      expect(map({ ...base, jurisdiction }).ok).toBe(true)
    },
  )

  it('refuses an address country that is not assigned', () => {
    expect(errorsOf({ ...base, country: 'QQ', city: 'Nowhere' })).toContainEqual({
      field: 'country',
      reason: expect.stringContaining('ISO 3166'),
    })
  })

  it('knows every jurisdiction the demo portfolio uses', () => {
    expect(DEMO_JURISDICTIONS.filter((j) => jurisdictionProblem(j.code) !== undefined)).toEqual([])
  })
})
