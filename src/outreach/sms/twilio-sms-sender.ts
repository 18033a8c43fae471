import type { MessageSender, OutboundMessage, SendOutcome } from '../../core/channels/message-sender.ts'

export interface TwilioSenderOptions {
  /** API base, e.g. `https://api.twilio.com` or a compatible provider's (or a local test server). */
  readonly baseUrl: string
  readonly accountSid: string
  readonly authToken: string
  /** The sending number (E.164) or messaging service id. */
  readonly from: string
  /** Where the provider posts delivery receipts (the receipts webhook), when reachable. */
  readonly statusCallbackUrl?: string
}

/** Provider error codes that mean the number itself cannot receive texts (invalid, landline, unsubscribed). */
const BAD_NUMBER_CODES = new Set([21211, 21214, 21217, 21407, 21408, 21610, 21612, 21614])

/**
 * SMS through a Twilio-compatible REST API: one form POST per message to
 * `/2010-04-01/Accounts/{sid}/Messages.json` with basic authentication. 201 is accepted (the
 * provider's `sid` is the message id), 429 and 5xx and network failures are transient, other 4xx are
 * permanent (an invalid or unsubscribed number marks the contact point undeliverable). The outcome is
 * remembered per idempotency key in this process; see docs/outreach.md for crashes.
 */
export class TwilioSmsSender implements MessageSender {
  readonly channel = 'sms' as const
  readonly provider = 'twilio'
  private readonly outcomes = new Map<string, SendOutcome>()

  constructor(private readonly options: TwilioSenderOptions) {}

  /** Sends one text (see the MessageSender contract). */
  async send(message: OutboundMessage): Promise<SendOutcome> {
    const known = this.outcomes.get(message.idempotencyKey)
    if (known) return known
    const outcome = await this.post(message)
    if (outcome.status !== 'transient') this.outcomes.set(message.idempotencyKey, outcome)
    return outcome
  }

  private async post(message: OutboundMessage): Promise<SendOutcome> {
    const { baseUrl, accountSid, authToken, from, statusCallbackUrl } = this.options
    const form = new URLSearchParams({ To: message.to, From: from, Body: message.body })
    if (statusCallbackUrl) form.set('StatusCallback', statusCallbackUrl)
    let response: Response
    try {
      response = await fetch(
        `${baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`,
        {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
            // Honoured by providers that deduplicate; harmless where ignored.
            'idempotency-key': message.idempotencyKey,
          },
          body: form,
          signal: AbortSignal.timeout(15_000),
        },
      )
    } catch (error) {
      return {
        status: 'transient',
        reason: `network: ${error instanceof Error ? error.message : String(error)}`,
      }
    }
    const body = (await response.json().catch(() => ({}))) as {
      sid?: string
      code?: number
      message?: string
    }
    if (response.status === 200 || response.status === 201) {
      if (typeof body.sid === 'string' && body.sid !== '')
        return { status: 'accepted', providerMessageId: body.sid }
      return { status: 'transient', reason: 'the provider accepted but returned no message sid' }
    }
    const reason =
      `${response.status}${body.code ? ` ${body.code}` : ''} ${body.message ?? response.statusText}`.trim()
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = Number(response.headers.get('retry-after'))
      return { status: 'transient', reason, ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) }
    }
    return {
      status: 'permanent',
      reason,
      recipientInvalid: body.code !== undefined && BAD_NUMBER_CODES.has(body.code),
    }
  }
}
