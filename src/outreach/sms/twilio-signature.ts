import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The Twilio request signature (`X-Twilio-Signature`): base64 HMAC-SHA1, keyed with the auth token,
 * over the full callback URL followed by every POST parameter name and value, sorted by name.
 */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + (params[key] ?? ''), url)
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64')
}

/** Whether `signature` is the one the provider computes for this callback (constant-time compare). */
export function validTwilioSignature(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
  signature: string | undefined,
): boolean {
  if (!signature) return false
  const expected = Buffer.from(twilioSignature(authToken, url, params))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
