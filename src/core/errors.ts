/**
 * Expected failures: bad input or a business rule. They carry a stable code and details a user can act
 * on, travel as `{ error: { code, message, details } }`, and are never reported as bugs.
 * Anything thrown that is not an AppError is a bug and fails loudly.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppError'
  }

  /** The wire format of every error Recoup reports. */
  toJSON(): { error: { code: string; message: string; details?: unknown } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    }
  }
}
