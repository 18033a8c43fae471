/**
 * One field to and from its fixed-width bytes. Writing trusts the record (the export normalises every
 * value first) but refuses a value that does not fit or is not printable ASCII, since cutting or
 * re-encoding it would write another value; decoding is the exact inverse on text the validator accepts.
 */
import type { FieldSpec } from './metro2-layout.ts'

type Value = string | number | null

const ZERO_DATE = '00000000'
const SPACE = 0x20
const ZERO = 0x30

/**
 * Writes the field for `value` into `target` at `at` (the record's start) and returns nothing: the
 * byte form of encodeField, without building strings (the export writes millions of fields).
 */
export function writeField(
  spec: FieldSpec,
  value: Value | undefined,
  rdw: number,
  target: Uint8Array,
  at: number,
): void {
  const { length } = spec
  const from = at + spec.start - 1
  switch (spec.kind) {
    case 'RDW':
      writeDigits(spec, rdw, target, from)
      return
    case 'N':
      writeDigits(spec, value == null ? 0 : (value as number), target, from)
      return
    case 'AN':
    case 'C': {
      const text = spec.kind === 'C' ? (spec.constant ?? '') : value == null ? '' : String(value)
      if (text.length > length) throw new Error(`${spec.name}: "${text}" is longer than ${length}`)
      for (let i = 0; i < length; i++) {
        const code = i < text.length ? text.charCodeAt(i) : SPACE
        if (code < 0x20 || code > 0x7e) throw new Error(`${spec.name}: "${text}" is not printable ASCII`)
        target[from + i] = code
      }
      return
    }
    case 'D': {
      const d = value == null ? null : (value as string)
      if (d === null) {
        target.fill(ZERO, from, from + 8)
        return
      }
      copy(d, 5, 2, target, from)
      copy(d, 8, 2, target, from + 2)
      copy(d, 0, 4, target, from + 4)
      return
    }
    case 'TS': {
      const t = value as string
      copy(t, 5, 2, target, from)
      copy(t, 8, 2, target, from + 2)
      copy(t, 0, 4, target, from + 4)
      copy(t, 11, 2, target, from + 8)
      copy(t, 14, 2, target, from + 10)
      copy(t, 17, 2, target, from + 12)
      return
    }
  }
}

function writeDigits(spec: FieldSpec, value: number, target: Uint8Array, from: number): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${spec.name}: ${value} is not a whole number of at most ${spec.length} digits`)
  let n = value
  for (let i = spec.length - 1; i >= 0; i--) {
    target[from + i] = ZERO + (n % 10)
    n = Math.floor(n / 10)
  }
  if (n > 0) throw new Error(`${spec.name}: ${value} is not a whole number of at most ${spec.length} digits`)
}

function copy(text: string, start: number, length: number, target: Uint8Array, at: number): void {
  for (let i = 0; i < length; i++) target[at + i] = text.charCodeAt(start + i)
}

/** The value of a field's text (the inverse of writeField). */
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
