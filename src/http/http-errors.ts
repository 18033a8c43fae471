import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../core/errors/index.ts'

function validationDetails(error: FastifyError & { validation?: unknown[]; validationContext?: string }) {
  return (error.validation ?? []).map((issue) => {
    const { instancePath, message, params } = issue as {
      instancePath?: string
      message?: string
      params?: unknown
    }
    return { in: error.validationContext, field: instancePath?.replace(/^\//, '') || null, message, params }
  })
}

/**
 * Maps anything a route throws onto the wire format. Expected errors (AppError, schema validation,
 * Fastify's own 4xx such as a malformed body) keep their message; anything else is a bug: it is
 * logged with its stack and the client learns only that it happened, never the internals.
 */
export function replyWithError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.status(error.httpStatus).send(error.toJSON())
  }
  if ('validation' in error && error.validation) {
    const message = `invalid request: ${error.message}`
    return reply.status(400).send(new AppError('invalid_request', message, validationDetails(error)).toJSON())
  }
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) {
    return reply
      .status(status)
      .send(new AppError('bad_request', error.message, { fastifyCode: error.code }).toJSON())
  }
  request.log.error({ err: error }, 'unexpected error')
  return reply.status(500).send(new AppError('internal_error', 'internal server error').toJSON())
}

/** The 404 for a path no route serves, in the same wire format as every other error. */
export function replyNotFound(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0]
  return reply.status(404).send(new AppError('not_found', `no route ${request.method} ${path}`).toJSON())
}
