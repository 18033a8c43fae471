import { maxHeaderSize } from 'node:http'
import type { Socket } from 'node:net'
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

/**
 * Errors Node's HTTP parser raises before there is a request (headers over the size limit, a
 * malformed request line), answered on the raw socket in the same wire format: 431
 * `headers_too_large` or 400 `bad_request`.
 */
export function replyClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return void socket.destroy()
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
  const failure = tooLarge
    ? new AppError(
        'headers_too_large',
        `the request headers are larger than the server accepts (${maxHeaderSize} bytes)`,
      )
    : new AppError('bad_request', 'the request could not be parsed as HTTP')
  const body = JSON.stringify(failure.toJSON())
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
