/**
 * Metro 2 records to their bytes. Pure: each record is written field by field into a byte array (one
 * byte per character, printable ASCII); the trailer's counts are tallied as the accounts go by, so a
 * streaming writer never holds the file's records.
 */
import { writeField } from './metro2-codec.ts'
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

function writeFields(
  specs: readonly FieldSpec[],
  record: object,
  rdw: number,
  target: Uint8Array,
  at: number,
) {
  const values = record as Record<string, string | number | null | undefined>
  for (const spec of specs)
    writeField(spec, spec.key === undefined ? null : values[spec.key], rdw, target, at)
}

/** The bytes one account takes: 426, or 460 with its K1 segment. */
export function accountLength(account: Metro2Account): number {
  return account.originalCreditor ? RECORD_LENGTH + K1_LENGTH : RECORD_LENGTH
}

/** Writes the account's Base segment (and K1) into `target` at `at`; returns the bytes written. */
export function writeAccountInto(account: Metro2Account, target: Uint8Array, at: number): number {
  const rdw = accountLength(account)
  try {
    writeFields(BASE_FIELDS, account, rdw, target, at)
    if (account.originalCreditor)
      writeFields(K1_FIELDS, account.originalCreditor, rdw, target, at + RECORD_LENGTH)
  } catch (error) {
    throw new Error(`account ${account.consumerAccountNumber}: ${(error as Error).message}`)
  }
  return rdw
}

/** The accounts' segments, one after the other. */
export function encodeAccounts(accounts: readonly Metro2Account[]): Uint8Array {
  let length = 0
  for (const account of accounts) length += accountLength(account)
  const bytes = new Uint8Array(length)
  let at = 0
  for (const account of accounts) at += writeAccountInto(account, bytes, at)
  return bytes
}

/** A Base segment with its K1 segment: 426 bytes, 460 with K1 (the descriptor word says which). */
export function encodeAccount(account: Metro2Account): Uint8Array {
  return encodeAccounts([account])
}

/** The Header record's 426 bytes. */
export function encodeHeader(header: Metro2Header): Uint8Array {
  const bytes = new Uint8Array(RECORD_LENGTH)
  writeFields(HEADER_FIELDS, header, RECORD_LENGTH, bytes, 0)
  return bytes
}

/** The Trailer record's 426 bytes. */
export function encodeTrailer(trailer: Metro2Trailer): Uint8Array {
  const bytes = new Uint8Array(RECORD_LENGTH)
  writeFields(TRAILER_FIELDS, trailer, RECORD_LENGTH, bytes, 0)
  return bytes
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

/** The whole file's bytes: Header, each Base segment (with K1), Trailer, without separators. */
export function writeMetro2(file: Metro2File): Uint8Array {
  const header = encodeHeader(file.header)
  const accounts = encodeAccounts(file.accounts)
  const trailer = encodeTrailer(file.trailer)
  const bytes = new Uint8Array(header.length + accounts.length + trailer.length)
  bytes.set(header, 0)
  bytes.set(accounts, header.length)
  bytes.set(trailer, header.length + accounts.length)
  return bytes
}
