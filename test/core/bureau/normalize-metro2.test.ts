import { describe, expect, it } from 'vitest'
import { alphanumeric, postalDigits, usState } from '../../../src/core/bureau/normalize-metro2.ts'

/** The rule as docs/metro2.md states it, with regular expressions only (what the fast path must equal). */
function reference(text: string, length: number): string {
  const upper = text.toUpperCase()
  if (upper.length <= length && /^[A-Z0-9,.'&/#-]+(?: [A-Z0-9,.'&/#-]+)*$/.test(upper)) return upper
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ,.'&/#-]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, length)
    .trimEnd()
}

describe('alphanumeric', () => {
  // The char-by-char path for plain ASCII and the Unicode path must give the same text.
  it.each([
    ['1 Main Street', 32],
    ['o’brien & sons', 20],
    ["O'Brien-Smith #4/B", 20],
    ['  leading', 10],
    ['trailing ', 10],
    ['double  space', 20],
    ['tab\there', 10],
    ['exactly ten', 11],
    ['eleven char', 10],
    ['Zoë Ångström', 20],
    ['straße', 10],
    ['ſtreet', 10],
    ['ıstanbul', 10],
    ['under_score!', 20],
    ['', 5],
    [' ', 5],
    ['a', 1],
    ['NY', 2],
  ])('%j cut to %i', (text, length) => {
    expect(alphanumeric(text, length)).toBe(reference(text, length))
  })

  it('upper-cases clean ASCII and keeps the allowed punctuation', () => {
    expect(alphanumeric("o'neil, j. & co/#1-a", 30)).toBe("O'NEIL, J. & CO/#1-A")
    expect(alphanumeric('Zoë', 10)).toBe('ZOE')
    expect(alphanumeric('ſtreet', 10)).toBe('STREET')
  })
})

describe('usState and postalDigits', () => {
  it('answers exact codes at once and normalises the rest as before', () => {
    expect(usState('NY')).toBe('NY')
    expect(usState('ny')).toBe('NY')
    expect(usState('US-CA')).toBe('CA')
    expect(usState('ZZ')).toBeNull()
    expect(usState(null)).toBeNull()
    expect(postalDigits('10001')).toBe('10001')
    expect(postalDigits('10001-1234')).toBe('100011234')
    expect(postalDigits('1000A')).toBe('')
    expect(postalDigits('1234')).toBe('')
    expect(postalDigits(null)).toBe('')
  })
})
