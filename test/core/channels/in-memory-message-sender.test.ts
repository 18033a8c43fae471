import { CHANNEL_NAMES } from '../../../src/core/channels/channels.ts'
import { InMemoryMessageSender } from './in-memory-message-sender.ts'
import { defineMessageSenderContract } from './message-sender.contract.ts'

for (const channel of CHANNEL_NAMES) {
  defineMessageSenderContract(`in-memory ${channel}`, channel, () => {
    const sender = new InMemoryMessageSender(channel)
    return {
      sender,
      failTransientlyThenPermanently: (to) =>
        sender.failNext(
          to,
          { status: 'transient', reason: 'rate limited', retryAfterSeconds: 1 },
          { status: 'permanent', reason: 'invalid recipient' },
        ),
      deliveredTo: async (to) => sender.delivered.filter((m) => m.to === to).length,
    }
  })
}
