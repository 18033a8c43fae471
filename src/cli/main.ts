import { appConfig } from '../config/app-config.ts'
import { buildProgram } from './program.ts'
import { reportCliError } from './report-error.ts'

async function main(argv: string[]): Promise<void> {
  try {
    // The whole configuration is checked before any command runs, so a bad value fails at start-up.
    appConfig()
    await (await buildProgram(argv.slice(2))).parseAsync(argv)
  } catch (error) {
    process.exitCode = reportCliError(error)
  }
}

await main(process.argv)
