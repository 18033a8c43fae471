import { AppError } from '../core/errors/index.ts'

/** Outbound webhooks: how the deliverer retries and which endpoint addresses are accepted. */
export interface WebhookConfig {
  /** RECOUP_WEBHOOK_INTERVAL: seconds between deliverer passes inside `recoup serve` (default 5; 0: off). */
  readonly intervalSeconds: number
  /** RECOUP_WEBHOOK_TIMEOUT: seconds a receiver has to answer one POST (default 10). */
  readonly timeoutSeconds: number
  /** RECOUP_WEBHOOK_MAX_ATTEMPTS: attempts of one delivery before it is dead (default 8). */
  readonly maxAttempts: number
  /** RECOUP_WEBHOOK_DISABLE_AFTER: dead deliveries in a row that disable the endpoint (default 3). */
  readonly disableAfterDead: number
  /**
   * RECOUP_WEBHOOK_ALLOW_PRIVATE: `1` accepts endpoint URLs on loopback and private addresses
   * (development, tests, a receiver on the same network); default off (SSRF: docs/webhooks.md).
   */
  readonly allowPrivate: boolean
}

/** The RECOUP_* variables this file reads. */
export const WEBHOOK_VARIABLES = [
  'RECOUP_WEBHOOK_INTERVAL',
  'RECOUP_WEBHOOK_TIMEOUT',
  'RECOUP_WEBHOOK_MAX_ATTEMPTS',
  'RECOUP_WEBHOOK_DISABLE_AFTER',
  'RECOUP_WEBHOOK_ALLOW_PRIVATE',
]

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim() ?? ''
  if (text === '') return fallback
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new AppError(
      'invalid_configuration',
      `${name} must be a whole number from ${min} to ${max}, not "${env[name]}"`,
    )
  return value
}

/** Parses the webhook variables of `env`; throws `invalid_configuration` naming the variable. */
export function parseWebhookConfig(env: NodeJS.ProcessEnv): WebhookConfig {
  const allow = env.RECOUP_WEBHOOK_ALLOW_PRIVATE?.trim() ?? ''
  if (allow !== '' && allow !== '0' && allow !== '1')
    throw new AppError(
      'invalid_configuration',
      `RECOUP_WEBHOOK_ALLOW_PRIVATE must be 0 or 1, not "${env.RECOUP_WEBHOOK_ALLOW_PRIVATE}"`,
    )
  return {
    intervalSeconds: whole(env, 'RECOUP_WEBHOOK_INTERVAL', 5, 0, 86_400),
    timeoutSeconds: whole(env, 'RECOUP_WEBHOOK_TIMEOUT', 10, 1, 300),
    maxAttempts: whole(env, 'RECOUP_WEBHOOK_MAX_ATTEMPTS', 8, 1, 100),
    disableAfterDead: whole(env, 'RECOUP_WEBHOOK_DISABLE_AFTER', 3, 1, 1000),
    allowPrivate: allow === '1',
  }
}
