import { mkdirSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { SMTPServer, type SMTPServerAddress } from 'smtp-server'

/** One mail the sink received. */
export interface SunkMail {
  readonly receivedAt: string
  readonly from: string
  readonly to: readonly string[]
  /** The Message-ID header as sent (null when the mail had none). */
  readonly messageId: string | null
  readonly raw: Buffer
  /** Where it was written, when the sink keeps a folder. */
  readonly file: string | null
}

export interface MailSinkOptions {
  /** Folder to keep each mail in as an `.eml` file (none: memory only). */
  readonly dir?: string
  /** Answers an SMTP error for a recipient (tests: `{ code: 550, message: 'no such user' }`), or null. */
  readonly rejectRecipient?: (address: string) => { code: number; message: string } | null
  /** Keep received mail in `received` (default true; the long-running development sink turns it off). */
  readonly keepInMemory?: boolean
  /** Called with each mail once stored (the development server reads replies to Recoup from it). */
  readonly onMail?: (mail: SunkMail) => void
}

/**
 * The development mail sink: a real SMTP server on loopback that accepts every message and keeps it
 * (as `.eml` files in a folder, and in memory for tests), so `npm start` shows real mail arriving
 * without a mail provider. It never relays anything anywhere.
 */
export class MailSink {
  readonly received: SunkMail[] = []
  private readonly server: SMTPServer
  private seq = 0

  constructor(private readonly options: MailSinkOptions = {}) {
    if (options.dir) mkdirSync(options.dir, { recursive: true })
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 25 * 1024 * 1024,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        const refusal = options.rejectRecipient?.(address.address)
        if (!refusal) return callback()
        const error = new Error(refusal.message) as Error & { responseCode: number }
        error.responseCode = refusal.code
        callback(error)
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          try {
            this.store(Buffer.concat(chunks), session.envelope)
            callback()
          } catch (error) {
            callback(error as Error)
          }
        })
      },
    })
    this.server.on('error', () => {})
  }

  /** Listens on loopback (`port` 0 picks a free one); resolves to the port. */
  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error)
      this.server.server.once('error', onError)
      this.server.listen(port, host, () => {
        this.server.server.off('error', onError)
        resolve()
      })
    })
    return (this.server.server.address() as AddressInfo).port
  }

  /** Stops accepting and closes the connections. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private store(
    raw: Buffer,
    envelope: { mailFrom: SMTPServerAddress | false; rcptTo: SMTPServerAddress[] },
  ): void {
    const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('utf8')
    const headerEnd = head.search(/\r?\n\r?\n/)
    const headers = headerEnd >= 0 ? head.slice(0, headerEnd) : head
    const messageId = /^message-id:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? null
    const receivedAt = new Date().toISOString()
    let file: string | null = null
    if (this.options.dir) {
      file = join(
        this.options.dir,
        `${receivedAt.replace(/[:.]/g, '-')}-${String(++this.seq).padStart(6, '0')}.eml`,
      )
      writeFileSync(file, raw)
    }
    const mail: SunkMail = {
      receivedAt,
      from: envelope.mailFrom ? envelope.mailFrom.address : '',
      to: envelope.rcptTo.map((r) => r.address),
      messageId,
      raw,
      file,
    }
    if (this.options.keepInMemory !== false) this.received.push(mail)
    this.options.onMail?.(mail)
  }
}
