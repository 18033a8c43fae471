import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { currencyExponent, isCurrencyCode } from '../../src/core/money/currencies.ts'
import { addMoney, formatAmount, parseAmount } from '../../src/core/money/money.ts'

describe('currencies', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
    ['INR', 2],
    ['AED', 2],
  ])('%s has exponent %i', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent)
  })

  it('rejects codes that are not ISO 4217', () => {
    expect(isCurrencyCode('XYZ')).toBe(false)
    expect(isCurrencyCode('usd')).toBe(false)
  })
})

describe('parseAmount', () => {
  it.each([
    ['55.94', 'USD', 5594],
    ['100', 'USD', 10000],
    ['0.5', 'USD', 50],
    ['-12.30', 'EUR', -1230],
    ['1,234.56', 'USD', 123456],
    ['1,234,567', 'USD', 123456700],
    ['1500', 'JPY', 1500],
    ['1.250', 'KWD', 1250],
    ['7.000', 'JPY', 7],
    [' 42.00 ', 'GBP', 4200],
    ['0.00', 'USD', 0],
  ])('%s %s → %i minor units', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, minor })
  })

  it.each([
    ['abc', 'USD', 'not a decimal number'],
    ['10,50', 'EUR', 'a comma may only separate thousands'],
    ['1,2,3', 'USD', 'a comma may only separate thousands'],
    ['1234,567.00', 'USD', 'a comma may only separate thousands'],
    ['1.234', 'USD', 'more than 2 decimal places'],
    ['1.5', 'JPY', 'more than 0 decimal places'],
    ['12', 'XXQ', 'unknown currency'],
    ['1e5', 'USD', 'not a decimal number'],
    ['', 'USD', 'not a decimal number'],
    ['99999999999999999999', 'USD', 'too large'],
  ])('rejects %j in %s', (text, currency, reason) => {
    const result = parseAmount(text, currency)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toContain(reason)
  })

  it('round-trips every safe amount through format and parse, in every exponent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.constantFrom('USD', 'JPY', 'KWD', 'CLF'),
        (minor, currency) => {
          expect(parseAmount(formatAmount(minor, currency), currency)).toEqual({ ok: true, minor })
        },
      ),
    )
  })
})

describe('formatAmount', () => {
  it.each([
    [5594, 'USD', '55.94'],
    [-5, 'USD', '-0.05'],
    [1500, 'JPY', '1500'],
    [1250, 'KWD', '1.250'],
    [0, 'EUR', '0.00'],
  ])('%i %s → %s', (minor, currency, text) => {
    expect(formatAmount(minor, currency)).toBe(text)
  })
})

describe('addMoney', () => {
  it('adds within one currency and refuses to mix currencies', () => {
    expect(addMoney({ minor: 100, currency: 'USD' }, { minor: 250, currency: 'USD' })).toEqual({
      minor: 350,
      currency: 'USD',
    })
    expect(() => addMoney({ minor: 1, currency: 'USD' }, { minor: 1, currency: 'EUR' })).toThrow(/cannot add/)
  })
})
