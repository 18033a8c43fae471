/**
 * Metro 2 records to their bytes. Pure: each record becomes its fixed-width ASCII text; the trailer's
 * counts are tallied as the accounts go by, so a streaming writer never holds the file's records.
 */
import { encodeField } from './metro2-codec.ts'
import {
  BASE_FIELDS,
  type FieldSpec,
  HEADER_FIELDS,
  K1_FIELDS,
  K1_LENGTH,
  RECORD_LENGTH,
  TRAILER_FIELDS,
  TRAILER_STATUS_CODES,
} from './metro2-layout.ts'
import type { Metro2Account, Metro2File, Metro2Header, Metro2Trailer } from './metro2-records.ts'

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

function encode(specs: readonly FieldSpec[], record: object, rdw: number): string {
  const values = record as Record<string, string | number | null | undefined>
  let text = ''
  for (const spec of specs) text += encodeField(spec, spec.key === undefined ? null : values[spec.key], rdw)
  return text
}

/** Refuses text a file must not hold: one byte per character, printable ASCII only. */
function checked(text: string, what: string): string {
  if (!PRINTABLE_ASCII.test(text)) throw new Error(`${what} has characters outside printable ASCII`)
  return text
}

/** The Header record's 426 characters. */
export function encodeHeader(header: Metro2Header): string {
  return checked(encode(HEADER_FIELDS, header, RECORD_LENGTH), 'the header')
}

/** A Base segment with its K1 segment: 426 characters, 460 with K1 (the descriptor word says which). */
export function encodeAccount(account: Metro2Account): string {
  const k1 = account.originalCreditor
  const rdw = k1 ? RECORD_LENGTH + K1_LENGTH : RECORD_LENGTH
  const text = encode(BASE_FIELDS, account, rdw) + (k1 ? encode(K1_FIELDS, k1, rdw) : '')
  return checked(text, `account ${account.consumerAccountNumber}`)
}

/** The Trailer record's 426 characters. */
export function encodeTrailer(trailer: Metro2Trailer): string {
  return encode(TRAILER_FIELDS, trailer, RECORD_LENGTH)
}

/** An empty trailer: every count zero. */
export function emptyTrailer(): Metro2Trailer {
  const trailer: Record<string, number> = {}
  for (const spec of TRAILER_FIELDS) if (spec.key) trailer[spec.key] = 0
  return trailer as unknown as Metro2Trailer
}

const COUNTED = new Set<string>(TRAILER_STATUS_CODES)

/** Adds one account to the trailer's counts (in place). */
export function tallyAccount(trailer: Metro2Trailer, account: Metro2Account): void {
  const counts = trailer as unknown as Record<string, number>
  trailer.totalBaseRecords++
  if (COUNTED.has(account.accountStatus)) counts[`status${account.accountStatus}`]!++
  if (account.ecoaCode === 'Z') trailer.totalEcoaZ++
  if (account.originalCreditor) trailer.totalK1++
  if (account.socialSecurityNumber > 0) {
    trailer.totalSsn++
    trailer.totalSsnBase++
  }
  if (account.dateOfBirth !== null) {
    trailer.totalDob++
    trailer.totalDobBase++
  }
  if (account.telephone > 0) trailer.totalTelephone++
}

/** The trailer of these accounts. */
export function trailerOf(accounts: Iterable<Metro2Account>): Metro2Trailer {
  const trailer = emptyTrailer()
  for (const account of accounts) tallyAccount(trailer, account)
  return trailer
}

/** The whole file's text: Header, each Base segment (with K1), Trailer, without separators. */
export function writeMetro2Text(file: Metro2File): string {
  const parts = [encodeHeader(file.header)]
  for (const account of file.accounts) parts.push(encodeAccount(account))
  parts.push(encodeTrailer(file.trailer))
  return parts.join('')
}

/** The whole file's bytes (one byte per character: the text is ASCII). */
export function writeMetro2(file: Metro2File): Uint8Array {
  return asciiBytes(writeMetro2Text(file))
}

/** ASCII text to its bytes. */
export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}
