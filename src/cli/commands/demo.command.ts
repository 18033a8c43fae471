import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import { type LoadDemoOutcome, loadDemo } from '../../app/demo/load-demo.ts'
import { localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { DEMO_TENANT, describeDemoLoad } from '../../demo/load-demo-portfolio.ts'
import { withStore } from '../cli-context.ts'
import { wholeNumberOption } from '../options.ts'

/** `recoup demo`: loads a realistic, reproducible demo portfolio into the demo agency tenant. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('load a generated demo portfolio (deterministic for a seed) into the demo agency tenant')
    .option('--accounts <n>', 'number of accounts', '10000')
    .option('--seed <s>', 'random seed; the same seed gives the same portfolio', '1')
    .option(
      '--as-of <date>',
      "the demo's reference date YYYY-MM-DD (default: today in the demo tenant's time zone)",
    )
    .option('--tenant <slug>', 'tenant to load into (created as an agency if missing)', DEMO_TENANT.slug)
    .option('--batch-size <n>', 'records per transaction', '5000')
    .option('--replace', "remove the tenant's demo portfolio first (never data that came in by import)")
    .action(
      async (options: {
        accounts: string
        seed: string
        asOf?: string
        tenant: string
        batchSize: string
        replace?: boolean
      }) => {
        const accounts = wholeNumberOption('--accounts', options.accounts)
        const seed = wholeNumberOption('--seed', options.seed, 0xffffffff)
        const batchSize = Math.max(1, wholeNumberOption('--batch-size', options.batchSize))
        let asOf = localDateAt(new Date(), DEMO_TENANT.timeZone)
        if (options.asOf !== undefined) {
          const parsed = parseLocalDate(options.asOf)
          if (!parsed.ok) throw new AppError('invalid_date', `--as-of: ${parsed.reason}; use YYYY-MM-DD`)
          asOf = parsed.date
        }
        // The bar starts only once the tenant is checked: a refusal prints one line and nothing else.
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                format: 'demo |{bar}| {percentage}% | {value}/{total} accounts | ETA {eta_formatted}',
                stream: process.stderr,
              },
              cliProgress.Presets.shades_classic,
            )
          : undefined
        let started = false
        let result: LoadDemoOutcome
        try {
          result = await withStore((store) =>
            loadDemo(store, {
              accounts,
              seed,
              asOf,
              tenantSlug: options.tenant,
              batchSize,
              replace: options.replace === true,
              by: 'cli',
              onProgress: (done) => {
                if (!started) bar?.start(accounts, 0)
                started = true
                bar?.update(done)
              },
            }),
          )
        } finally {
          if (started) bar?.stop()
        }
        if (result.replacedAccounts !== null) {
          console.log(
            `removed the earlier demo portfolio of tenant ${result.tenant.slug} (${result.replacedAccounts} accounts)`,
          )
        }
        console.log(describeDemoLoad(result, seed, asOf))
        if (!result.journaled)
          console.log('nothing new was written: an earlier run with this seed wrote it all')
      },
    )
}
