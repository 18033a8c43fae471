import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import { localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import {
  DEMO_TENANT,
  describeDemoLoad,
  type LoadDemoResult,
  loadDemoPortfolio,
} from '../../demo/load-demo-portfolio.ts'
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
    .action(
      async (options: {
        accounts: string
        seed: string
        asOf?: string
        tenant: string
        batchSize: string
      }) => {
        const accounts = wholeNumberOption('--accounts', options.accounts)
        const seed = wholeNumberOption('--seed', options.seed, 0xffffffff)
        const batchSize = Math.max(1, wholeNumberOption('--batch-size', options.batchSize))
        if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(options.tenant)) {
          throw new AppError('invalid_slug', 'tenant slug must be lowercase letters, digits and dashes')
        }
        let asOf = localDateAt(new Date(), DEMO_TENANT.timeZone)
        if (options.asOf !== undefined) {
          const parsed = parseLocalDate(options.asOf)
          if (!parsed.ok) throw new AppError('invalid_date', `--as-of: ${parsed.reason}; use YYYY-MM-DD`)
          asOf = parsed.date
        }
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                format: 'demo |{bar}| {percentage}% | {value}/{total} accounts | ETA {eta_formatted}',
                stream: process.stderr,
              },
              cliProgress.Presets.shades_classic,
            )
          : undefined
        bar?.start(accounts, 0)
        let result: LoadDemoResult
        try {
          result = await withStore((store) =>
            loadDemoPortfolio(store, {
              accounts,
              seed,
              asOf,
              tenantSlug: options.tenant,
              batchSize,
              onProgress: (done) => bar?.update(done),
            }),
          )
        } finally {
          bar?.stop()
        }
        console.log(describeDemoLoad(result, seed, asOf))
        if (!result.journaled)
          console.log('nothing new was written: an earlier run with this seed wrote it all')
      },
    )
}
