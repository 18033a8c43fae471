import type { FastifyRequest } from 'fastify'

/**
 * The server's pino logger: JSON lines at info. Requests are logged by method and path only: query
 * strings and headers can carry personal data or credentials (a debtor's e-mail in a search, a bearer
 * token), and client IP addresses are personal data too. The `req` and `res` serializers build new
 * objects of those fields alone, and pino serializes before it redacts, so no header of a request or
 * an answer can reach a line through them; redaction paths under `req` or `res` would find nothing
 * and cost a selective clone of both on every request line. The redaction paths catch headers should
 * a log call include them explicitly, and database error details, which quote row values.
 */
export function loggerOptions(level = 'info') {
  return {
    level,
    redact: {
      paths: [
        'headers.authorization',
        'headers.cookie',
        'headers["set-cookie"]',
        // A database error's detail repeats the offending values ("Key (email)=(...) already exists").
        'err.detail',
        'err.parameters',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, url: loggedPath(request.url) }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  }
}

/**
 * The path as logged: no query string, and no portal link token (a `/pay/<token>` link is half of what
 * opens a debtor's account: it stays out of the logs like a password).
 */
export function loggedPath(url: string): string {
  const query = url.indexOf('?')
  const path = query === -1 ? url : url.slice(0, query)
  return path.startsWith('/pay/') ? path.replace(/^\/pay\/[^/]+/, '/pay/[token]') : path
}
