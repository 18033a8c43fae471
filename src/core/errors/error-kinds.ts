/**
 * The kinds of failure Recoup reports, each with one HTTP status and one CLI exit code, so the same
 * failure means the same thing on every surface (docs/errors.md). A code's kind is fixed in
 * error-catalogue.ts; nothing maps statuses or exit codes anywhere else.
 */
export const ERROR_KINDS = {
  /** The request, file or option is malformed or out of range: fix the input and retry. */
  bad_input: { httpStatus: 400, exitCode: 2 },
  /** The named tenant, account, payment or file does not exist (or is not yours). */
  not_found: { httpStatus: 404, exitCode: 4 },
  /** It contradicts what is already recorded (a reused reference with other facts, a second plan). */
  conflict: { httpStatus: 409, exitCode: 5 },
  /** Well-formed, but the books or a policy refuse it (another currency, above the balance). */
  business_rule: { httpStatus: 422, exitCode: 6 },
  /** A dependency is down or busy (the database): retrying later may succeed. */
  unavailable: { httpStatus: 503, exitCode: 7 },
  /** A bug: reported with its stack in the log, never to the client. */
  internal: { httpStatus: 500, exitCode: 8 },
} as const

export type ErrorKind = keyof typeof ERROR_KINDS

/** CLI exit codes (docs/errors.md). Every command follows them. */
export const EXIT = {
  ok: 0,
  /** The command worked and its answer is "no": a compliance block, a journal that fails verification. */
  negative: 1,
  /** Usage error or bad input (unknown flag, malformed option value, invalid file). */
  badInput: ERROR_KINDS.bad_input.exitCode,
  /** Done, but some rows were rejected (they are listed in the reject file or the output). */
  partial: 3,
  notFound: ERROR_KINDS.not_found.exitCode,
  conflict: ERROR_KINDS.conflict.exitCode,
  businessRule: ERROR_KINDS.business_rule.exitCode,
  unavailable: ERROR_KINDS.unavailable.exitCode,
  internal: ERROR_KINDS.internal.exitCode,
  /** Interrupted (Ctrl-C); what was committed stays, a re-run resumes. */
  interrupted: 130,
} as const
