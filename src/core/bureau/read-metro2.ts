import { AppError } from '../errors/index.ts'
import type { Metro2File } from './metro2-records.ts'
import { describeProblem, inspectMetro2 } from './validate-metro2.ts'

/**
 * A Metro 2 file's bytes to its records: the inverse of writeMetro2 on every file the validator
 * accepts. A file with any problem is `invalid_metro2_file`, naming the first problem's byte offset,
 * record and field (all of them, up to 20, in the details).
 */
export function readMetro2(bytes: Uint8Array): Metro2File {
  const inspection = inspectMetro2(bytes, { keepRecords: true, maxProblems: 20 })
  const first = inspection.problems[0]
  if (first || !inspection.file) {
    throw new AppError(
      'invalid_metro2_file',
      first ? `not a valid Metro 2 file: ${describeProblem(first)}` : 'not a valid Metro 2 file',
      { problems: inspection.problems },
    )
  }
  return inspection.file
}
