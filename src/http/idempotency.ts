import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorLabel } from '../app/actor.ts'
import { AppError } from '../core/errors/index.ts'
import type { Store } from '../store/connect.ts'
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
} from '../store/idempotency.repository.ts'
import { errorResponseSchema } from './error.schema.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set while a POST holds its Idempotency-Key, so onSend stores the answer under it. */
    idempotencyScope: { tenantId: number; actor: string; key: string } | null
  }
}

/** How long an answer is replayed; a key older than this starts afresh. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
/**
 * How long a claimed key may stay `pending`: no request runs this long, so a key still pending after
 * it belongs to a request whose process died (kill -9, a crash) and its retry runs again instead of
 * answering 409 for a day. Its transaction either committed or did not; the use cases' own references
 * (a payment's, a charge's) keep a re-run from booking twice, and the rare request that committed in
 * the instant before its process died is the one a retry may repeat.
 */
export const IDEMPOTENCY_LEASE_MS = 15 * 60 * 1000
const KEY = /^[\x21-\x7e]{1,255}$/

function requestHash(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? ''
  const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null)
  return createHash('sha256').update(`${request.method} ${path}\n${body}`).digest('hex')
}

/**
 * `Idempotency-Key` on every authenticated POST, without asking (a root hook, like authentication):
 * the first successful (2xx) answer to a key is stored for 24 hours and replayed to every retry with
 * `Idempotent-Replayed: true`, so a retried POST never creates twice. The same key with another
 * method, path or body is a 422 `idempotency_key_reused`; a retry while the first is still running is
 * a 409 `idempotency_in_progress` (for at most IDEMPOTENCY_LEASE_MS: then the first is taken as dead). A request that fails (4xx, 5xx) releases its key: it created
 * nothing, so the retry runs again. Keys are per caller (tenant and actor).
 */
export function registerIdempotency(app: FastifyInstance, store: Store): void {
  app.decorateRequest('idempotencyScope', null)
  // Every authenticated POST documents the header in the OpenAPI document.
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method)
    if (!methods.includes('POST')) return
    // The hooks go on POST routes only, so a GET pays nothing for them.
    route.preHandler = [...asArray(route.preHandler), claimKey]
    route.onSend = [...asArray(route.onSend), storeAnswer]
    if (route.config?.public === true || route.schema?.hide) return
    route.schema ??= {}
    const schema = route.schema as Record<string, unknown>
    const headers = (schema.headers ?? { type: 'object', properties: {} }) as {
      properties?: Record<string, unknown>
    }
    schema.headers = {
      ...headers,
      properties: {
        ...(headers.properties ?? {}),
        'idempotency-key': {
          type: 'string',
          description:
            'optional: a retry with the same key and body gets the first 2xx answer (24 h) and creates nothing twice',
        },
      },
    }
    // Its refusals: a malformed key (400), a key reused with another body (422), still running (409).
    const response = { ...((schema.response ?? {}) as Record<string, unknown>) }
    for (const status of ['400', '409', '422'])
      if (response[status] === undefined && response[Number(status)] === undefined)
        response[status] = errorResponseSchema
    schema.response = response
  })
  async function claimKey(request: FastifyRequest, reply: FastifyReply) {
    if (request.method !== 'POST') return
    const header = request.headers['idempotency-key']
    if (header === undefined || !request.appContext) return
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw new AppError(
        'invalid_idempotency_key',
        'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good one)',
      )
    }
    const { actor } = request.appContext
    const scope = { tenantId: actor.tenant.id, actor: actorLabel(actor), key: header }
    const hash = requestHash(request)
    for (let attempt = 0; attempt < 2; attempt++) {
      const found = await findIdempotencyKey(store.db, scope)
      const age = found ? Date.now() - new Date(found.created_at).getTime() : 0
      if (found && (age > IDEMPOTENCY_TTL_MS || (found.status === 'pending' && age > IDEMPOTENCY_LEASE_MS))) {
        await releaseIdempotencyKey(store.db, scope)
        continue
      }
      if (found) {
        if (found.request_hash !== hash) {
          throw new AppError(
            'idempotency_key_reused',
            'this Idempotency-Key was used for another request (method, path or body); use a new key',
          )
        }
        if (found.status === 'pending') {
          throw new AppError(
            'idempotency_in_progress',
            'a request with this Idempotency-Key is still running',
          )
        }
        return reply
          .status(found.response_status ?? 200)
          .header('idempotent-replayed', 'true')
          .type('application/json; charset=utf-8')
          .send(found.response_body)
      }
      if (await claimIdempotencyKey(store.db, { ...scope, requestHash: hash })) {
        request.idempotencyScope = scope
        return
      }
    }
    throw new AppError('idempotency_in_progress', 'a request with this Idempotency-Key is still running')
  }
  async function storeAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const scope = request.idempotencyScope
    if (!scope) return payload
    request.idempotencyScope = null
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      await completeIdempotencyKey(store.db, scope, { status: reply.statusCode, body: payload })
    } else {
      await releaseIdempotencyKey(store.db, scope)
    }
    return payload
  }
}

function asArray<T>(value: T | readonly T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? [...value] : [value as T]
}
