/**
 * Reads and checks a Metro 2 file in one walk: the record structure (Header first, Base segments with
 * their K1 segments by the descriptor word, Trailer last), every field's kind, length and allowed codes,
 * the status rules the export relies on, and the trailer's counts against the records. Each problem
 * names its byte offset (0-based), the record's number and the field. Records are decoded one at a time,
 * so checking a large file keeps only the counts unless the caller asks for the records.
 */
import { decodeField, fieldProblem } from './metro2-codec.ts'
import {
  BASE_FIELDS,
  type FieldSpec,
  HEADER_FIELDS,
  K1_FIELDS,
  K1_LENGTH,
  RECORD_LENGTH,
  TRAILER_FIELDS,
} from './metro2-layout.ts'
import type { Metro2Account, Metro2File, Metro2Header, Metro2Trailer } from './metro2-records.ts'
import { emptyTrailer, tallyAccount } from './write-metro2.ts'

export type Metro2Segment = 'file' | 'header' | 'base' | 'K1' | 'trailer'

/** One thing wrong with a file, where it is. */
export interface Metro2Problem {
  /** Byte offset of the field (or record) from the start of the file, 0-based. */
  offset: number
  /** 1-based record number: 1 is the Header. */
  record: number
  segment: Metro2Segment
  field: string
  message: string
}

export interface Metro2Inspection {
  problems: Metro2Problem[]
  /** Base records read. */
  accounts: number
  /** The decoded file: only with `keepRecords` and when the structure could be read to its end. */
  file: Metro2File | null
  /** The counts tallied from the records read (what the trailer must say). */
  counted: Metro2Trailer
}

const decoder = new TextDecoder('latin1')
const CR = 0x0d
const LF = 0x0a
const DIGITS = /^[0-9]{4}$/

/** The problems and counts of a file; `keepRecords` also returns its records (for reading it). */
export function inspectMetro2(
  bytes: Uint8Array,
  options: { keepRecords?: boolean; maxProblems?: number } = {},
): Metro2Inspection {
  const maxProblems = options.maxProblems ?? 100
  const problems: Metro2Problem[] = []
  const counted = emptyTrailer()
  const accounts: Metro2Account[] = []
  let record = 0
  const text = (from: number, length: number) => decoder.decode(bytes.subarray(from, from + length))
  const problem = (offset: number, segment: Metro2Segment, field: string, message: string) => {
    problems.push({ offset, record, segment, field, message })
  }
  const full = () => problems.length >= maxProblems
  const result = (file: Metro2File | null): Metro2Inspection => ({
    problems: problems.slice(0, maxProblems),
    accounts: counted.totalBaseRecords,
    file: problems.length === 0 ? file : null,
    counted,
  })
  /** Checks and decodes the fields of one segment starting at `at`. */
  const fields = (specs: readonly FieldSpec[], at: number, segment: Metro2Segment, rdw: number) => {
    const values: Record<string, string | number | null> = {}
    for (const spec of specs) {
      const raw = text(at + spec.start - 1, spec.length)
      const wrong = fieldProblem(spec, raw)
      if (wrong) problem(at + spec.start - 1, segment, spec.name, wrong)
      else if (spec.kind === 'RDW' && Number(raw) !== rdw)
        problem(at + spec.start - 1, segment, spec.name, `says ${Number(raw)}, the record has ${rdw} bytes`)
      if (spec.key) values[spec.key] = decodeField(spec, raw)
    }
    return values
  }
  const skipSeparators = (at: number) => {
    let i = at
    while (i < bytes.length && (bytes[i] === CR || bytes[i] === LF)) i++
    return i
  }

  record = 1
  if (bytes.length < RECORD_LENGTH || text(4, 6) !== 'HEADER') {
    problem(0, 'file', 'Record Identifier', 'the file must start with a 426-byte Header record')
    return result(null)
  }
  const header = fields(HEADER_FIELDS, 0, 'header', RECORD_LENGTH) as unknown as Metro2Header
  let offset = skipSeparators(RECORD_LENGTH)
  let trailer: Metro2Trailer | null = null
  while (!full()) {
    record++
    if (offset >= bytes.length) {
      problem(offset, 'file', 'Record Identifier', 'the file ends without a Trailer record')
      return result(null)
    }
    const rdwText = text(offset, 4)
    if (!DIGITS.test(rdwText)) {
      problem(offset, 'file', 'Record Descriptor Word', `"${rdwText}" is not a record length`)
      return result(null)
    }
    if (text(offset + 4, 7) === 'TRAILER') {
      if (offset + RECORD_LENGTH > bytes.length) {
        problem(offset, 'trailer', 'Record Descriptor Word', 'the file ends inside the Trailer record')
        return result(null)
      }
      trailer = fields(TRAILER_FIELDS, offset, 'trailer', RECORD_LENGTH) as unknown as Metro2Trailer
      checkCounts(trailer, counted, offset, problem)
      const end = skipSeparators(offset + RECORD_LENGTH)
      if (end < bytes.length) problem(end, 'file', 'Record Identifier', 'data after the Trailer record')
      break
    }
    const rdw = Number(rdwText)
    if (rdw !== RECORD_LENGTH && rdw !== RECORD_LENGTH + K1_LENGTH) {
      problem(offset, 'base', 'Record Descriptor Word', `${rdw} is neither 426 (Base) nor 460 (Base + K1)`)
      return result(null)
    }
    if (offset + rdw > bytes.length) {
      problem(offset, 'base', 'Record Descriptor Word', `the file ends inside this ${rdw}-byte record`)
      return result(null)
    }
    const account = fields(BASE_FIELDS, offset, 'base', rdw) as unknown as Metro2Account
    account.originalCreditor = null
    if (rdw > RECORD_LENGTH) {
      const k1 = fields(K1_FIELDS, offset + RECORD_LENGTH, 'K1', rdw)
      account.originalCreditor = { name: k1.name as string, classification: k1.classification as string }
    }
    checkStatus(account, offset, problem)
    tallyAccount(counted, account)
    if (options.keepRecords) accounts.push(account)
    offset = skipSeparators(offset + rdw)
  }
  if (!trailer) return result(null)
  return result({ header, accounts, trailer })
}

/** Only the problems of a file (an empty list: the file is valid). */
export function validateMetro2(bytes: Uint8Array, options: { maxProblems?: number } = {}): Metro2Problem[] {
  return inspectMetro2(bytes, options).problems
}

/** "byte 1234, record 3 (base), Account Status: ..." */
export function describeProblem(p: Metro2Problem): string {
  return `byte ${p.offset}, record ${p.record} (${p.segment}), ${p.field}: ${p.message}`
}

type Report = (offset: number, segment: Metro2Segment, field: string, message: string) => void

const fieldOffset = (at: number, name: string) =>
  at + (BASE_FIELDS.find((f) => f.name === name)?.start ?? 1) - 1

/** A paid or deleted account owes nothing; one assigned to collections owes something. */
function checkStatus(account: Metro2Account, at: number, problem: Report): void {
  const closing = account.accountStatus === '62' || account.accountStatus === 'DA'
  if (closing && (account.currentBalance !== 0 || account.amountPastDue !== 0))
    problem(
      fieldOffset(at, 'Current Balance'),
      'base',
      'Current Balance',
      `must be 0 with status ${account.accountStatus}`,
    )
  if (account.accountStatus === '93' && account.currentBalance === 0)
    problem(fieldOffset(at, 'Current Balance'), 'base', 'Current Balance', 'must be above 0 with status 93')
  if (account.specialComment === 'AU' && account.accountStatus !== '62')
    problem(fieldOffset(at, 'Special Comment'), 'base', 'Special Comment', 'AU goes with status 62 only')
}

/** Every count of the trailer against the records read. */
function checkCounts(trailer: Metro2Trailer, counted: Metro2Trailer, at: number, problem: Report): void {
  const said = trailer as unknown as Record<string, number>
  const found = counted as unknown as Record<string, number>
  for (const spec of TRAILER_FIELDS) {
    if (!spec.key || typeof said[spec.key] !== 'number' || Number.isNaN(said[spec.key])) continue
    if (said[spec.key] !== found[spec.key])
      problem(
        at + spec.start - 1,
        'trailer',
        spec.name,
        `the trailer says ${said[spec.key]}, the file has ${found[spec.key]}`,
      )
  }
}
