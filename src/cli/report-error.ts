import { CommanderError } from 'commander'
import { debugRequested } from '../config/app-config.ts'
import { AppError, EXIT } from '../core/errors/index.ts'

/** Commander "errors" that are help it has already printed (a command group run without its command). */
const HELP_SHOWN = new Set(['commander.help', 'commander.helpDisplayed', 'commander.version'])

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
  // Help and version were printed and exit 0; a parse error is one usage_error line and a pointer
  // to the help (commander's own message, without its "error: " prefix).
  if (error instanceof CommanderError) {
    if (error.exitCode === 0 || HELP_SHOWN.has(error.code))
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput
    const message = error.message.replace(/^error: /, '')
    print(
      `error [usage_error]: ${message}; \`recoup --help\` lists the commands, \`recoup COMMAND --help\` their options`,
    )
    return EXIT.badInput
  }
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
