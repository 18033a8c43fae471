import type { Store } from '../../store/connect.ts'
import { messageRecipientByToken } from '../../store/outreach/inbound.repository.ts'
import { recordInboundReply } from './record-inbound-reply.ts'

/** Tokens are the hex reply tokens of messages; anything else is not looked up. */
const TOKEN = /^[0-9a-f]{8,64}$/

/** An address shown with most of it hidden: "d•••@e•••.test", "+1•••89". */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@')
  if (at < 0) return address.length <= 4 ? '•••' : `${address.slice(0, 2)}•••${address.slice(-2)}`
  const local = address.slice(0, at)
  const domain = address.slice(at + 1)
  const dot = domain.lastIndexOf('.')
  const tld = dot < 0 ? '' : domain.slice(dot)
  return `${local.slice(0, 1)}•••@${domain.slice(0, 1)}•••${tld}`
}

/** The masked address the opt-out link of this token is for, or null for an unknown token. */
export async function unsubscribeLinkTarget(store: Store, token: string): Promise<string | null> {
  const normal = token.toLowerCase()
  if (!TOKEN.test(normal)) return null
  const message = await messageRecipientByToken(store.db, normal)
  return message ? maskAddress(message.recipient) : null
}

/**
 * The opt-out link (`/unsubscribe/TOKEN`, RFC 8058 one-click): recorded exactly as a mail to the
 * `unsubscribe+TOKEN` address is (recordInboundReply with the text "unsubscribe": the channel revoked on
 * that contact point, the opt-out on every account's timeline, the journal event), once however often
 * the link is used. False for an unknown token.
 */
export async function unsubscribeByLink(store: Store, token: string, at?: string): Promise<boolean> {
  const normal = token.toLowerCase()
  if (!TOKEN.test(normal)) return false
  const message = await messageRecipientByToken(store.db, normal)
  if (!message) return false
  const outcome = await recordInboundReply(
    store,
    {
      channel: message.channel === 'sms' ? 'sms' : 'email',
      from: message.recipient,
      text: 'unsubscribe',
      token: normal,
      externalId: `unsubscribe-link:${normal}`,
      ...(at ? { at } : {}),
    },
    'system:unsubscribe-link',
  )
  return outcome.messageId !== null
}
