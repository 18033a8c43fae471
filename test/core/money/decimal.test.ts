import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDecimal,
  compareDecimal,
  decimal,
  divideDecimal,
  divideRounded,
  formatDecimal,
  fromMinor,
  multiplyDecimal,
  parseDecimal,
  type RoundingMode,
  rescale,
  subtractDecimal,
  toSafeNumber,
} from '../../../src/core/money/decimal.ts'

describe('parseDecimal / formatDecimal', () => {
  it.each([
    ['8.25', 825n, 2, '8.25'],
    ['4.50', 450n, 2, '4.50'],
    ['12', 12n, 0, '12'],
    ['-0.05', -5n, 2, '-0.05'],
    ['+3.1', 31n, 1, '3.1'],
    [' 0.000001 ', 1n, 6, '0.000001'],
    ['007.10', 710n, 2, '7.10'],
  ])('%s -> units %s scale %s -> "%s"', (text, units, scale, formatted) => {
    const parsed = parseDecimal(text)
    expect(parsed).toEqual({ ok: true, value: { units, scale } })
    if (parsed.ok) expect(formatDecimal(parsed.value)).toBe(formatted)
  })

  it.each(['', '.5', '5.', '1e3', '1,5', 'NaN', '--1', '0x10', `1.${'0'.repeat(41)}`])(
    'rejects "%s"',
    (text) => {
      expect(parseDecimal(text).ok).toBe(false)
    },
  )

  it('decimal() throws on a malformed literal', () => {
    expect(() => decimal('8,5')).toThrow(RangeError)
  })

  it('round-trips any units and scale through format and parse', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.integer({ min: 0, max: 12 }),
        (units, scale) => {
          const value = { units, scale }
          expect(parseDecimal(formatDecimal(value))).toEqual({ ok: true, value })
        },
      ),
    )
  })
})

describe('divideRounded', () => {
  // numerator, denominator, then half-even, half-up, half-down, down, up
  const table: [bigint, bigint, bigint, bigint, bigint, bigint, bigint][] = [
    [5n, 2n, 2n, 3n, 2n, 2n, 3n], // 2.5: a tie goes to the even neighbour under half-even
    [7n, 2n, 4n, 4n, 3n, 3n, 4n], // 3.5
    [-5n, 2n, -2n, -3n, -2n, -2n, -3n], // -2.5: modes are symmetric about zero
    [9n, 4n, 2n, 2n, 2n, 2n, 3n], // 2.25
    [11n, 4n, 3n, 3n, 3n, 2n, 3n], // 2.75
    [5n, -2n, -2n, -3n, -2n, -2n, -3n], // negative denominator
    [6n, 3n, 2n, 2n, 2n, 2n, 2n], // exact
    [0n, 7n, 0n, 0n, 0n, 0n, 0n],
  ]
  const modes: RoundingMode[] = ['half-even', 'half-up', 'half-down', 'down', 'up']
  it.each(table)('%s / %s', (n, d, ...expected) => {
    expect(modes.map((mode) => divideRounded(n, d, mode))).toEqual(expected)
  })

  it('half-even is the default and is never more than half a unit off', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const q = divideRounded(n, d)
          const error = q * d - n
          expect(2n * (error < 0n ? -error : error) <= d).toBe(true)
        },
      ),
    )
  })

  it('refuses to divide by zero', () => {
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError)
  })
})

describe('arithmetic', () => {
  it('0.1 + 0.2 is exactly 0.3', () => {
    expect(formatDecimal(addDecimal(decimal('0.1'), decimal('0.2')))).toBe('0.3')
  })

  it.each([
    ['5.25', '8', '13.25'],
    ['4.00', '8', '12.00'],
    ['3.15', '8.5', '11.65'],
  ])('%s + %s = %s', (a, b, sum) => {
    expect(formatDecimal(addDecimal(decimal(a), decimal(b)))).toBe(sum)
  })

  it.each([
    ['6.50', '3', '19.50'],
    ['5.75', '3', '17.25'],
    ['1.5', '-0.25', '-0.375'],
  ])('%s x %s = %s', (a, b, product) => {
    expect(formatDecimal(multiplyDecimal(decimal(a), decimal(b)))).toBe(product)
  })

  it.each([
    ['1', '3', 4, 'half-even', '0.3333'],
    ['2', '3', 4, 'half-even', '0.6667'],
    ['2', '3', 4, 'down', '0.6666'],
    ['1325', '365', 6, 'half-even', '3.630137'],
    ['0.125', '1', 2, 'half-even', '0.12'],
    ['0.125', '1', 2, 'half-up', '0.13'],
  ] as const)('%s / %s to %s places (%s) = %s', (a, b, scale, mode, quotient) => {
    expect(formatDecimal(divideDecimal(decimal(a), decimal(b), scale, mode))).toBe(quotient)
  })

  it('rescale widens exactly and narrows with the given mode', () => {
    expect(formatDecimal(rescale(decimal('2.5'), 3))).toBe('2.500')
    expect(formatDecimal(rescale(decimal('2.345'), 2))).toBe('2.34')
    expect(formatDecimal(rescale(decimal('2.345'), 2, 'half-up'))).toBe('2.35')
  })

  it('compares across scales and subtracts exactly', () => {
    expect(compareDecimal(decimal('4.50'), decimal('4.5'))).toBe(0)
    expect(compareDecimal(decimal('4.49'), decimal('4.5'))).toBe(-1)
    expect(compareDecimal(decimal('10'), decimal('9.999'))).toBe(1)
    expect(formatDecimal(subtractDecimal(decimal('5.25'), decimal('8')))).toBe('-2.75')
  })

  it('converts minor units and refuses unsafe numbers', () => {
    expect(formatDecimal(fromMinor(123456, 2))).toBe('1234.56')
    expect(formatDecimal(fromMinor(7, 3))).toBe('0.007')
    expect(toSafeNumber(10n ** 15n)).toBe(1e15)
    expect(() => toSafeNumber(2n ** 53n)).toThrow(RangeError)
  })

  it('(a + b) - b = a for any decimals', () => {
    const arb = fc.record({
      units: fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
      scale: fc.integer({ min: 0, max: 8 }),
    })
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(compareDecimal(subtractDecimal(addDecimal(a, b), b), a)).toBe(0)
      }),
    )
  })
})
