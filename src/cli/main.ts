import { Command, CommanderError } from 'commander'
import { AppError, EXIT } from '../core/errors/index.ts'
import { registerAgingCommand } from './commands/aging.command.ts'
import { registerAuditCommand } from './commands/audit.command.ts'
import { registerComplianceCommand } from './commands/compliance.command.ts'
import { registerDemoCommand } from './commands/demo.command.ts'
import { registerExplainCommand } from './commands/explain.command.ts'
import { registerImportCommand } from './commands/import.command.ts'
import { registerInterestCommand } from './commands/interest.command.ts'
import { registerMoneyCommands } from './commands/money.command.ts'
import { registerPaymentCommands } from './commands/payment.command.ts'
import { registerRunCommand } from './commands/run.command.ts'
import { registerServeCommand } from './commands/serve.command.ts'
import { registerSimulateCommand } from './commands/simulate.command.ts'
import { registerTenantCommand } from './commands/tenant.command.ts'
import { registerWorkerCommand } from './commands/worker.command.ts'

/** The `recoup` command line: one binary whose sub-commands each live in commands/. */
export function buildProgram(): Command {
  const program = new Command('recoup')
    .description('Recoup: debt collection and receivables recovery')
    .showHelpAfterError()
    .exitOverride()
  registerTenantCommand(program)
  registerAgingCommand(program)
  registerAuditCommand(program)
  registerDemoCommand(program)
  registerServeCommand(program)
  registerImportCommand(program)
  registerComplianceCommand(program)
  registerRunCommand(program)
  registerSimulateCommand(program)
  registerWorkerCommand(program)
  registerExplainCommand(program)
  registerPaymentCommands(program)
  registerInterestCommand(program)
  registerMoneyCommands(program)
  return program
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv)
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
    throw error
  }
}

await main(process.argv)
