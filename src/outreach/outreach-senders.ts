import { join } from 'node:path'
import type { OutreachConfig } from '../config/outreach-config.ts'
import type { MessageSender } from '../core/channels/message-sender.ts'
import { SmtpEmailSender } from './email/smtp-email-sender.ts'
import { PrintBatchSender } from './letters/print-batch-sender.ts'
import { SmsSinkSender } from './sms/sms-sink-sender.ts'
import { TwilioSmsSender } from './sms/twilio-sms-sender.ts'

/** The configured provider of each channel, and a way to close their connections. */
export function configuredSenders(config: OutreachConfig): {
  senders: { email: MessageSender; sms: MessageSender; letter?: MessageSender }
  close(): void
} {
  const email = new SmtpEmailSender({ url: config.smtpUrl, from: config.mailFrom })
  const sms = config.sms
    ? new TwilioSmsSender({
        baseUrl: config.sms.url,
        accountSid: config.sms.accountSid,
        authToken: config.sms.authToken,
        from: config.sms.from,
        statusCallbackUrl: `${config.publicUrl.replace(/\/$/, '')}/api/v1/webhooks/sms/status`,
      })
    : new SmsSinkSender(join(config.sinkDir, 'sms'))
  // Letters are printed into mailing batches under the sink folder (docs/outreach.md, "Letters").
  // RECOUP_LETTERS=off: no letter sender, so letter rows stay in the outbox.
  const letter = config.letters ? new PrintBatchSender(join(config.sinkDir, 'letters')) : undefined
  return { senders: { email, sms, ...(letter ? { letter } : {}) }, close: () => email.close() }
}
