import { maxHeaderSize } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, type ErrorCode, errorSpec } from '../core/errors/index.ts'

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

type Issue = { keyword?: string; instancePath?: string; params?: Record<string, unknown> }

/**
 * The catalogue code of a schema failure: an unknown field or parameter is `unknown_parameter`; a field
 * whose schema names an `x-error-code` (src/http/schema-fields.ts) reports under it, so the same bad
 * value has the same code over HTTP as on the CLI; anything else is `invalid_request`.
 */
function validationCode(
  request: FastifyRequest,
  error: FastifyError & { validation?: unknown[]; validationContext?: string },
): ErrorCode {
  const issue = (error.validation?.[0] ?? {}) as Issue
  if (issue.keyword === 'additionalProperties') return 'unknown_parameter'
  const field =
    issue.instancePath?.split('/')[1] ??
    (typeof issue.params?.missingProperty === 'string' ? issue.params.missingProperty : undefined)
  const context = error.validationContext ?? ''
  const part = ['body', 'params', 'querystring'].includes(context) ? context : undefined
  const schema = part
    ? (request.routeOptions.schema as Record<string, unknown> | undefined)?.[part]
    : undefined
  const properties = (schema as { properties?: Record<string, Record<string, unknown>> } | undefined)
    ?.properties
  const declared =
    field && properties && Object.hasOwn(properties, field) ? properties[field]?.['x-error-code'] : undefined
  return typeof declared === 'string' && issue.keyword !== 'required'
    ? (declared as ErrorCode)
    : 'invalid_request'
}

/** Fastify's own request errors with a catalogue code of their own. */
const FASTIFY_CODES: Readonly<Record<string, { code: ErrorCode; message: (error: FastifyError) => string }>> =
  {
    FST_ERR_CTP_BODY_TOO_LARGE: {
      code: 'payload_too_large',
      message: () => 'the request body is larger than the server accepts',
    },
    FST_ERR_CTP_INVALID_MEDIA_TYPE: {
      code: 'unsupported_media_type',
      message: () => 'the body must be JSON (Content-Type: application/json)',
    },
    FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', message: () => 'the JSON body is empty' },
    // Raised by the router before there is a route (Fastify's `frameworkErrors`); the path is not
    // echoed back: it may be huge, and it may carry personal data.
    FST_ERR_MAX_PARAM_LENGTH: {
      code: 'uri_too_long',
      message: () => 'a path parameter is longer than 1,024 characters',
    },
    FST_ERR_BAD_URL: { code: 'bad_request', message: () => 'the path is not valid percent-encoding' },
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
    const details = validationDetails(error)
    const code = validationCode(request, error)
    const message = `invalid request: ${error.message}`
    return reply.status(400).send(new AppError(code, message, details).toJSON())
  }
  const status = error.statusCode ?? 500
  const known = error.code ? FASTIFY_CODES[error.code] : undefined
  if (known)
    return reply
      .status(errorSpec(known.code).httpStatus ?? status)
      .send(new AppError(known.code, known.message(error)).toJSON())
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
