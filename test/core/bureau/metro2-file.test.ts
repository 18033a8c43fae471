import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { metro2Header } from '../../../src/core/bureau/metro2-header.ts'
import {
  BASE_FIELDS,
  COMPLIANCE_CONDITION_CODES,
  HEADER_FIELDS,
  K1_FIELDS,
  TRAILER_FIELDS,
} from '../../../src/core/bureau/metro2-layout.ts'
import type { Metro2Account, Metro2File } from '../../../src/core/bureau/metro2-records.ts'
import { readMetro2 } from '../../../src/core/bureau/read-metro2.ts'
import { validateMetro2 } from '../../../src/core/bureau/validate-metro2.ts'
import { trailerOf, writeMetro2 } from '../../../src/core/bureau/write-metro2.ts'

const AN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-/#&'.split('')

/** Alphanumeric values as the export writes them: upper-case, no leading or trailing blanks. */
const an = (max: number) =>
  fc.array(fc.constantFrom(...AN_CHARS), { maxLength: max }).map((cs) => cs.join('').trim())
const date = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const optionalDate = fc.option(date, { nil: null })
const amount = fc.integer({ min: 0, max: 999_999_999 })

const account: fc.Arbitrary<Metro2Account> = fc.record({
  timeStamp: fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 19)),
  identificationNumber: an(20),
  cycleIdentifier: an(2),
  consumerAccountNumber: an(30).filter((s) => s.length > 0),
  portfolioType: fc.constant('O'),
  accountType: fc.constantFrom('48', '0C'),
  dateOpened: optionalDate,
  creditLimit: amount,
  highestCredit: amount,
  termsDuration: an(3),
  termsFrequency: an(1),
  scheduledMonthlyPayment: amount,
  actualPayment: amount,
  accountStatus: fc.constant('93'),
  paymentRating: an(1),
  paymentHistoryProfile: an(24),
  specialComment: fc.constant(''),
  complianceConditionCode: fc.constantFrom(...COMPLIANCE_CONDITION_CODES),
  currentBalance: fc.integer({ min: 1, max: 999_999_999 }),
  amountPastDue: amount,
  originalChargeOffAmount: amount,
  dateOfAccountInformation: optionalDate,
  dateOfFirstDelinquency: optionalDate,
  dateClosed: optionalDate,
  dateOfLastPayment: optionalDate,
  interestTypeIndicator: an(1),
  surname: an(25),
  firstName: an(20),
  middleName: an(20),
  generationCode: an(1),
  socialSecurityNumber: fc.integer({ min: 0, max: 999_999_999 }),
  dateOfBirth: optionalDate,
  telephone: fc.integer({ min: 0, max: 9_999_999_999 }),
  ecoaCode: fc.constantFrom('1', '2', 'Z'),
  consumerInformationIndicator: an(2),
  countryCode: fc.constant('US'),
  addressLine1: an(32),
  addressLine2: an(32),
  city: an(20),
  state: fc.constantFrom('NY', 'CA', 'TX'),
  postalCode: an(9),
  addressIndicator: an(1),
  residenceCode: an(1),
  originalCreditor: fc.option(
    fc.record({ name: an(30), classification: fc.constantFrom('01', '02', '12', '15') }),
    { nil: null },
  ),
})

const header = metro2Header({
  reporterName: 'Acme Collections',
  activityDate: '2026-11-30',
  dateCreated: '2026-12-02',
})

const fileOf = (accounts: Metro2Account[]): Metro2File => ({ header, accounts, trailer: trailerOf(accounts) })

/** The byte offset of a field in the `index`th account (0-based) of a file whose accounts all have K1. */
function offsetOf(bytes: Uint8Array, index: number, field: string): number {
  let at = 426
  for (let i = 0; i < index; i++) at += Number(new TextDecoder().decode(bytes.subarray(at, at + 4)))
  const spec = BASE_FIELDS.find((f) => f.name === field)
  if (!spec) throw new Error(field)
  return at + spec.start - 1
}

describe('Metro 2 layout', () => {
  it('numbers every table to its length, fields back to back', () => {
    for (const [specs, length] of [
      [HEADER_FIELDS, 426],
      [BASE_FIELDS, 426],
      [K1_FIELDS, 34],
      [TRAILER_FIELDS, 426],
    ] as const) {
      let next = 1
      for (const spec of specs) {
        expect(spec.start).toBe(next)
        next += spec.length
      }
      expect(next - 1).toBe(length)
    }
  })

  it('puts the CRRG positions where they belong', () => {
    const at = (name: string) => BASE_FIELDS.find((f) => f.name === name)
    expect(at('Consumer Account Number')).toMatchObject({ start: 43, length: 30 })
    expect(at('Account Status')).toMatchObject({ start: 124, length: 2 })
    expect(at('Compliance Condition Code')).toMatchObject({ start: 153, length: 2 })
    expect(at('FCRA Compliance/Date of First Delinquency')).toMatchObject({ start: 190, length: 8 })
    expect(at('Surname')).toMatchObject({ start: 232, length: 25 })
    expect(at('Residence Code')).toMatchObject({ start: 426, length: 1 })
    expect(TRAILER_FIELDS.find((f) => f.name === 'Total Original Creditor Segments')).toMatchObject({
      start: 273,
    })
    expect(TRAILER_FIELDS.find((f) => f.name === 'Total of Status Code 93')).toMatchObject({ start: 210 })
  })
})

describe('Metro 2 writer and reader', () => {
  it('reads back what it wrote, and the validator finds nothing wrong', () => {
    fc.assert(
      fc.property(fc.array(account, { maxLength: 12 }), (accounts) => {
        const file = fileOf(accounts)
        const bytes = writeMetro2(file)
        expect(validateMetro2(bytes)).toEqual([])
        expect(readMetro2(bytes)).toEqual(file)
        const k1 = accounts.filter((a) => a.originalCreditor).length
        expect(bytes.length).toBe(426 * (accounts.length + 2) + 34 * k1)
      }),
      { numRuns: 200 },
    )
  })

  it('writes fixed-width fields: upper-case left-justified, numbers zero-filled, RDW 460 with K1', () => {
    const a = fc.sample(account, { numRuns: 1, seed: 3 })[0]!
    const one = { ...a, originalCreditor: { name: 'FIRST BANK', classification: '12' }, currentBalance: 1234 }
    const bytes = writeMetro2(fileOf([one]))
    const text = new TextDecoder().decode(bytes)
    expect(text.slice(0, 10)).toBe('0426HEADER')
    expect(text.slice(426, 430)).toBe('0460')
    expect(text.slice(426 + 154, 426 + 163)).toBe('000001234')
    expect(text.slice(426 + 426, 426 + 460)).toBe(`K1${'FIRST BANK'.padEnd(30)}12`)
    expect(text.slice(886, 897)).toBe('0426TRAILER')
    expect(text.slice(886 + 11, 886 + 20)).toBe('000000001')
  })

  it('refuses a value that does not fit rather than cutting it', () => {
    const a = fc.sample(account, { numRuns: 1, seed: 5 })[0]!
    expect(() => writeMetro2(fileOf([{ ...a, currentBalance: 1_000_000_000 }]))).toThrow(/Current Balance/)
    expect(() => writeMetro2(fileOf([{ ...a, surname: 'X'.repeat(26) }]))).toThrow(/Surname/)
  })
})

describe('Metro 2 validator', () => {
  const accounts = fc.sample(account, { numRuns: 3, seed: 11 }).map((a) => ({
    ...a,
    originalCreditor: { name: 'ORIGINAL BANK', classification: '12' },
  }))
  const good = writeMetro2(fileOf(accounts))
  const corrupt = (offset: number, text: string) => {
    const bytes = Uint8Array.from(good)
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i)
    return bytes
  }

  it.each([
    ['Account Status', 'ZZ', /not one of 93, 62, DA/],
    ['Current Balance', '12A', /not numeric/],
    ['Date Opened', '13', /not a date/],
    ['Surname', 'a', /lower-case/],
    ['Compliance Condition Code', 'XQ', /not one of/],
  ])('names the byte offset and the field of a bad %s', (field, text, message) => {
    const offset = offsetOf(good, 1, field)
    const problems = validateMetro2(corrupt(offset, text))
    expect(problems[0]).toMatchObject({ offset, record: 3, segment: 'base', field })
    expect(problems[0]?.message).toMatch(message)
    expect(() => readMetro2(corrupt(offset, text))).toThrow(new RegExp(`byte ${offset}, record 3`))
  })

  it('checks the trailer counts against the records', () => {
    const trailerAt = good.length - 426
    const problems = validateMetro2(corrupt(trailerAt + 11, '000000007'))
    expect(problems).toEqual([
      expect.objectContaining({
        offset: trailerAt + 11,
        segment: 'trailer',
        field: 'Total Base Records',
        message: 'the trailer says 7, the file has 3',
      }),
    ])
  })

  it('finds a broken structure: a wrong K1 identifier, a short file, a missing trailer', () => {
    const k1At = 426 + 426
    expect(validateMetro2(corrupt(k1At, 'K9'))[0]).toMatchObject({ offset: k1At, segment: 'K1' })
    expect(validateMetro2(good.subarray(0, good.length - 10))[0]).toMatchObject({
      field: 'Record Descriptor Word',
      message: 'the file ends inside the Trailer record',
    })
    expect(validateMetro2(good.subarray(0, good.length - 426))[0]?.message).toBe(
      'the file ends without a Trailer record',
    )
    expect(validateMetro2(corrupt(426, '0999'))[0]).toMatchObject({ offset: 426, record: 2 })
    expect(validateMetro2(new Uint8Array(10))[0]?.message).toMatch(/must start with a 426-byte Header/)
  })

  it('holds paid and deleted accounts to a zero balance', () => {
    const bad = { ...accounts[0]!, accountStatus: '62', currentBalance: 5 }
    const problems = validateMetro2(writeMetro2(fileOf([bad])))
    expect(problems).toEqual([expect.objectContaining({ field: 'Current Balance', offset: 426 + 154 })])
  })
})
