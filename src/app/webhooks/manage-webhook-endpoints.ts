import { randomBytes } from 'node:crypto'
import type { Transaction } from 'kysely'
import { parseWebhookConfig } from '../../config/webhook-config.ts'
import { AppError } from '../../core/errors/index.ts'
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from '../../core/webhooks/webhook-events.ts'
import { webhookUrlProblem } from '../../core/webhooks/webhook-url.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import type { Database } from '../../store/schema.ts'
import {
  deleteWebhookEndpointRow,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpointRows,
  updateWebhookEndpointRow,
  type WebhookEndpointRow,
} from '../../store/webhooks/webhook-endpoint.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { endpointView, type WebhookEndpointView } from './webhook-views.ts'

const MAX_URL_CHARS = 2000
const MAX_DESCRIPTION_CHARS = 200

/** The URL, checked (http(s), no credentials, no private address unless allowed). */
function checkedUrl(url: string): string {
  const trimmed = url.trim()
  const problem =
    trimmed.length > MAX_URL_CHARS
      ? `is longer than ${MAX_URL_CHARS} characters`
      : webhookUrlProblem(trimmed, parseWebhookConfig(process.env).allowPrivate)
  if (problem) throw new AppError('invalid_webhook_url', `url ${problem}`, { field: 'url' })
  return trimmed
}

function checkedEvents(events: readonly string[]): string[] {
  const unknown = events.filter((e) => !isWebhookEventType(e))
  if (unknown.length > 0)
    throw new AppError(
      'invalid_option',
      `events: unknown event type ${unknown.join(', ')}; known: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
      { field: 'events' },
    )
  return [...new Set(events)]
}

function checkedDescription(description: string): string {
  const text = description.trim()
  if (text.length > MAX_DESCRIPTION_CHARS)
    throw new AppError('invalid_option', `description must be at most ${MAX_DESCRIPTION_CHARS} characters`, {
      field: 'description',
    })
  return text
}

/** A new signing secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks format). */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

/**
 * Registers an endpoint that receives the tenant's events (`events`, empty or absent: every event).
 * The answer holds the signing secret (`secret`) once; listings never show it. Journaled.
 */
export async function createWebhookEndpoint(
  ctx: AppContext,
  input: { url: string; events?: readonly string[]; description?: string },
): Promise<WebhookEndpointView & { secret: string }> {
  authorize(ctx.actor, 'webhooks.manage')
  const url = checkedUrl(input.url)
  const eventTypes = checkedEvents(input.events ?? [])
  const description = checkedDescription(input.description ?? '')
  const secret = newSecret()
  const row = await inTransaction(ctx, async (trx) => {
    const created = await insertWebhookEndpoint(trx, {
      tenantId: ctx.actor.tenant.id,
      url,
      description,
      secret,
      eventTypes,
      createdBy: actorLabel(ctx.actor),
    })
    await journal(trx, ctx, 'webhook_endpoint.created', created, { url, eventTypes })
    return created
  })
  return { ...endpointView(row), secret }
}

/** The tenant's endpoints, oldest first, with their status (a disabled one says why). */
export async function listWebhookEndpoints(ctx: AppContext): Promise<WebhookEndpointView[]> {
  authorize(ctx.actor, 'webhooks.read')
  return (await listWebhookEndpointRows(ctx.store.db, ctx.actor.tenant.id)).map(endpointView)
}

/** One endpoint of the tenant; another tenant's id is `webhook_endpoint_not_found`. */
export async function getWebhookEndpoint(
  ctx: AppContext,
  input: { id: number },
): Promise<WebhookEndpointView> {
  authorize(ctx.actor, 'webhooks.read')
  return endpointView(await requireEndpoint(ctx.store.db, ctx, input.id))
}

/**
 * Changes an endpoint: url, description, event filter, or `enabled`. Enabling clears the failure
 * count and reason (waiting deliveries go out again); disabling records who disabled it. Journaled.
 */
export async function updateWebhookEndpoint(
  ctx: AppContext,
  input: { id: number; url?: string; events?: readonly string[]; description?: string; enabled?: boolean },
): Promise<WebhookEndpointView> {
  authorize(ctx.actor, 'webhooks.manage')
  const url = input.url === undefined ? undefined : checkedUrl(input.url)
  const eventTypes = input.events === undefined ? undefined : checkedEvents(input.events)
  const description = input.description === undefined ? undefined : checkedDescription(input.description)
  return inTransaction(ctx, async (trx) => {
    const row = await requireEndpoint(trx, ctx, input.id)
    const status: 'enabled' | 'disabled' | undefined =
      input.enabled === undefined ? undefined : input.enabled ? 'enabled' : 'disabled'
    const statusChanges =
      status === undefined || status === row.status
        ? {}
        : status === 'enabled'
          ? { status, disabledReason: null, consecutiveFailures: 0 }
          : { status, disabledReason: `disabled by ${actorLabel(ctx.actor)}` }
    const updated = await updateWebhookEndpointRow(
      trx,
      Number(row.id),
      {
        ...(url === undefined ? {} : { url }),
        ...(eventTypes === undefined ? {} : { eventTypes }),
        ...(description === undefined ? {} : { description }),
        ...statusChanges,
      },
      new Date(),
    )
    await journal(trx, ctx, 'webhook_endpoint.updated', updated, {
      url: updated.url,
      eventTypes: JSON.parse(updated.event_types),
      status: updated.status,
    })
    return endpointView(updated)
  })
}

/** Deletes an endpoint and its delivery log; undelivered events are dropped with it. Journaled. */
export async function deleteWebhookEndpoint(
  ctx: AppContext,
  input: { id: number },
): Promise<{ deleted: true }> {
  authorize(ctx.actor, 'webhooks.manage')
  return inTransaction(ctx, async (trx) => {
    const row = await requireEndpoint(trx, ctx, input.id)
    await deleteWebhookEndpointRow(trx, Number(row.id))
    await journal(trx, ctx, 'webhook_endpoint.deleted', row, { url: row.url })
    return { deleted: true as const }
  })
}

/** The endpoint with this id in the actor's tenant, or `webhook_endpoint_not_found`. */
export async function requireEndpoint(
  db: Parameters<typeof findWebhookEndpoint>[0],
  ctx: AppContext,
  id: number,
): Promise<WebhookEndpointRow> {
  const row = await findWebhookEndpoint(db, ctx.actor.tenant.id, id)
  if (!row) throw new AppError('webhook_endpoint_not_found', `no webhook endpoint ${id} in this tenant`)
  return row
}

async function journal(
  trx: Transaction<Database>,
  ctx: AppContext,
  type: string,
  row: WebhookEndpointRow,
  payload: Record<string, unknown>,
): Promise<void> {
  await appendJournalEvent(trx, {
    tenantId: ctx.actor.tenant.id,
    type,
    actor: actorLabel(ctx.actor),
    subject: `webhook_endpoint:${row.id}`,
    payload,
  })
}
