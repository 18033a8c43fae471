import { CommanderError } from 'commander'
import { debugRequested } from '../config/app-config.ts'
import { AppError, EXIT } from '../core/errors/index.ts'

/**
 * Prints a failed command's error on stderr and returns its exit code: an AppError as
 * `error [code]: message` (plus its details), anything else (a bug) as one `internal_error` line and a
 * hint, with the stack only when RECOUP_DEBUG=1, so a user never faces a raw trace.
 */
export function reportCliError(
  error: unknown,
  print: (line: string) => void = console.error,
  debug: boolean = debugRequested(),
): number {
  // Commander has printed its own message; help and version exit 0, every parse error is a usage error.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.badInput
  if (error instanceof AppError) {
    print(`error [${error.code}]: ${error.message}`)
    if (error.details !== undefined) print(JSON.stringify(error.details, null, 2))
    return error.exitCode
  }
  const message = error instanceof Error ? error.message : String(error)
  print(`error [internal_error]: ${message.split('\n')[0]}`)
  if (debug && error instanceof Error && error.stack) print(error.stack)
  else print('hint: this is a bug in Recoup; run again with RECOUP_DEBUG=1 to see the stack, and report it')
  return EXIT.internal
}
