import { Command, Help } from 'commander'
import { setRunningCommand } from './database-creation.ts'

/** Registers one module's commands on the program. */
type Register = (program: Command) => void

/**
 * One commands module: the top-level commands it registers, each as [help term, summary] exactly as
 * `recoup --help` lists them, and a loader. The list lets `--help` and every command start without
 * loading the modules (and the whole application behind them) that the invocation does not run;
 * test/cli/program.test.ts checks that it matches what the modules really register.
 */
interface CommandModule {
  readonly commands: readonly (readonly [term: string, summary: string])[]
  readonly load: () => Promise<Register>
}

/** Every commands module, in the order `recoup --help` lists them. */
export const COMMAND_MODULES: readonly CommandModule[] = [
  {
    commands: [['tenant', 'manage tenants (a creditor, or an agency collecting for clients)']],
    load: async () => (await import('./commands/tenant.command.ts')).registerTenantCommand,
  },
  {
    commands: [
      ['aging [options]', 'aging report: accounts and balances per DPD bucket, per currency and per client'],
    ],
    load: async () => (await import('./commands/aging.command.ts')).registerAgingCommand,
  },
  {
    commands: [['audit', 'check the tamper-evident event journal']],
    load: async () => (await import('./commands/audit.command.ts')).registerAuditCommand,
  },
  {
    commands: [
      [
        'demo [options]',
        'load a generated demo portfolio (deterministic for a seed) into the demo agency tenant',
      ],
    ],
    load: async () => (await import('./commands/demo.command.ts')).registerDemoCommand,
  },
  {
    commands: [
      ['user', 'staff users: create, list, disable (they log in to the API)'],
      ['apikey', 'API keys: create (shown once), list, revoke'],
    ],
    load: async () => {
      const module = await import('./commands/access.command.ts')
      return (program: Command) => {
        module.registerUserCommand(program)
        module.registerApiKeyCommand(program)
      }
    },
  },
  {
    commands: [
      [
        'serve [options]',
        'run the HTTP API (loads demo data on first start; RECOUP_DEMO_ACCOUNTS=0 disables)',
      ],
    ],
    load: async () => (await import('./commands/serve.command.ts')).registerServeCommand,
  },
  {
    commands: [
      [
        'import [options] <file>',
        'import accounts from a CSV or XLSX file (re-running the same import adds nothing twice)',
      ],
    ],
    load: async () => (await import('./commands/import.command.ts')).registerImportCommand,
  },
  {
    commands: [['compliance', 'compliance rules: check a proposed action']],
    load: async () => (await import('./commands/compliance.command.ts')).registerComplianceCommand,
  },
  {
    commands: [
      [
        'run [options]',
        'decide today for the open accounts that need it: stage moves, actions, compliance, outbox',
      ],
    ],
    load: async () => (await import('./commands/run.command.ts')).registerRunCommand,
  },
  {
    commands: [
      ['simulate [options]', 'replay history day by day through the playbooks; sends and writes nothing'],
    ],
    load: async () => (await import('./commands/simulate.command.ts')).registerSimulateCommand,
  },
  {
    commands: [['document', 'letters and notices as print-ready PDF']],
    load: async () => (await import('./commands/document.command.ts')).registerDocumentCommand,
  },
  {
    commands: [
      [
        'evidence-pack [options] <account>',
        "an account's evidence pack (statement, communications and their checks, letters, disputes, payments, journal) as PDF and ZIP",
      ],
    ],
    load: async () => (await import('./commands/evidence-pack.command.ts')).registerEvidencePackCommand,
  },
  {
    commands: [['template', 'message templates: list, add, activate and preview']],
    load: async () => (await import('./commands/template.command.ts')).registerTemplateCommand,
  },
  {
    commands: [['worker [options]', 'PostgreSQL: work daily-run batches from the queue until stopped']],
    load: async () => (await import('./commands/worker.command.ts')).registerWorkerCommand,
  },
  {
    commands: [
      [
        'explain [options] <account>',
        "timeline of an account's decisions: stage moves, conditions, actions and compliance reasons",
      ],
    ],
    load: async () => (await import('./commands/explain.command.ts')).registerExplainCommand,
  },
  {
    commands: [
      ['payment', 'record or reverse one payment'],
      ['fees [options]', 'post the late fees due on open accounts under a policy (never twice for a period)'],
      ['payments', 'bulk payments: files and the unmatched queue'],
    ],
    load: async () => (await import('./commands/payment.command.ts')).registerPaymentCommands,
  },
  {
    commands: [
      ['interest [options]', 'interest statement (contractual or statutory late-payment interest) as JSON'],
    ],
    load: async () => (await import('./commands/interest.command.ts')).registerInterestCommand,
  },
  {
    commands: [
      ['plan', 'payment plans'],
      ['promise', 'promises to pay'],
      ['settlement', 'settlement offers'],
      ['hardship', 'hardship pauses'],
      ['dispute', 'disputes raised by debtors'],
      [
        'write-off [options] <account>',
        'write off part or all of an account (by external id); a full write-off closes it',
      ],
      [
        'charge-off [options] <account>',
        'record the day the creditor charged the account off (it stays open for collection)',
      ],
    ],
    load: async () => (await import('./commands/money.command.ts')).registerMoneyCommands,
  },
  {
    commands: [['bureau', "credit bureau reporting: the monthly Metro 2 file, Australia's default listings"]],
    load: async () => (await import('./commands/bureau.command.ts')).registerBureauCommand,
  },
  {
    commands: [['model', 'risk scorecards: train, evaluate, score accounts, show']],
    load: async () => (await import('./commands/model.command.ts')).registerModelCommand,
  },
  {
    commands: [
      [
        'report',
        'analytics: roll rates, vintages, recovery, cost to collect, DSO/CEI, promises, contacts, ' +
          'channel effectiveness, compliance, champion/challenger, score monitoring, partner performance',
      ],
    ],
    load: async () => (await import('./commands/report.command.ts')).registerReportCommand,
  },
  {
    commands: [
      ['dispatch [options]', 'send the due email and SMS in the outbox (re-checked at send time), once each'],
    ],
    load: async () => (await import('./commands/dispatch.command.ts')).registerDispatchCommand,
  },
  {
    commands: [
      ['webhooks', 'outbound webhooks: endpoints (secret shown once), delivery log, replay, deliverer'],
    ],
    load: async () => (await import('./commands/webhooks.command.ts')).registerWebhooksCommand,
  },
  {
    commands: [
      ['messages [options]', 'messages sent, refused or failed, with their send-time check and status'],
    ],
    load: async () => (await import('./commands/messages.command.ts')).registerMessagesCommand,
  },
  {
    commands: [
      ['partner', 'collection agencies and law firms with their commission terms'],
      [
        'placement',
        'place accounts with partners, recall them, export the placement file, reconcile remittances',
      ],
    ],
    load: async () => (await import('./commands/placement.command.ts')).registerPlacementCommands,
  },
  {
    commands: [['credit', 'credit control: terms, limits, exposure, the early-warning list, credit checks']],
    load: async () => (await import('./commands/credit.command.ts')).registerCreditCommand,
  },
  {
    commands: [
      ['case', 'legal cases: open (gated by compliance and economics), deadlines, hearings, outcomes'],
    ],
    load: async () => (await import('./commands/case.command.ts')).registerCaseCommand,
  },
  {
    commands: [
      ['sale', 'debt sale: select and value a portfolio, sale file and bill of sale, close, buy-back'],
    ],
    load: async () => (await import('./commands/sale.command.ts')).registerSaleCommand,
  },
  {
    commands: [['task', "collectors' call tasks: the work queue and call outcomes"]],
    load: async () => (await import('./commands/task.command.ts')).registerTaskCommand,
  },
]

/** The command name a help term starts with ("import [options] <file>" -> "import"). */
export function commandName(term: string): string {
  return term.split(' ')[0] ?? term
}

/** A command's path below the program: "tenant create". */
function commandPath(command: Command): string {
  const names: string[] = []
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name())
  return names.join(' ')
}

/** The module that registers top-level command `name`, if any. */
function moduleFor(name: string | undefined): CommandModule | undefined {
  return COMMAND_MODULES.find((module) => module.commands.some(([term]) => commandName(term) === name))
}

/**
 * The top-level command an argument list runs: its first operand, or the one after `help`. Options
 * cannot come before it (the program itself has none but --help).
 */
export function targetCommand(args: readonly string[]): string | undefined {
  const operands = args.filter((arg) => !arg.startsWith('-'))
  return operands[0] === 'help' ? operands[1] : operands[0]
}

/**
 * The `recoup` command line for one invocation: the module of the command being run is loaded and
 * registers the real command; every other command is a stub carrying its help line. `load: 'all'`
 * loads every module (what the tests compare the stubs against).
 */
export async function buildProgram(
  args: readonly string[],
  load: 'target' | 'all' = 'target',
): Promise<Command> {
  const stubTerms = new Map<Command, string>()
  const program = new Command('recoup')
    .description('Recoup: debt collection and receivables recovery')
    .exitOverride()
    // Parse errors are reported by reportCliError as one `error [usage_error]` line, not here.
    .configureOutput({ outputError: () => {} })
    .configureHelp({
      subcommandTerm: (command) => stubTerms.get(command) ?? new Help().subcommandTerm(command),
    })
    .hook('preAction', (_program, action) => setRunningCommand(commandPath(action)))
  const target = moduleFor(targetCommand(args))
  for (const module of COMMAND_MODULES) {
    if (load === 'all' || module === target) {
      ;(await module.load())(program)
      continue
    }
    for (const [term, summary] of module.commands) {
      stubTerms.set(program.command(commandName(term)).description(summary), term)
    }
  }
  return program
}
