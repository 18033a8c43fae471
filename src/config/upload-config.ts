import { resolve } from 'node:path'
import { AppError } from '../core/errors/index.ts'

/** Where the HTTP API keeps uploaded import files, and how large one may be. */
export interface UploadConfig {
  /** RECOUP_DATA_DIR (default ./data): uploads go to <dir>/uploads/<tenant id>/<random>.<csv|xlsx>. */
  readonly dataDir: string
  /** RECOUP_UPLOAD_LIMIT_MB (default 100): a larger upload is 413 payload_too_large. */
  readonly limitBytes: number
}

export function uploadConfigFromEnv(env: NodeJS.ProcessEnv = process.env): UploadConfig {
  const text = env.RECOUP_UPLOAD_LIMIT_MB?.trim() ?? ''
  const mb = text === '' ? 100 : Number(text)
  if (!Number.isInteger(mb) || mb < 1 || mb > 10_000)
    throw new AppError(
      'invalid_configuration',
      `RECOUP_UPLOAD_LIMIT_MB must be a whole number of megabytes from 1 to 10000, not "${text}"`,
    )
  return { dataDir: resolve(env.RECOUP_DATA_DIR?.trim() || 'data'), limitBytes: mb * 1024 * 1024 }
}
