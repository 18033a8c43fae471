import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseInstant } from '../../../src/core/calendar/instant.ts'
import { decodeInstant, instantMs } from '../../../src/core/compliance/instant-ms.ts'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

describe('instantMs', () => {
  it('agrees with parseInstant on generated instants, offsets and fractions', () => {
    const text = fc
      .record({
        ms: fc.integer({ min: Date.parse('1000-01-01T00:00:00Z'), max: Date.parse('9999-12-31T00:00:00Z') }),
        offset: fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        seconds: fc.constantFrom('none', 'whole', '1', '2', '3'),
      })
      .map(({ ms, offset, seconds }) => {
        const local = new Date(ms + offset * 60_000).toISOString()
        const sign = offset < 0 ? '-' : '+'
        const zone =
          offset === 0 && ms % 2 === 0
            ? 'Z'
            : `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
        const time =
          seconds === 'none'
            ? local.slice(0, 16)
            : seconds === 'whole'
              ? local.slice(0, 19)
              : local.slice(0, 20 + Number(seconds))
        return `${time}${zone}`
      })
    fc.assert(
      fc.property(text, (t) => {
        expect(instantMs(t, 'x')).toBe(parseInstant(t, 'x'))
      }),
      { numRuns: 2000 },
    )
  })

  it.each([
    '2026-02-29T10:00Z',
    '2026-06-15T10:00',
    '2026-06-15 10:00Z',
    '2026-06-15T24:00Z',
    '0999-01-01T00:00Z',
  ])('leaves %s to parseInstant (same answer or same error)', (t) => {
    expect(decodeInstant(t)).toBeNull()
    let expected: unknown
    try {
      expected = parseInstant(t, 'x')
    } catch (error) {
      expected = (error as { code: string }).code
    }
    let actual: unknown
    try {
      actual = instantMs(t, 'x')
    } catch (error) {
      actual = (error as { code: string }).code
    }
    expect(actual).toBe(expected)
  })
})
