import { CommanderError } from 'commander'
import { AppError, EXIT } from '../core/errors/index.ts'
import { buildProgram } from './program.ts'

/** Prints an error that is not an AppError (a bug) as one line, with the stack only when asked for. */
function reportInternalError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`error [internal_error]: ${message.split('\n')[0]}`)
  if (process.env.RECOUP_DEBUG === '1' && error instanceof Error && error.stack) console.error(error.stack)
  else console.error('hint: this is a bug in Recoup; re-run with RECOUP_DEBUG=1 for the stack and report it')
  process.exitCode = EXIT.internal
}

async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv.slice(2))).parseAsync(argv)
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every parse error (unknown option, missing argument) is a usage error.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput
      return
    }
    if (error instanceof AppError) {
      console.error(`error [${error.code}]: ${error.message}`)
      if (error.details !== undefined) console.error(JSON.stringify(error.details, null, 2))
      process.exitCode = error.exitCode
      return
    }
    reportInternalError(error)
  }
}

await main(process.argv)
