import type { Channel } from '../../../src/core/channels/channels.ts'
import type {
  MessageSender,
  OutboundMessage,
  SendOutcome,
} from '../../../src/core/channels/message-sender.ts'

/**
 * A test double of the message-sender port: accepts every message, remembers outcomes by idempotency
 * key, and can be told to fail the next sends to a given recipient transiently or permanently.
 */
export class InMemoryMessageSender implements MessageSender {
  readonly provider = 'in-memory'
  /** Messages actually delivered, in order (a replayed key is not delivered twice). */
  readonly delivered: OutboundMessage[] = []
  private readonly outcomes = new Map<string, SendOutcome>()
  private readonly failures = new Map<string, SendOutcome[]>()
  private next = 1

  constructor(readonly channel: Channel) {}

  /** The next sends to `to` answer these outcomes, in order, before it accepts again. */
  failNext(to: string, ...outcomes: SendOutcome[]): void {
    this.failures.set(to, [...(this.failures.get(to) ?? []), ...outcomes])
  }

  /** Sends one message (see the port's contract). */
  async send(message: OutboundMessage): Promise<SendOutcome> {
    const known = this.outcomes.get(message.idempotencyKey)
    if (known?.status === 'accepted' || known?.status === 'permanent') return known
    const failure = this.failures.get(message.to)?.shift()
    if (failure) {
      if (failure.status === 'permanent') this.outcomes.set(message.idempotencyKey, failure)
      return failure
    }
    const outcome: SendOutcome = { status: 'accepted', providerMessageId: `mem-${this.next++}` }
    this.outcomes.set(message.idempotencyKey, outcome)
    this.delivered.push(message)
    return outcome
  }
}
