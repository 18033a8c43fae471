import type { FastifyInstance, FastifyReply } from 'fastify'
import { unsubscribeByLink, unsubscribeLinkTarget } from '../../app/outreach/unsubscribe-by-link.ts'
import { escapeHtml } from '../../core/documents/format-values.ts'
import type { Store } from '../../store/connect.ts'

/** No scripts, no styles, no frames; the form posts to this page only. */
const CSP = "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
        `</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    )
}

/** The one answer to an unknown or forged token, the same for GET and POST. */
const notFound = (reply: FastifyReply) =>
  page(reply, 404, 'Link not found', '<p>This unsubscribe link is not valid.</p>')

type UnsubscribeRequest = { Params: { token: string }; Body: Record<string, string> | undefined }

const params = {
  type: 'object',
  properties: { token: { type: 'string', maxLength: 128 } },
  required: ['token'],
  additionalProperties: false,
} as const

/**
 * The public opt-out page of every email (`List-Unsubscribe`): GET shows a confirmation with the
 * masked address and a button; POST (the button, or a mail client's RFC 8058 one-click
 * `List-Unsubscribe=One-Click`) records the opt-out as the mailto does. Not an API: hidden from the
 * OpenAPI document.
 */
export function registerUnsubscribeRoutes(app: FastifyInstance, deps: { store: Store }): void {
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    )
    scope.get<UnsubscribeRequest>(
      '/unsubscribe/:token',
      { schema: { hide: true, params }, config: { public: true } },
      async (request, reply) => {
        const masked = await unsubscribeLinkTarget(deps.store, request.params.token)
        if (masked === null) return notFound(reply)
        return page(
          reply,
          200,
          'Unsubscribe',
          `<p>Stop emails about your account to ${escapeHtml(masked)}?</p>` +
            '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">' +
            '<button type="submit">Unsubscribe</button></form>',
        )
      },
    )
    scope.post<UnsubscribeRequest>(
      '/unsubscribe/:token',
      { schema: { hide: true, params }, config: { public: true } },
      async (request, reply) => {
        const done = await unsubscribeByLink(deps.store, request.params.token)
        if (!done) return notFound(reply)
        return page(
          reply,
          200,
          'You are unsubscribed',
          '<p>You will receive no more emails from us about this account. No further action is needed.</p>',
        )
      },
    )
  })
}
