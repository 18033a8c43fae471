import { Webhook } from 'standardwebhooks'
import { retryDelaySeconds } from '../../core/webhooks/webhook-events.ts'
import type { Store } from '../../store/connect.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import {
  type ClaimedDelivery,
  claimDueWebhookDeliveries,
  countEndpointOutcome,
  recordWebhookAttempt,
} from '../../store/webhooks/webhook-delivery.repository.ts'
import { updateWebhookEndpointRow } from '../../store/webhooks/webhook-endpoint.repository.ts'

/** How the deliverer works; every field has the default of src/config/webhook-config.ts. */
export interface DeliverWebhooksOptions {
  /** The clock that decides what is due and when to retry (tests move it instead of sleeping). */
  readonly now?: () => Date
  /** Deliveries claimed per batch (default 50). */
  readonly batchSize?: number
  /** Milliseconds a receiver has to answer (default 10,000). */
  readonly timeoutMs?: number
  /** Attempts before a delivery is dead (default 8). */
  readonly maxAttempts?: number
  /** Dead deliveries in a row that disable the endpoint (default 3). */
  readonly disableAfterDead?: number
  /** With `watch`, keep passing every `intervalMs` until `signal` aborts. */
  readonly watch?: { readonly intervalMs: number }
  readonly signal?: AbortSignal
  readonly onPass?: (counts: DeliveryCounts) => void
}

/** What one pass did. */
export interface DeliveryCounts {
  delivered: number
  failed: number
  dead: number
  /** Endpoints disabled in this pass after too many dead deliveries in a row. */
  disabled: number
}

/** The longest answer text kept as `last_error`. */
const MAX_ERROR_CHARS = 500

/**
 * The deliverer: claims due deliveries in batches and POSTs each, signed per Standard Webhooks
 * (webhook-id, webhook-timestamp, webhook-signature). A 2xx answer delivers it; anything else
 * (another status, a redirect, a refused connection, no answer within the timeout) is retried after
 * retryDelaySeconds(attempt) until `maxAttempts`, then the delivery is dead. `disableAfterDead` dead
 * deliveries in a row disable the endpoint and journal `webhook_endpoint.disabled`, which the endpoint
 * listing shows as its status and reason. One pass, or a loop with `watch`; returns the last counts.
 */
export async function deliverWebhooks(
  store: Store,
  options: DeliverWebhooksOptions = {},
): Promise<DeliveryCounts> {
  for (;;) {
    const counts = await deliverOnePass(store, options)
    options.onPass?.(counts)
    if (!options.watch || options.signal?.aborted) return counts
    const busy = counts.delivered + counts.failed + counts.dead > 0
    if (!busy) await pause(options.watch.intervalMs, options.signal)
    if (options.signal?.aborted) return counts
  }
}

async function deliverOnePass(store: Store, options: DeliverWebhooksOptions): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { delivered: 0, failed: 0, dead: 0, disabled: 0 }
  const clock = options.now ?? (() => new Date())
  const batchSize = options.batchSize ?? 50
  const timeoutMs = options.timeoutMs ?? 10_000
  const leaseSeconds = Math.ceil(timeoutMs / 1000) * 3 + 30
  for (let batches = 0; batches < 100; batches++) {
    const claimed = await claimDueWebhookDeliveries(store.db, {
      now: clock(),
      limit: batchSize,
      leaseSeconds,
    })
    if (claimed.length === 0) break
    const outcomes = await Promise.all(claimed.map((delivery) => post(delivery, timeoutMs)))
    for (const [i, delivery] of claimed.entries()) {
      const outcome = outcomes[i] as AttemptOutcome
      await recordOutcome(store, delivery, outcome, clock(), options, counts)
    }
    if (claimed.length < batchSize) break
  }
  return counts
}

interface AttemptOutcome {
  readonly ok: boolean
  readonly statusCode: number | null
  readonly error: string | null
}

/** One signed POST. The signature's timestamp is the wall clock: receivers reject stale ones. */
async function post(delivery: ClaimedDelivery, timeoutMs: number): Promise<AttemptOutcome> {
  const sentAt = new Date()
  const signature = new Webhook(delivery.secret).sign(delivery.eventId, sentAt, delivery.payload)
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Recoup-Webhooks/1',
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: delivery.payload,
      // A redirect is an answer, not a delivery: following it would send the event somewhere unchecked.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    const ok = response.status >= 200 && response.status < 300
    const text = ok ? '' : await response.text().catch(() => '')
    return {
      ok,
      statusCode: response.status,
      error: ok ? null : `HTTP ${response.status}${text ? `: ${text.slice(0, MAX_ERROR_CHARS)}` : ''}`,
    }
  } catch (error) {
    const err = error as Error & { cause?: { code?: string; message?: string } }
    const reason =
      err.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (err.cause?.code ?? err.cause?.message ?? err.message)
    return { ok: false, statusCode: null, error: reason.slice(0, MAX_ERROR_CHARS) }
  }
}

async function recordOutcome(
  store: Store,
  delivery: ClaimedDelivery,
  outcome: AttemptOutcome,
  at: Date,
  options: DeliverWebhooksOptions,
  counts: DeliveryCounts,
): Promise<void> {
  const attempts = delivery.attempts + 1
  const maxAttempts = options.maxAttempts ?? 8
  const status = outcome.ok ? 'delivered' : attempts >= maxAttempts ? 'dead' : 'failed'
  counts[status]++
  await store.db.transaction().execute(async (trx) => {
    await recordWebhookAttempt(trx, delivery.id, {
      status,
      attempts,
      statusCode: outcome.statusCode,
      error: outcome.error,
      nextAttemptAt: status === 'failed' ? new Date(at.getTime() + retryDelaySeconds(attempts) * 1000) : null,
      at,
    })
    if (status === 'failed') return
    const endpoint = await countEndpointOutcome(trx, delivery.endpointId, status === 'dead')
    const limit = options.disableAfterDead ?? 3
    if (status !== 'dead' || endpoint.status !== 'enabled' || endpoint.consecutiveFailures < limit) return
    const reason = `${endpoint.consecutiveFailures} deliveries in a row failed ${maxAttempts} attempts (last: ${outcome.error})`
    await updateWebhookEndpointRow(
      trx,
      delivery.endpointId,
      { status: 'disabled', disabledReason: reason },
      at,
    )
    await appendJournalEvent(trx, {
      tenantId: endpoint.tenantId,
      type: 'webhook_endpoint.disabled',
      actor: 'system:webhooks',
      subject: `webhook_endpoint:${delivery.endpointId}`,
      payload: { endpointId: delivery.endpointId, reason },
      occurredAt: at,
    })
    counts.disabled++
  })
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}
