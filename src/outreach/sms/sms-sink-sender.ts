import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MessageSender, OutboundMessage, SendOutcome } from '../../core/channels/message-sender.ts'

/**
 * The development SMS "provider": each text is written as one JSON file in a folder, named by its
 * idempotency key, so a repeated key (even after a crash) is recognised and never written twice.
 * Nothing leaves the machine.
 */
export class SmsSinkSender implements MessageSender {
  readonly channel = 'sms' as const
  readonly provider = 'sms-sink'

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true })
  }

  /** Keeps one text (see the MessageSender contract). */
  async send(message: OutboundMessage): Promise<SendOutcome> {
    const sid = `SM${createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32)}`
    const file = join(this.dir, `${sid}.json`)
    const record = {
      sid,
      to: message.to,
      body: message.body,
      tenant: message.tenant,
      receivedAt: new Date().toISOString(),
    }
    try {
      writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`, { flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        return { status: 'transient', reason: String(error) }
      JSON.parse(readFileSync(file, 'utf8'))
    }
    return { status: 'accepted', providerMessageId: sid }
  }
}
