import { open } from 'node:fs/promises'
import { AppError } from '../../core/errors/index.ts'
import { type BankImportSummary, importBankStatement } from '../../money/import-bank-statement.ts'
import { type ImportPaymentsSummary, importPaymentsCsv } from '../../money/import-payments-csv.ts'
import { actorLabel } from '../actor.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { redecideAccounts } from '../redecide-accounts.ts'

export interface ImportPaymentsInput {
  readonly file: string
  /** Where rejected CSV rows go (default `FILE.rejects.csv`). */
  readonly rejectsPath?: string
  readonly batchSize?: number
}

/** What an import did: a payments CSV or a bank statement, each with its own summary. */
export type ImportPaymentsResult =
  | { readonly kind: 'csv'; readonly summary: ImportPaymentsSummary; readonly rejectedRows: number }
  | { readonly kind: 'camt'; readonly summary: BankImportSummary; readonly rejectedRows: number }

/** The file's type by its content (XML is a bank statement) or, failing that, its name. */
async function fileKind(file: string): Promise<'csv' | 'camt'> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new AppError('file_not_found', `${file}: no such file`)
    if (error.code === 'EISDIR') throw new AppError('not_a_file', `${file} is not a regular file`)
    throw new AppError('unreadable_file', `${file}: ${error.code ?? error.message}`)
  })
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0).catch(() => {
      throw new AppError('not_a_file', `${file} is not a regular file`)
    })
    const head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
    if (head.startsWith('<') || /\.xml$/i.test(file)) return 'camt'
    if (/\.(xlsx|xls|ods)$/i.test(file) || head.startsWith('PK')) {
      throw new AppError(
        'unsupported_file_type',
        `${file}: payments come as CSV or camt.053/054 XML, not a workbook`,
      )
    }
    return 'csv'
  } finally {
    await handle.close()
  }
}

/**
 * Imports a payments file: a CSV (`account,amount,currency,received_on,reference[,policy]`) or an ISO
 * 20022 camt.053/054 bank statement (handed to the bank importer), re-deciding the accounts paid.
 */
export async function importPayments(
  ctx: AppContext,
  input: ImportPaymentsInput,
): Promise<ImportPaymentsResult> {
  authorize(ctx.actor, 'payments.import')
  requireAllClients(ctx.actor, 'import payments')
  const { tenant } = ctx.actor
  const actor = actorLabel(ctx.actor)
  if ((await fileKind(input.file)) === 'camt') {
    const summary = await importBankStatement(ctx.store, tenant, input.file, { actor })
    return { kind: 'camt', summary, rejectedRows: summary.rejected.length }
  }
  const summary = await importPaymentsCsv(ctx.store, tenant, input.file, {
    actor,
    redecide: (trx, touched) => redecideAccounts(trx, tenant, touched),
    ...(input.rejectsPath !== undefined ? { rejectsPath: input.rejectsPath } : {}),
    ...(input.batchSize !== undefined ? { batchSize: input.batchSize } : {}),
  })
  return { kind: 'csv', summary, rejectedRows: new Set(summary.rejected.map((r) => r.line)).size }
}
