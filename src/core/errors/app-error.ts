import { type ErrorCode, errorSpec } from './error-catalogue.ts'
import { ERROR_KINDS, type ErrorKind } from './error-kinds.ts'

/** The wire format of every error Recoup reports, on every surface. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown }
}

/**
 * Expected failures: bad input or a business rule. They carry a code from the one catalogue
 * (error-catalogue.ts), a message a user can act on and optional details, travel as
 * `{ error: { code, message, details } }`, and are never reported as bugs.
 * Anything thrown that is not an AppError is a bug and fails loudly.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? errorSpec(code).summary)
    this.name = 'AppError'
  }

  /** What kind of failure this is (fixes its HTTP status and exit code). */
  get kind(): ErrorKind {
    return errorSpec(this.code).kind
  }

  /** The HTTP status of this error. */
  get httpStatus(): number {
    return errorSpec(this.code).httpStatus ?? ERROR_KINDS[this.kind].httpStatus
  }

  /** The CLI exit code of this error. */
  get exitCode(): number {
    return ERROR_KINDS[this.kind].exitCode
  }

  /** The wire format of every error Recoup reports. */
  toJSON(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    }
  }
}
