import { AppError } from '../../core/errors/index.ts'
import type { Store } from '../../store/connect.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import {
  insertMessageEvent,
  messageByProviderId,
  setMessageStatus,
} from '../../store/outreach/inbound.repository.ts'
import { markUndeliverable } from '../../store/outreach/message.repository.ts'
import { enqueueWebhookEvents } from '../../store/webhooks/webhook-outbox.repository.ts'

export interface DeliveryReceipt {
  /** The provider's id of the message (`messages.provider_message_id`). */
  readonly providerMessageId: string
  /** What happened: delivered, bounced (never arrived), failed, or any other provider status (kept as-is). */
  readonly status: string
  /** The address or number itself is refused (hard bounce, invalid or landline number). */
  readonly recipientInvalid?: boolean
  /** The provider's diagnostic (SMTP reply, error code). */
  readonly detail?: string
  /** The provider's id of this event, so a callback delivered twice is recorded once. */
  readonly externalId?: string
  readonly at?: string
}

/**
 * Records a provider receipt against its message and every account it carried: `delivered` and
 * `bounced`/`failed` move the message on (never back to sent), a refused recipient marks the contact
 * point undeliverable with the evidence, so the playbook uses another point or channel next time.
 */
export async function recordDeliveryReceipt(
  store: Store,
  receipt: DeliveryReceipt,
  actor = 'system:provider',
): Promise<{ messageId: number; status: string; duplicate: boolean }> {
  const message = await messageByProviderId(store.db, receipt.providerMessageId)
  if (!message)
    throw new AppError('message_not_found', `no message has provider id "${receipt.providerMessageId}"`)
  const at = receipt.at ?? new Date().toISOString()
  const status =
    receipt.status === 'delivered'
      ? 'delivered'
      : ['bounced', 'undelivered'].includes(receipt.status)
        ? 'bounced'
        : receipt.status === 'failed'
          ? 'failed'
          : null
  return store.db.transaction().execute(async (trx) => {
    let duplicate = false
    for (const [i, accountId] of message.accountIds.entries()) {
      const id = await insertMessageEvent(trx, {
        tenantId: message.tenant_id,
        messageId: message.id,
        accountId,
        debtorId: message.debtor_id,
        channel: message.channel,
        kind: 'receipt',
        detail: receipt.status,
        text: receipt.detail ?? null,
        externalId: receipt.externalId ? `${receipt.externalId}#${i}` : null,
        occurredAt: at,
      })
      if (id === null) duplicate = true
    }
    if (duplicate) return { messageId: message.id, status: receipt.status, duplicate }
    if (status)
      await setMessageStatus(
        trx,
        message.id,
        status,
        status === 'delivered' ? null : (receipt.detail ?? receipt.status),
        at,
      )
    // Announced to webhooks in this transaction: ids and the provider's status only, no address.
    if (status)
      await enqueueWebhookEvents(trx, message.tenant_id, [
        {
          type: status === 'delivered' ? 'message.delivered' : 'message.failed',
          data: {
            messageId: message.id,
            channel: message.channel,
            accountIds: [...new Set(message.accountIds)],
            providerStatus: receipt.status,
          },
        },
      ])
    if (status && status !== 'delivered' && receipt.recipientInvalid && message.contact_point_id !== null) {
      await markUndeliverable(trx, message.contact_point_id, receipt.detail ?? receipt.status, at)
      await appendJournalEvent(trx, {
        tenantId: message.tenant_id,
        type: 'contact_point.undeliverable',
        actor,
        subject: `contact_point:${message.contact_point_id}`,
        payload: { message: message.id, evidence: receipt.detail ?? receipt.status },
      })
    }
    return { messageId: message.id, status: receipt.status, duplicate }
  })
}
