import { AppError } from '../../core/errors/index.ts'
import { type Page, pageOf, pageRequest } from '../../core/paging/page-cursor.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import {
  findWebhookDelivery,
  listWebhookDeliveryRows,
  requeueWebhookDelivery,
} from '../../store/webhooks/webhook-endpoint.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireEndpoint } from './manage-webhook-endpoints.ts'
import { deliveryView, type WebhookDeliveryView } from './webhook-views.ts'

const SORT_FIELDS = ['id'] as const

/** One page of an endpoint's delivery log, newest first (`sort=id` for oldest first). */
export async function listWebhookDeliveries(
  ctx: AppContext,
  input: { endpointId: number; limit?: number; cursor?: string; sort?: string },
): Promise<Page<WebhookDeliveryView>> {
  authorize(ctx.actor, 'webhooks.read')
  const page = pageRequest(input, SORT_FIELDS, { field: 'id', direction: 'desc' })
  const endpoint = await requireEndpoint(ctx.store.db, ctx, input.endpointId)
  const rows = await listWebhookDeliveryRows(ctx.store.db, Number(endpoint.id), page)
  const cut = pageOf(rows, page, (row) => ({ value: Number(row.id), id: Number(row.id) }))
  return { items: cut.items.map(deliveryView), nextCursor: cut.nextCursor }
}

/**
 * Sends a delivery again (manual replay): it is due now with a fresh attempt budget and keeps its
 * webhook-id, so a receiver that already has it can tell. An endpoint that is disabled keeps it
 * until it is enabled. `now` is for tests. Journaled.
 */
export async function replayWebhookDelivery(
  ctx: AppContext,
  input: { endpointId: number; deliveryId: number; now?: Date },
): Promise<WebhookDeliveryView> {
  authorize(ctx.actor, 'webhooks.manage')
  return inTransaction(ctx, async (trx) => {
    const endpoint = await requireEndpoint(trx, ctx, input.endpointId)
    const delivery = await findWebhookDelivery(trx, ctx.actor.tenant.id, input.deliveryId)
    if (!delivery || Number(delivery.endpoint_id) !== Number(endpoint.id))
      throw new AppError(
        'webhook_delivery_not_found',
        `no delivery ${input.deliveryId} of webhook endpoint ${input.endpointId}`,
      )
    const requeued = await requeueWebhookDelivery(trx, Number(delivery.id), input.now ?? new Date())
    await appendJournalEvent(trx, {
      tenantId: ctx.actor.tenant.id,
      type: 'webhook_delivery.replayed',
      actor: actorLabel(ctx.actor),
      subject: `webhook_delivery:${delivery.id}`,
      payload: { endpointId: Number(endpoint.id), eventId: delivery.event_id },
    })
    return deliveryView(requeued)
  })
}
