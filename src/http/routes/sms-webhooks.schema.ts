import { errorResponseSchema } from '../error.schema.ts'

/** Form fields a Twilio-compatible provider posts (only those read here are named). */
const form = {
  type: 'object',
  additionalProperties: { type: 'string' },
  properties: {
    MessageSid: { type: 'string' },
    SmsSid: { type: 'string' },
    MessageStatus: { type: 'string' },
    ErrorCode: { type: 'string' },
    From: { type: 'string' },
    To: { type: 'string' },
    Body: { type: 'string' },
  },
} as const

/** POST /api/v1/webhooks/sms/status: a delivery receipt. */
export const smsStatusSchema = {
  summary: 'SMS delivery receipt (Twilio-compatible status callback)',
  description:
    'Form-encoded callback signed with X-Twilio-Signature (HMAC-SHA1 of the URL and sorted parameters, ' +
    'keyed with the auth token); an unsigned or wrongly signed callback is refused with 403.',
  tags: ['outreach'],
  body: form,
  response: {
    200: { type: 'object', additionalProperties: true },
    400: errorResponseSchema,
    403: errorResponseSchema,
  },
} as const

/** POST /api/v1/webhooks/sms/inbound: a text from a debtor. */
export const smsInboundSchema = {
  summary: 'Inbound SMS (Twilio-compatible messaging webhook)',
  description:
    'A reply from a debtor: attached to the accounts of the last message sent to that number; STOP, ' +
    'UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE and plain requests revoke SMS (one confirmation is sent); ' +
    'possible disputes, cease requests, attorneys, promises, hardship and complaints are flagged for a ' +
    'collector. Signed like the status callback.',
  tags: ['outreach'],
  body: form,
  response: {
    200: { type: 'object', additionalProperties: true },
    400: errorResponseSchema,
    403: errorResponseSchema,
  },
} as const

export interface SmsWebhookRequest {
  Body: Record<string, string>
}
