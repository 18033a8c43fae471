import type {
  WebhookDeliveryRow,
  WebhookEndpointRow,
} from '../../store/webhooks/webhook-endpoint.repository.ts'

/** A webhook endpoint as listings show it: never its secret. */
export interface WebhookEndpointView {
  readonly id: number
  readonly url: string
  readonly description: string
  /** The event types it receives; empty: every event. */
  readonly eventTypes: string[]
  readonly status: 'enabled' | 'disabled'
  /** Why it is disabled (by whom, or after which failures); null when enabled. */
  readonly disabledReason: string | null
  /** Dead deliveries in a row (RECOUP_WEBHOOK_DISABLE_AFTER of them disable it). */
  readonly consecutiveFailures: number
  readonly createdBy: string
  readonly createdAt: string
  readonly updatedAt: string
}

/** One delivery of the log: the event, its body, and how its attempts went. */
export interface WebhookDeliveryView {
  readonly id: number
  readonly endpointId: number
  readonly eventId: string
  readonly eventType: string
  readonly status: 'pending' | 'delivered' | 'failed' | 'dead'
  readonly attempts: number
  readonly nextAttemptAt: string | null
  readonly lastStatusCode: number | null
  readonly lastError: string | null
  readonly createdAt: string
  readonly updatedAt: string
  readonly deliveredAt: string | null
  /** The JSON body as sent: `{ type, timestamp, data }`. */
  readonly payload: Record<string, unknown>
}

/** Maps a stored endpoint to its view. */
export function endpointView(row: WebhookEndpointRow): WebhookEndpointView {
  return {
    id: Number(row.id),
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as string[],
    status: row.status,
    disabledReason: row.disabled_reason,
    consecutiveFailures: Number(row.consecutive_failures),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** Maps a stored delivery to its view. */
export function deliveryView(row: WebhookDeliveryRow): WebhookDeliveryView {
  return {
    id: Number(row.id),
    endpointId: Number(row.endpoint_id),
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  }
}
