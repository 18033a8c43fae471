import { describe, expect, it } from 'vitest'
import type { Channel } from '../../../src/core/channels/channels.ts'
import type { MessageSender, OutboundMessage } from '../../../src/core/channels/message-sender.ts'

/** A sender under test, plus the hooks the contract needs to provoke failures and count deliveries. */
export interface SenderUnderTest {
  sender: MessageSender
  /** Makes the next send to `to` fail transiently, then permanently (when the provider can simulate it). */
  failTransientlyThenPermanently(to: string): void
  /** How many messages reached the recipient `to`. */
  deliveredTo(to: string): Promise<number>
  /** The provider's form of a test recipient name (an address for email, a number for SMS); default as is. */
  recipient?(name: string): string
}

const message = (channel: Channel, key: string, to: string): OutboundMessage => ({
  idempotencyKey: key,
  channel,
  to,
  body: 'Your balance of 120.00 USD is due.',
  tenant: 'acme',
  account: 'ACC-1',
})

/**
 * The contract every MessageSender adapter meets (the outreach issue runs it against each provider
 * adapter in a sandbox): idempotent on the key, the three outcomes, permanent failures are final.
 */
export function defineMessageSenderContract(
  name: string,
  channel: Channel,
  make: () => SenderUnderTest,
): void {
  describe(`MessageSender contract: ${name}`, () => {
    it('accepts a message with a provider message id and delivers it once per idempotency key', async () => {
      const { sender, deliveredTo, recipient = (n: string) => n } = make()
      expect(sender.channel).toBe(channel)
      const first = await sender.send(message(channel, 'k-1', recipient('to-a')))
      expect(first.status).toBe('accepted')
      if (first.status === 'accepted') expect(first.providerMessageId).toMatch(/\S/)
      expect(await sender.send(message(channel, 'k-1', recipient('to-a')))).toEqual(first)
      expect(await deliveredTo(recipient('to-a'))).toBe(1)
      const other = await sender.send(message(channel, 'k-2', recipient('to-a')))
      expect(other.status === 'accepted' && other.providerMessageId).not.toBe(
        first.status === 'accepted' && first.providerMessageId,
      )
    })

    it('a transient failure may be retried with the same key; a permanent one is final', async () => {
      const { sender, failTransientlyThenPermanently, deliveredTo, recipient = (n: string) => n } = make()
      failTransientlyThenPermanently(recipient('to-b'))
      expect((await sender.send(message(channel, 'k-3', recipient('to-b')))).status).toBe('transient')
      const permanent = await sender.send(message(channel, 'k-3', recipient('to-b')))
      expect(permanent.status).toBe('permanent')
      expect(await sender.send(message(channel, 'k-3', recipient('to-b')))).toEqual(permanent)
      expect(await deliveredTo(recipient('to-b'))).toBe(0)
    })
  })
}
