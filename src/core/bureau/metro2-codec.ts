/**
 * One field to and from its fixed-width text. Encoding trusts the record (the export normalises every
 * value first) but refuses a value that does not fit, since cutting it would write another value;
 * decoding is the exact inverse on text the validator accepts.
 */
import type { FieldSpec } from './metro2-layout.ts'

type Value = string | number | null

const ZERO_DATE = '00000000'

/** The field's text for `value` (`rdw`: the record's length, for the descriptor word). */
export function encodeField(spec: FieldSpec, value: Value | undefined, rdw: number): string {
  const { length } = spec
  switch (spec.kind) {
    case 'RDW':
      return String(rdw).padStart(length, '0')
    case 'C':
      return (spec.constant ?? '').padEnd(length, ' ')
    case 'AN': {
      const text = value == null ? '' : String(value)
      if (text.length > length) throw new Error(`${spec.name}: "${text}" is longer than ${length}`)
      return text.padEnd(length, ' ')
    }
    case 'N': {
      const n = value == null ? 0 : (value as number)
      const text = String(n)
      if (!Number.isSafeInteger(n) || n < 0 || text.length > length)
        throw new Error(`${spec.name}: ${n} is not a whole number of at most ${length} digits`)
      return text.padStart(length, '0')
    }
    case 'D': {
      if (value == null) return ZERO_DATE
      const d = value as string
      return `${d.slice(5, 7)}${d.slice(8, 10)}${d.slice(0, 4)}`
    }
    case 'TS': {
      const t = value as string
      return `${t.slice(5, 7)}${t.slice(8, 10)}${t.slice(0, 4)}${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}`
    }
  }
}

/** The value of a field's text (the inverse of encodeField). */
export function decodeField(spec: FieldSpec, text: string): Value {
  switch (spec.kind) {
    case 'AN':
      return text.trimEnd()
    case 'N':
    case 'RDW':
      return Number(text)
    case 'D':
      return text === ZERO_DATE ? null : `${text.slice(4, 8)}-${text.slice(0, 2)}-${text.slice(2, 4)}`
    case 'TS':
      return `${text.slice(4, 8)}-${text.slice(0, 2)}-${text.slice(2, 4)}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}`
    case 'C':
      return text
  }
}

const DIGITS = /^[0-9]+$/
/** Printable ASCII without lower-case letters: what an alphanumeric field may hold. */
const ALPHANUMERIC = /^[\x20-\x60\x7b-\x7e]*$/

/** What is wrong with a field's text, or null. */
export function fieldProblem(spec: FieldSpec, text: string): string | null {
  switch (spec.kind) {
    case 'RDW':
    case 'N':
      return DIGITS.test(text) ? null : `"${text}" is not numeric (digits, zero-filled)`
    case 'C': {
      const expected = (spec.constant ?? '').padEnd(spec.length, ' ')
      return text === expected ? null : `"${text}" should be "${expected.trimEnd()}"`
    }
    case 'AN': {
      if (!ALPHANUMERIC.test(text)) return `"${text}" has lower-case or non-printable characters`
      if (text.length > 0 && text[0] === ' ' && text.trim() !== '') return `"${text}" is not left-justified`
      const code = text.trimEnd()
      if (spec.codes && !spec.codes.includes(code)) return `"${code}" is not one of ${spec.codes.join(', ')}`
      return null
    }
    case 'D':
      return text === ZERO_DATE || validDate(text) ? null : `"${text}" is not a date MMDDYYYY`
    case 'TS':
      return DIGITS.test(text) && validDate(text.slice(0, 8)) && validTime(text.slice(8))
        ? null
        : `"${text}" is not a time stamp MMDDYYYYHHMMSS`
  }
}

function validDate(text: string): boolean {
  if (!DIGITS.test(text) || text.length !== 8) return false
  const month = Number(text.slice(0, 2))
  const day = Number(text.slice(2, 4))
  const year = Number(text.slice(4, 8))
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function validTime(text: string): boolean {
  return Number(text.slice(0, 2)) < 24 && Number(text.slice(2, 4)) < 60 && Number(text.slice(4, 6)) < 60
}
