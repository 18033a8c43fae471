import type { DocumentModel, PaperSize } from '../documents/document-model.ts'
import type { Channel } from './channels.ts'

/**
 * The port the outreach adapters implement, one per provider and channel (an SMTP or SES e-mail sender,
 * a Twilio SMS sender, a print-and-mail letter sender, a dialer for calls). The engine and the outbox
 * dispatcher only ever see this interface; which provider sits behind a channel is configuration.
 *
 * Contract (test/core/channels/message-sender.contract.ts runs it against every implementation):
 * - `send` is idempotent on `idempotencyKey` (the outbox row's key): sending the same key again
 *   returns the first outcome and never delivers twice, even after a crash between the provider's
 *   acceptance and our commit.
 * - `accepted` means the provider took the message; delivery receipts arrive later, out of band.
 * - `transient` failures (timeouts, rate limits, 5xx) may be retried with the same key, no sooner
 *   than `retryAfterSeconds` when given.
 * - `permanent` failures (invalid number, bounced address, content refused) must not be retried; the
 *   outbox marks the action failed with the reason.
 * - `send` never throws for a provider's answer: only a defect in the adapter itself throws.
 */
export interface MessageSender {
  /** The channel this sender delivers on. */
  readonly channel: Channel
  /** The provider's name, recorded with every outcome ("ses", "twilio", "in-memory"). */
  readonly provider: string
  /** Hands one message to the provider; see the contract above. */
  send(message: OutboundMessage): Promise<SendOutcome>
  /**
   * Called after a dispatcher pass that handed it messages: a batching provider (the print-and-mail
   * letter sender) completes its batch files here. Idempotent; absent when there is nothing to do.
   */
  flush?(): Promise<void>
}

/** One message, fully rendered: the sender does no templating and reads nothing else. */
export interface OutboundMessage {
  /** Stable per outbox action: the provider-side deduplication key. */
  readonly idempotencyKey: string
  readonly channel: Channel
  /** E.164 number, e-mail address, or the postal address as printed lines. */
  readonly to: string
  /** E-mail subject or letter heading; absent for SMS and calls. */
  readonly subject?: string
  /** The rendered text (for a call: the script or the recorded message reference). */
  readonly body: string
  /** E-mail only: the HTML part (the text part is `body`). */
  readonly html?: string
  /** E-mail only: files attached (statements, notices). */
  readonly attachments?: readonly MessageAttachment[]
  /** E-mail only: where replies go (a per-message address, so a reply finds its accounts). */
  readonly replyTo?: string
  /** E-mail only: the one-click opt-out (RFC 8058 `List-Unsubscribe` and `List-Unsubscribe-Post`). */
  readonly unsubscribe?: { readonly url: string; readonly mailto?: string }
  /** Letters only: the document as laid out, for a provider that prints several into one batch. */
  readonly letter?: {
    readonly kind: string
    readonly paper: PaperSize
    readonly mailingDate: string
    readonly model: DocumentModel
  }
  /** The tenant and account it is for, by external ids (for the provider's metadata and logs). */
  readonly tenant: string
  readonly account: string
}

/** A file attached to a message. */
export interface MessageAttachment {
  readonly filename: string
  readonly contentType: string
  readonly bytes: Uint8Array
}

/** What the provider answered. */
export type SendOutcome =
  | {
      readonly status: 'accepted'
      readonly providerMessageId: string
      /** Letters: the day it went into the mail (a repeated hand-off answers the first one's day). */
      readonly mailedOn?: string
    }
  | { readonly status: 'transient'; readonly reason: string; readonly retryAfterSeconds?: number }
  | {
      readonly status: 'permanent'
      readonly reason: string
      /** The address or number itself is refused (hard bounce, invalid number): it is marked undeliverable. */
      readonly recipientInvalid?: boolean
    }
