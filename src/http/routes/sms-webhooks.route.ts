import type { FastifyInstance, FastifyRequest } from 'fastify'
import { recordDeliveryReceipt } from '../../app/outreach/record-delivery-receipt.ts'
import { recordInboundReply } from '../../app/outreach/record-inbound-reply.ts'
import { AppError } from '../../core/errors/index.ts'
import { validTwilioSignature } from '../../outreach/sms/twilio-signature.ts'
import type { Store } from '../../store/connect.ts'
import { type SmsWebhookRequest, smsInboundSchema, smsStatusSchema } from './sms-webhooks.schema.ts'

/** What the SMS callbacks need: the provider's auth token, the public base URL it calls, and a sender for confirmations. */
export interface SmsWebhookDeps {
  readonly store: Store
  readonly authToken: string
  /** The base URL the provider was given (signatures cover the full URL as the provider called it). */
  readonly publicUrl: string
  /** Sends the one opt-out confirmation text. */
  readonly confirm?: (to: string, text: string) => Promise<void>
}

/** Error codes (Twilio 30003-30006 and invalid-number codes) after which the number is not tried again. */
const BAD_NUMBER_ERRORS = new Set(['30003', '30005', '30006', '21211', '21610', '21614'])

function checkSignature(deps: SmsWebhookDeps, request: FastifyRequest<SmsWebhookRequest>): void {
  const url = `${deps.publicUrl.replace(/\/$/, '')}${request.url}`
  const signature = request.headers['x-twilio-signature']
  if (
    !validTwilioSignature(
      deps.authToken,
      url,
      request.body,
      typeof signature === 'string' ? signature : undefined,
    )
  )
    throw new AppError('invalid_webhook_signature', 'X-Twilio-Signature does not match this callback')
}

/**
 * Registers the SMS provider callbacks: POST /api/v1/webhooks/sms/status (delivery receipts) and
 * POST /api/v1/webhooks/sms/inbound (replies). They authenticate by the provider's signature, not by
 * the API's authentication, and read form-encoded bodies in their own scope.
 */
export function registerSmsWebhookRoutes(app: FastifyInstance, deps: SmsWebhookDeps): void {
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    )
    scope.post<SmsWebhookRequest>(
      '/api/v1/webhooks/sms/status',
      { schema: smsStatusSchema, config: { public: true } },
      async (request) => {
        checkSignature(deps, request)
        const sid = request.body.MessageSid ?? request.body.SmsSid ?? ''
        const status = request.body.MessageStatus ?? ''
        const error = request.body.ErrorCode
        const result = await recordDeliveryReceipt(deps.store, {
          providerMessageId: sid,
          status,
          recipientInvalid: error !== undefined && BAD_NUMBER_ERRORS.has(error),
          ...(error ? { detail: `error ${error}` } : {}),
          externalId: `${sid}:${status}`,
        })
        return { ok: true, message: result.messageId, duplicate: result.duplicate }
      },
    )
    scope.post<SmsWebhookRequest>(
      '/api/v1/webhooks/sms/inbound',
      { schema: smsInboundSchema, config: { public: true } },
      async (request) => {
        checkSignature(deps, request)
        const from = request.body.From ?? ''
        const outcome = await recordInboundReply(deps.store, {
          channel: 'sms',
          from,
          text: request.body.Body ?? '',
          ...(request.body.MessageSid ? { externalId: request.body.MessageSid } : {}),
        })
        if (outcome.confirmation && deps.confirm) await deps.confirm(from, outcome.confirmation)
        return {
          ok: true,
          message: outcome.messageId,
          revoked: outcome.revoked,
          flags: outcome.reading.flags,
          confirmationSent: outcome.confirmation !== null && deps.confirm !== undefined,
        }
      },
    )
  })
}
