import { createHash } from 'node:crypto'
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer'
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js'
import type { MessageSender, OutboundMessage, SendOutcome } from '../../core/channels/message-sender.ts'

export interface SmtpSenderOptions {
  /** `smtp://user:pass@host:port` (or `smtps://`): the relay or the local mail sink. */
  readonly url: string
  /** The From header, e.g. `Acme Collections <collections@acme.example>`. */
  readonly from: string
  /** Simultaneous SMTP connections in the pool (default 4). */
  readonly maxConnections?: number
}

/** The Message-ID a key gets: the same key always gives the same id, so a resend is recognisably the same mail. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'recoup.localhost'
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`
}

/** The nodemailer message for one outbound email (shared with the benchmark's raw sends). */
export function mailOptions(message: OutboundMessage, from: string): SendMailOptions {
  const headers: Record<string, string> = {}
  if (message.unsubscribe) {
    const targets = [`<${message.unsubscribe.url}>`]
    if (message.unsubscribe.mailto) targets.push(`<mailto:${message.unsubscribe.mailto}>`)
    headers['List-Unsubscribe'] = targets.join(', ')
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click'
  }
  return {
    from,
    to: message.to,
    subject: message.subject ?? '',
    text: message.body,
    ...(message.html ? { html: message.html } : {}),
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    messageId: messageIdFor(message.idempotencyKey, from),
    headers,
    attachments: (message.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.bytes),
    })),
  }
}

interface SmtpError {
  code?: string
  responseCode?: number
  command?: string
  response?: string
  message?: string
}

/** SMTP reply codes that say the mailbox itself is refused (RFC 5321 / RFC 3463 5.1.x). */
const BAD_MAILBOX = new Set([550, 551, 553])

/** What an SMTP failure means: 5xx is final (a refused recipient marks it undeliverable), the rest transient. */
export function classifySmtpError(error: SmtpError): SendOutcome {
  const reason =
    `${error.responseCode ?? error.code ?? 'error'} ${error.response ?? error.message ?? ''}`.trim()
  if (error.responseCode !== undefined && error.responseCode >= 500) {
    const recipientInvalid = error.command === 'RCPT TO' && BAD_MAILBOX.has(error.responseCode)
    return { status: 'permanent', reason, recipientInvalid }
  }
  if (error.code === 'EENVELOPE' && error.responseCode === undefined)
    return { status: 'permanent', reason, recipientInvalid: true }
  return { status: 'transient', reason }
}

/**
 * Email over SMTP with nodemailer on a connection pool: text and HTML parts, attachments, the RFC 8058
 * one-click unsubscribe headers, a per-message Reply-To and a Message-ID derived from the idempotency
 * key. Outcomes are remembered per key in this process (a repeated key returns the first outcome and
 * sends nothing); across a crash the dispatcher's hand-off rule applies (docs/outreach.md).
 */
export class SmtpEmailSender implements MessageSender {
  readonly channel = 'email' as const
  readonly provider = 'smtp'
  readonly transporter: Transporter<SMTPPool.SentMessageInfo>
  private readonly outcomes = new Map<string, SendOutcome>()

  constructor(private readonly options: SmtpSenderOptions) {
    const url = new URL(options.url)
    this.transporter = nodemailer.createTransport({
      pool: true,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      maxConnections: options.maxConnections ?? 4,
      maxMessages: Number.POSITIVE_INFINITY,
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      // A local sink or test relay speaks plain SMTP on loopback; anything else must offer STARTTLS.
      ignoreTLS: ['127.0.0.1', 'localhost', '::1'].includes(url.hostname),
      connectionTimeout: 10_000,
      socketTimeout: 30_000,
    })
  }

  /** Sends one email (see the MessageSender contract). */
  async send(message: OutboundMessage): Promise<SendOutcome> {
    const known = this.outcomes.get(message.idempotencyKey)
    if (known) return known
    let outcome: SendOutcome
    try {
      const info = await this.transporter.sendMail(mailOptions(message, this.options.from))
      outcome = { status: 'accepted', providerMessageId: info.messageId }
    } catch (error) {
      outcome = classifySmtpError(error as SmtpError)
    }
    if (outcome.status !== 'transient') this.remember(message.idempotencyKey, outcome)
    return outcome
  }

  /** Closes the pool's connections. */
  close(): void {
    this.transporter.close()
  }

  private remember(key: string, outcome: SendOutcome): void {
    if (this.outcomes.size >= 10_000) {
      const oldest = this.outcomes.keys().next().value
      if (oldest !== undefined) this.outcomes.delete(oldest)
    }
    this.outcomes.set(key, outcome)
  }
}
