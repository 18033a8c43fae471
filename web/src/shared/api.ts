// The one way the web app and the portal talk to the server: JSON over fetch, same origin, cookies
// (HttpOnly, SameSite=Strict) for the session and the CSRF token echoed on every change. Errors come
// back in the server's format ({error: {code, message, details}}) and are thrown as ApiError.

/** An answer outside 2xx, in the server's error format. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

let csrfToken: string | null = null

/** Remembers the CSRF token the login (or GET /auth/session) answered. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** A JSON body, or a Blob/File sent as it is (with its type). */
  readonly body?: unknown
  readonly headers?: Record<string, string>
  readonly signal?: AbortSignal
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  let body: BodyInit | undefined
  if (options.body instanceof Blob) {
    body = options.body
    headers['content-type'] ??= options.body.type || 'application/octet-stream'
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['content-type'] = 'application/json'
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  if (!response.ok) {
    let code = 'http_error'
    let message = `${response.status} ${response.statusText}`
    let details: unknown
    try {
      const error = (await response.json()) as {
        error?: { code?: string; message?: string; details?: unknown }
      }
      if (error.error?.code) code = error.error.code
      if (error.error?.message) message = error.error.message
      details = error.error?.details
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, code, message, details)
  }
  return response
}

/** Calls the API and answers the JSON body (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options)
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

/** Calls the API and answers the body as text (CSV exports). */
export async function apiText(path: string, options: RequestOptions = {}): Promise<string> {
  return (await send(path, { ...options, headers: { accept: 'text/csv', ...options.headers } })).text()
}

/** A query string from the defined values ("" when none). */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** A page of a list endpoint. */
export interface Page<T> {
  readonly items: T[]
  readonly nextCursor: string | null
}
