import type { FastifyRequest } from 'fastify'

/**
 * The server's pino logger: JSON lines at info. Requests are logged by method and path only: query
 * strings and headers can carry personal data or credentials (a debtor's e-mail in a search, a bearer
 * token), and client IP addresses are personal data too. The redaction paths catch headers should any
 * log call include them explicitly, and database error details, which quote row values.
 */
export function loggerOptions(level = 'info') {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'res.headers["set-cookie"]',
        // A database error's detail repeats the offending values ("Key (email)=(...) already exists").
        'err.detail',
        'err.parameters',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, url: loggedPath(request.url) }),
    },
  }
}

/**
 * The path as logged: no query string, and no portal link token (a `/pay/<token>` link is half of what
 * opens a debtor's account: it stays out of the logs like a password).
 */
export function loggedPath(url: string): string {
  const path = url.split('?')[0] ?? ''
  return path.replace(/^\/pay\/[^/]+/, '/pay/[token]')
}
