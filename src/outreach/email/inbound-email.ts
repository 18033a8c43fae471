import { simpleParser } from 'mailparser'
import { type InboundOutcome, recordInboundReply } from '../../app/outreach/record-inbound-reply.ts'
import type { Store } from '../../store/connect.ts'

/** The token of a reply or one-click unsubscribe address of `domain`, and which it is. */
export function replyAddressToken(
  address: string,
  domain: string,
): { token: string; unsubscribe: boolean } | null {
  const match = /^(reply|unsubscribe)\+([0-9a-f]{8,64})@(.+)$/i.exec(address.trim())
  if (!match || match[3]?.toLowerCase() !== domain.toLowerCase()) return null
  return { token: (match[2] as string).toLowerCase(), unsubscribe: match[1]?.toLowerCase() === 'unsubscribe' }
}

/**
 * Records an email sent to one of Recoup's reply addresses: the text part without the quoted original
 * is read like an SMS reply; a mail to the `unsubscribe+TOKEN` address (the List-Unsubscribe mailto)
 * is an opt-out whatever it says. Mail to any other address is ignored (null).
 */
export async function recordInboundEmail(
  store: Store,
  raw: Buffer,
  recipients: readonly string[],
  domain: string,
): Promise<InboundOutcome | null> {
  const target = recipients.map((r) => replyAddressToken(r, domain)).find((t) => t !== null)
  if (!target) return null
  const parsed = await simpleParser(raw)
  const body = (parsed.text ?? '')
    .split(/\r?\n/)
    .filter((line) => !line.startsWith('>'))
    .join('\n')
    .split(/\r?\nOn .+wrote:\r?\n/)[0]
    ?.trim()
  const from = parsed.from?.value[0]?.address ?? ''
  return recordInboundReply(store, {
    channel: 'email',
    from,
    text: target.unsubscribe ? 'unsubscribe' : (body ?? ''),
    token: target.token,
    ...(parsed.messageId ? { externalId: parsed.messageId } : {}),
    ...(parsed.date ? { at: parsed.date.toISOString() } : {}),
  })
}
