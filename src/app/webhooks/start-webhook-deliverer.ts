import type { WebhookConfig } from '../../config/webhook-config.ts'
import type { Store } from '../../store/connect.ts'
import { deliverWebhooks } from './deliver-webhooks.ts'

interface Log {
  info(object: object, message?: string): void
  warn(object: object, message?: string): void
}

/** Options of the deliverer as the configuration sets them. */
export function delivererOptions(config: WebhookConfig) {
  return {
    timeoutMs: config.timeoutSeconds * 1000,
    maxAttempts: config.maxAttempts,
    disableAfterDead: config.disableAfterDead,
  }
}

/**
 * The webhook deliverer loop `recoup serve` runs beside the dispatcher (RECOUP_WEBHOOK_INTERVAL=0
 * turns it off). Returns a stop function that ends the loop after its current pass.
 */
export function startWebhookDeliverer(store: Store, config: WebhookConfig, log: Log): () => Promise<void> {
  if (config.intervalSeconds === 0) {
    log.info({}, 'webhook deliverer disabled (RECOUP_WEBHOOK_INTERVAL=0)')
    return async () => {}
  }
  const abort = new AbortController()
  const loop = deliverWebhooks(store, {
    ...delivererOptions(config),
    watch: { intervalMs: config.intervalSeconds * 1000 },
    signal: abort.signal,
    onPass: (counts) => {
      if (counts.delivered + counts.failed + counts.dead > 0) log.info(counts, 'webhook deliverer pass')
      if (counts.disabled > 0) log.warn(counts, 'webhook endpoints disabled after repeated dead deliveries')
    },
  }).catch((error: Error) => log.warn({ error: error.message }, 'webhook deliverer stopped'))
  log.info({ intervalSeconds: config.intervalSeconds }, 'webhook deliverer running')
  return async () => {
    abort.abort()
    await loop
  }
}
