import { readFileSync, statSync } from 'node:fs'
import type { Command } from 'commander'
import { exportDefaultListings } from '../../app/bureau/export-default-listings.ts'
import { exportMetro2 } from '../../app/bureau/export-metro2.ts'
import { describeProblem, inspectMetro2 } from '../../core/bureau/validate-metro2.ts'
import { localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { withActor } from '../cli-context.ts'

interface ExportOptions {
  month: string
  out?: string
  tenant?: string
  furnisherId?: string
  creditorClassification?: string
}

/** The file's bytes, or the catalogue's answer for a missing or unreadable one. */
function readInput(file: string): Uint8Array {
  let size: number
  try {
    const stat = statSync(file)
    if (!stat.isFile()) throw new AppError('not_a_file', `${file} is not a regular file`)
    size = stat.size
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('file_not_found', `${file} does not exist`)
  }
  if (size === 0) throw new AppError('empty_file', `${file} is empty`)
  try {
    return readFileSync(file)
  } catch (error) {
    throw new AppError('unreadable_file', `cannot read ${file}: ${(error as Error).message}`)
  }
}

/** `recoup bureau`: the monthly Metro 2 credit bureau file (docs/metro2.md). */
export function registerBureauCommand(program: Command): void {
  const bureau = program
    .command('bureau')
    .description("credit bureau reporting: the monthly Metro 2 file, Australia's default listings")
  bureau
    .command('export')
    .description(
      "write the month's Metro 2 file and, beside it, FILE.excluded.csv (every account left out, why)",
    )
    .requiredOption('--month <YYYY-MM>', 'the month reported')
    .option('--out <file>', 'the Metro 2 file (default: metro2-TENANT-MONTH.dat)')
    .option(
      '--furnisher-id <id>',
      'the Identification Number the bureaus assigned (default: the tenant slug)',
    )
    .option('--creditor-classification <code>', 'K1 creditor classification 01-15 (default 12, financial)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (options: ExportOptions) => {
      const result = await withActor(options.tenant, (ctx) =>
        exportMetro2(ctx, {
          month: options.month,
          out: options.out ?? `metro2-${ctx.actor.tenant.slug}-${options.month}.dat`,
          ...(options.furnisherId !== undefined ? { furnisherId: options.furnisherId } : {}),
          ...(options.creditorClassification !== undefined
            ? { creditorClassification: options.creditorClassification }
            : {}),
        }),
      )
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    })
  bureau
    .command('au-listings')
    .description(
      "write Australia's default listings (Privacy Act ss.6Q, 21D) as CSV and, beside it, FILE.excluded.csv (every account refused, why)",
    )
    .option('--as-of <YYYY-MM-DD>', "the listing day (default: today in the tenant's zone)")
    .option('--out <file>', 'the listing file (default: au-default-listings-TENANT-DAY.csv)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (options: { asOf?: string; out?: string; tenant?: string }) => {
      const result = await withActor(options.tenant, (ctx) => {
        const asOf = options.asOf ?? localDateAt(new Date(), ctx.actor.tenant.time_zone)
        return exportDefaultListings(ctx, {
          asOf,
          out: options.out ?? `au-default-listings-${ctx.actor.tenant.slug}-${asOf}.csv`,
        })
      })
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    })
  bureau
    .command('validate <file>')
    .description('check a Metro 2 file: structure, field positions and kinds, codes, trailer counts')
    .action(async (file: string) => {
      const bytes = readInput(file)
      const inspection = inspectMetro2(bytes, { maxProblems: 50 })
      for (const problem of inspection.problems)
        process.stderr.write(`${file}: ${describeProblem(problem)}\n`)
      const first = inspection.problems[0]
      if (first) {
        throw new AppError(
          'invalid_metro2_file',
          `${file}: ${inspection.problems.length === 50 ? '50 or more' : inspection.problems.length} problem(s); the first at ${describeProblem(first)}`,
        )
      }
      process.stdout.write(
        `${JSON.stringify({ file, valid: true, bytes: bytes.length, accounts: inspection.accounts }, null, 2)}\n`,
      )
    })
}
