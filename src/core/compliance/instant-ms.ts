/**
 * A fast path for `parseInstant` on the compliance hot path: one decision reads dozens of instants
 * (history, consents, opt-outs), and a regex plus `Date.parse` per instant costs more than the rules
 * themselves. The common shape is decoded by hand; anything unusual (day 29-31, 24:00, odd offsets)
 * goes to `parseInstant`, so results and errors are always exactly those of `parseInstant`.
 */
import { parseInstant } from '../calendar/instant.ts'

const DAY_MS = 86_400_000

let lastText: string | undefined
let lastValue = 0

/** Epoch ms of an ISO instant with `Z` or an offset; throws `invalid_instant` naming `field`, as parseInstant. */
export function instantMs(text: string, field: string): number {
  if (text === lastText) return lastValue
  const value = decode(text)
  const result = value === null ? parseInstant(text, field) : value
  lastText = text
  lastValue = result
  return result
}

/** The instant of a plain ISO text, or null when `parseInstant` must decide (unusual or invalid text). */
export function decodeInstant(text: string): number | null {
  return decode(text)
}

/** Two ASCII digits at `i` as a number, or -1. */
function two(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48
  const b = text.charCodeAt(i + 1) - 48
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/** The instant, or null when the text is not in the plain common shape (the slow path decides). */
function decode(text: string): number | null {
  const n = text.length
  if (n < 17 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) {
    return null
  }
  const hi = two(text, 0)
  const lo = two(text, 2)
  const month = two(text, 5)
  const day = two(text, 8)
  const hour = two(text, 11)
  const minute = two(text, 14)
  if (hi < 10 || lo < 0 || month < 1 || month > 12 || day < 1) return null
  if (day > 28 && day > monthDays(hi * 100 + lo, month)) return null
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || text.charCodeAt(13) !== 58) return null
  let i = 16
  let second = 0
  let ms = 0
  if (text.charCodeAt(i) === 58) {
    second = two(text, i + 1)
    if (second < 0 || second > 59) return null
    i += 3
    if (text.charCodeAt(i) === 46) {
      let digits = 0
      i++
      while (digits < 3 && i < n) {
        const d = text.charCodeAt(i) - 48
        if (d < 0 || d > 9) break
        ms = ms * 10 + d
        digits++
        i++
      }
      if (digits === 0) return null
      ms *= digits === 1 ? 100 : digits === 2 ? 10 : 1
    }
  }
  let offset = 0
  const sign = text.charCodeAt(i)
  if (sign === 90 && i + 1 === n) offset = 0
  else if ((sign === 43 || sign === 45) && i + 6 === n && text.charCodeAt(i + 3) === 58) {
    const oh = two(text, i + 1)
    const om = two(text, i + 4)
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return null
    offset = (sign === 43 ? 1 : -1) * (oh * 60 + om) * 60_000
  } else return null
  const days = daysFromCivil(hi * 100 + lo, month, day)
  return days * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms - offset
}

/** Days in a month of the proleptic Gregorian calendar. */
function monthDays(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Days since 1970-01-01 of a Gregorian date in years 1000-9999 (H. Hinnant's algorithm, integer-only). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = (y / 400) | 0
  const yoe = y - era * 400
  const doy = (((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) | 0) + day - 1
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy
  return era * 146_097 + doe - 719_468
}
