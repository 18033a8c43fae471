import cliProgress from 'cli-progress'
import { type Command, InvalidArgumentError } from 'commander'
import { importAccountsFile } from '../../app/intake/import-accounts-file.ts'
import { AppError, EXIT } from '../../core/errors/index.ts'
import {
  DEFAULT_BATCH_SIZE,
  ENCODINGS,
  type Encoding,
  type ImportProgress,
  type ImportSummary,
} from '../../intake/import-options.ts'
import { withActor } from '../cli-context.ts'

interface ImportCommandOptions {
  preset?: string
  mapping?: string
  tenant?: string
  rejects?: string
  encoding: string
  batchSize: number
  currency?: string
  sheet?: string
}

function positiveInteger(value: string): number {
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number < 1)
    throw new InvalidArgumentError('must be a positive whole number')
  return number
}

/** A progress bar by bytes on a terminal; elsewhere (logs, CI) one plain line per phase. */
function progressReporter(file: string): { update(progress: ImportProgress): void; stop(): void } {
  if (!process.stderr.isTTY) {
    return {
      update: (p) => {
        if (p.phase === 'started')
          console.error(`import: run ${p.runId} reading ${file} (${p.totalBytes} bytes)`)
        if (p.phase === 'completed')
          console.error(`import: run ${p.runId} read ${p.counts.rowsRead} rows, completed`)
      },
      stop: () => {},
    }
  }
  const bar = new cliProgress.SingleBar(
    {
      format: 'import [{bar}] {percentage}% | {rows} rows | {rejected} rejected | {eta_formatted} left',
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update: (p) => {
      const payload = { rows: p.counts.rowsRead, rejected: p.counts.rejected }
      if (!started) bar.start(Math.max(p.totalBytes, 1), 0, payload)
      started = true
      bar.update(p.bytesRead, payload)
    },
    stop: () => {
      if (started) bar.stop()
    },
  }
}

function printSummary(summary: ImportSummary): void {
  for (const { line, errors } of summary.firstRejects) {
    for (const error of errors) console.error(`${summary.file}:${line}: ${error.field}: ${error.reason}`)
  }
  if (summary.rejected > summary.firstRejects.length) {
    console.error(
      `... ${summary.rejected - summary.firstRejects.length} more rejected rows in the reject file`,
    )
  }
  console.log(
    [
      `imported ${summary.file} (${summary.mapping}) as run ${summary.runId} in ${summary.seconds.toFixed(1)} s`,
      `  rows read:              ${summary.rowsRead}`,
      `  accounts created:       ${summary.accountsCreated}`,
      `  already present:        ${summary.accountsExisting}`,
      `  debtors created:        ${summary.debtorsCreated}`,
      `  ledger entries posted:  ${summary.entriesPosted}`,
      `  rejected:               ${summary.rejected}${summary.rejectFile ? ` (see ${summary.rejectFile})` : ''}`,
    ].join('\n'),
  )
}

/**
 * `recoup import FILE`: loads a CSV or XLSX list of accounts, idempotently, with a reject file. Exits 0
 * when every row was imported, 3 when some were rejected, 2 for a bad file, 4 for a missing one.
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import <file>')
    .description('import accounts from a CSV or XLSX file (re-running the same import adds nothing twice)')
    .option('--preset <name>', 'built-in column mapping: generic or ibm-ar (default generic)')
    .option('--mapping <file>', 'JSON column mapping (see docs/import.md)')
    .option('--tenant <slug>', 'tenant to import into (default: the default tenant)')
    .option('--rejects <path>', 'where to write rejected rows (default FILE.rejects.csv)')
    .option('--encoding <encoding>', `text encoding of a CSV file: ${ENCODINGS.join(', ')}`, 'utf-8')
    .option('--batch-size <n>', 'rows per transaction', positiveInteger, DEFAULT_BATCH_SIZE)
    .option('--currency <code>', "currency of rows that name none (default: the tenant's)")
    .option('--sheet <name>', 'XLSX worksheet to read (default: the first)')
    .action(async (file: string, options: ImportCommandOptions) => {
      if (!ENCODINGS.includes(options.encoding as Encoding)) {
        throw new AppError('invalid_encoding', `--encoding must be one of ${ENCODINGS.join(', ')}`)
      }
      const controller = new AbortController()
      // First Ctrl-C: stop after the batch in flight. Second: leave at once (each batch is atomic anyway).
      const onSigint = () => {
        if (controller.signal.aborted) process.exit(130)
        console.error('\nstopping after the current batch... (Ctrl-C again to quit now)')
        controller.abort()
      }
      process.on('SIGINT', onSigint)
      const progress = progressReporter(file)
      try {
        const summary = await withActor(options.tenant, (ctx) =>
          importAccountsFile(ctx, {
            file,
            ...(options.preset === undefined ? {} : { preset: options.preset }),
            ...(options.mapping === undefined ? {} : { mappingFile: options.mapping }),
            ...(options.rejects === undefined ? {} : { rejectsPath: options.rejects }),
            ...(options.currency === undefined ? {} : { currency: options.currency }),
            ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
            encoding: options.encoding as Encoding,
            batchSize: options.batchSize,
            signal: controller.signal,
            onProgress: (p) => progress.update(p),
          }),
        )
        progress.stop()
        printSummary(summary)
        // Done, but not everything: scripts must be able to tell (docs/errors.md).
        if (summary.rejected > 0) process.exitCode = EXIT.partial
      } catch (error) {
        progress.stop()
        if (error instanceof AppError && error.code === 'import_interrupted') {
          console.error(error.message)
          process.exitCode = EXIT.interrupted
          return
        }
        throw error
      } finally {
        process.off('SIGINT', onSigint)
      }
    })
}
