import type { Command } from 'commander'
import { getAgingReport } from '../../app/reports/get-aging-report.ts'
import { AppError } from '../../core/errors/index.ts'
import { withActor } from '../cli-context.ts'
import { formatAgingReport } from '../format/aging-format.ts'

const FORMATS = ['table', 'csv', 'json'] as const
type Format = (typeof FORMATS)[number]

/** `recoup aging`: count and balance per days-past-due bucket, per currency and per client. */
export function registerAgingCommand(program: Command): void {
  program
    .command('aging')
    .description('aging report: accounts and balances per DPD bucket, per currency and per client')
    .option('--as-of <date>', 'report date YYYY-MM-DD (default: today in the tenant time zone)')
    .option('--buckets <bounds>', 'bucket upper bounds in days', '30,60,90,120')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (options: { asOf?: string; buckets: string; format: string; tenant?: string }) => {
      const format = options.format as Format
      if (!FORMATS.includes(format)) {
        throw new AppError(
          'invalid_format',
          `--format must be one of ${FORMATS.join(', ')}, not "${options.format}"`,
        )
      }
      const { asOf, buckets } = options
      const report = await withActor(options.tenant, (ctx) =>
        getAgingReport(ctx, { ...(asOf !== undefined ? { asOf } : {}), bounds: buckets }),
      )
      process.stdout.write(formatAgingReport(report, format))
    })
}
