import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { exportLetterBatch } from '../../app/documents/export-letter-batch.ts'
import { renderAccountDocument } from '../../app/documents/render-account-document.ts'
import { DOCUMENT_KINDS } from '../../core/documents/document-kinds.ts'
import { AppError } from '../../core/errors/index.ts'
import { withActor } from '../cli-context.ts'

interface DocumentOptions {
  out?: string
  outDir?: string
  paper?: string
  locale?: string
  mailingDate?: string
  senderAddress?: string
  caLicence?: string
  validationEnds?: string
  tenant?: string
}

function writeOut(file: string, bytes: Uint8Array | string): void {
  try {
    writeFileSync(file, bytes)
  } catch (error) {
    throw new AppError('output_unwritable', `cannot write ${file}: ${(error as Error).message}`)
  }
}

function common(options: DocumentOptions) {
  return {
    ...(options.paper ? { paper: options.paper } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.mailingDate ? { mailingDate: options.mailingDate } : {}),
    ...(options.senderAddress
      ? { senderAddress: options.senderAddress.split('|').map((s) => s.trim()) }
      : {}),
    ...(options.caLicence ? { californiaLicenseNumber: options.caLicence } : {}),
    ...(options.validationEnds ? { validationPeriodEndsOn: options.validationEnds } : {}),
  }
}

function withDocumentOptions(command: Command): Command {
  return command
    .option('--paper <size>', 'A4 (default) or Letter')
    .option('--locale <lang>', "language instead of the debtor's preferred one (en, es, hi, ar, fr, de)")
    .option('--mailing-date <date>', 'mailing date YYYY-MM-DD (default today): starts the legal clocks')
    .option('--sender-address <lines>', 'your postal address, lines separated by |')
    .option('--ca-licence <number>', 'California debt collection licence number (letters to US-CA)')
    .option('--validation-ends <date>', 'last day of a validation period already running')
    .option('--tenant <slug>', 'tenant (default: default)')
}

/** `recoup document`: letters and notices as print-ready PDF, one or a print-and-mail batch. */
export function registerDocumentCommand(program: Command): void {
  const document = program.command('document').description('letters and notices as print-ready PDF')
  withDocumentOptions(
    document
      .command('render <kind> <account>')
      .description(`render one document (${DOCUMENT_KINDS.join(', ')}) for an account`)
      .requiredOption('--out <file>', 'PDF file to write'),
  ).action(async (kind: string, account: string, options: DocumentOptions) => {
    const result = await withActor(options.tenant, (ctx) =>
      renderAccountDocument(ctx, { kind, account, ...common(options) }),
    )
    writeOut(options.out as string, result.pdf)
    const { pdf, ...summary } = result
    process.stdout.write(
      `${JSON.stringify({ ...summary, file: options.out, bytes: pdf.byteLength }, null, 2)}\n`,
    )
  })
  withDocumentOptions(
    document
      .command('batch <kind> <accounts...>')
      .description('print-and-mail batch: one PDF with every letter plus a manifest CSV')
      .requiredOption('--out-dir <dir>', 'folder for batch.pdf and manifest.csv'),
  ).action(async (kind: string, accounts: string[], options: DocumentOptions) => {
    const batch = await withActor(options.tenant, (ctx) =>
      exportLetterBatch(ctx, { kind, accounts, ...common(options) }),
    )
    const dir = options.outDir as string
    try {
      mkdirSync(dir, { recursive: true })
    } catch (error) {
      throw new AppError('output_unwritable', `cannot create ${dir}: ${(error as Error).message}`)
    }
    writeOut(join(dir, 'batch.pdf'), batch.pdf)
    writeOut(join(dir, 'manifest.csv'), batch.manifestCsv)
    process.stdout.write(
      `${JSON.stringify({ letters: batch.letters, mailingDate: batch.mailingDate, skipped: batch.skipped, dir }, null, 2)}\n`,
    )
  })
}
