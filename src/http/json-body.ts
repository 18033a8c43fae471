import type { FastifyInstance } from 'fastify'
import { AppError } from '../core/errors/index.ts'

/**
 * Parses a JSON body, refusing keys that could reach an object's prototype (`__proto__`, or
 * `constructor` holding `prototype`) with a message that says so: the JSON is valid, it is refused on
 * purpose. A malformed body is `bad_request` with the parser's own account of where it breaks.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new AppError('bad_request', 'the JSON body is empty')
  let poisoned: string | null = null
  let parsed: unknown
  try {
    parsed = JSON.parse(text, (key, value) => {
      if (key === '__proto__') poisoned = '__proto__'
      else if (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value)
        poisoned = 'constructor.prototype'
      return value
    })
  } catch (error) {
    throw new AppError('bad_request', `the body is not valid JSON: ${(error as Error).message}`)
  }
  if (poisoned !== null)
    throw new AppError(
      'bad_request',
      `the body has a "${poisoned}" key, which is refused (prototype pollution)`,
    )
  return parsed
}

/** Installs parseJsonBody as the server's JSON parser (the only body type the API takes). */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string))
    } catch (error) {
      done(error as Error, undefined)
    }
  })
}
