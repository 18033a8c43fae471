import { classifyInbound, type InboundReading } from '../../core/outreach/classify-inbound.ts'
import type { Store } from '../../store/connect.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import {
  insertMessageEvent,
  latestMessageTo,
  type MessageRef,
  messageByToken,
  revokeChannel,
} from '../../store/outreach/inbound.repository.ts'

export interface InboundReply {
  readonly channel: 'email' | 'sms'
  /** The sender's number or address. */
  readonly from: string
  readonly text: string
  /** Email: the token of the reply address `reply+TOKEN@...` (or of the opt-out link). */
  readonly token?: string
  /** The provider's id of the reply, so it is recorded once. */
  readonly externalId?: string
  readonly at?: string
}

/** The SMS sent once after a revocation (47 CFR 64.1200(a)(10): one confirmation, no marketing). */
export const SMS_OPT_OUT_CONFIRMATION =
  'You will receive no more texts from us about this account. No further action is needed.'

export interface InboundOutcome {
  /** The message the reply answers (null: nobody we wrote to). */
  readonly messageId: number | null
  readonly reading: InboundReading
  /** The channel was revoked by this reply (not already before). */
  readonly revoked: boolean
  /** Text of the one confirmation to send back, when this reply newly revoked the channel. */
  readonly confirmation: string | null
  readonly duplicate: boolean
}

/**
 * Attaches a reply to the timeline of every account of the message it answers, acts on a clear
 * opt-out (the channel is revoked on that contact point, one confirmation allowed) and flags anything
 * that may be a dispute, a cease request, an attorney, a promise, hardship or a complaint for a
 * collector, with the phrase that triggered it. Nothing else acts on the text.
 */
export async function recordInboundReply(
  store: Store,
  reply: InboundReply,
  actor = 'system:inbound',
): Promise<InboundOutcome> {
  const at = reply.at ?? new Date().toISOString()
  const reading = classifyInbound(reply.text)
  const message: MessageRef | null = reply.token
    ? await messageByToken(store.db, reply.token)
    : await latestMessageTo(store.db, reply.channel, reply.from)
  if (!message) return { messageId: null, reading, revoked: false, confirmation: null, duplicate: false }
  return store.db.transaction().execute(async (trx) => {
    const accounts = message.accountIds.length > 0 ? message.accountIds : [null]
    const event = (
      kind: 'inbound' | 'opt_out' | 'flag' | 'confirmation',
      detail: string,
      text: string | null,
      suffix: string,
    ) =>
      Promise.all(
        accounts.map((accountId, i) =>
          insertMessageEvent(trx, {
            tenantId: message.tenant_id,
            messageId: message.id,
            accountId,
            debtorId: message.debtor_id,
            channel: reply.channel,
            kind,
            detail,
            text,
            externalId: reply.externalId ? `${reply.externalId}#${suffix}#${i}` : null,
            occurredAt: at,
          }),
        ),
      )
    const first = await event('inbound', reply.from, reply.text, 'reply')
    if (first.every((id) => id === null))
      return { messageId: message.id, reading, revoked: false, confirmation: null, duplicate: true }
    let revoked = false
    if (reading.optOut && message.contact_point_id !== null) {
      revoked = await revokeChannel(trx, {
        tenantId: message.tenant_id,
        debtorId: message.debtor_id,
        contactPointId: message.contact_point_id,
        channel: message.channel,
        phrase: reading.optOut.phrase,
        atIso: at,
      })
      await event(
        'opt_out',
        revoked ? 'channel revoked' : 'already revoked',
        reading.optOut.phrase,
        'opt-out',
      )
      if (revoked)
        await appendJournalEvent(trx, {
          tenantId: message.tenant_id,
          type: 'contact_point.opted_out',
          actor,
          subject: `contact_point:${message.contact_point_id}`,
          payload: { channel: message.channel, message: message.id, phrase: reading.optOut.phrase },
        })
    }
    for (const flag of reading.flags) await event('flag', flag.flag, flag.phrase, `flag-${flag.flag}`)
    const confirmation = revoked && reply.channel === 'sms' ? SMS_OPT_OUT_CONFIRMATION : null
    if (confirmation) await event('confirmation', 'opt-out confirmation', confirmation, 'confirmation')
    return { messageId: message.id, reading, revoked, confirmation, duplicate: false }
  })
}
