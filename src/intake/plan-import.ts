import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AppError } from '../core/errors/index.ts'
import type { ImportMapping } from '../core/intake/import-mapping.ts'
import { isCurrencyCode } from '../core/money/currencies.ts'
import { DEFAULT_BATCH_SIZE, ENCODINGS, type Encoding, type ImportOptions } from './import-options.ts'
import { type SourceFormat, sourceFormat } from './open-row-source.ts'
import { resolveMapping } from './resolve-mapping.ts'

/** An import's options checked and completed: everything that can fail before a row is read. */
export interface ImportPlan {
  readonly file: string
  readonly format: SourceFormat
  readonly totalBytes: number
  readonly mapping: ImportMapping
  readonly encoding: Encoding
  readonly batchSize: number
  readonly currency: string
  readonly rejectsPath: string
}

const MAX_BATCH_SIZE = 50_000

/** Checks the options and the file, and resolves the mapping; throws an AppError naming the problem. */
export async function planImport(options: ImportOptions): Promise<ImportPlan> {
  const file = resolve(options.file)
  const format = sourceFormat(file)
  const encoding = options.encoding ?? 'utf-8'
  if (!ENCODINGS.includes(encoding)) {
    throw new AppError(
      'invalid_encoding',
      `unknown encoding "${encoding}"; use one of ${ENCODINGS.join(', ')}`,
    )
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new AppError('invalid_batch_size', `batch size must be a whole number from 1 to ${MAX_BATCH_SIZE}`)
  }
  const currency = (options.currency ?? options.tenant.default_currency).toUpperCase()
  if (!isCurrencyCode(currency)) {
    throw new AppError('invalid_currency', `"${currency}" is not an ISO 4217 currency code`)
  }
  const mapping = await resolveMapping(options)
  const stats = await stat(file).catch(() => undefined)
  if (!stats) throw new AppError('file_not_found', `no such file: ${file}`)
  if (!stats.isFile()) throw new AppError('not_a_file', `${file} is not a file`)
  return {
    file,
    format,
    totalBytes: stats.size,
    mapping,
    encoding,
    batchSize,
    currency,
    rejectsPath: resolve(options.rejectsPath ?? `${file}.rejects.csv`),
  }
}
