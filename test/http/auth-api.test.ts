import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { logIn } from '../../src/app/auth/sessions.ts'
import { createUser } from '../../src/app/auth/users.ts'
import { PERMISSION_NAMES, rolesMay } from '../../src/core/auth/permissions.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { apiKeyHeader, tenantNamed } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

const PASSWORD = 'correct-horse-battery-staple'
const EMAIL = 'clara.collector@acme.test'

describeEachDatabase('authentication over HTTP', ({ store }) => {
  let app: FastifyInstance
  const logLines: string[] = []
  /** Every secret this suite handles; none may reach a log line. */
  const secrets: string[] = [PASSWORD, EMAIL, 'wrong-password-guess']

  beforeAll(async () => {
    const tenant = await tenantNamed(store(), 'acme-auth')
    await tenantNamed(store(), 'other-auth')
    const ctx = { store: store(), actor: systemActor(tenant, 'test') }
    await createUser(ctx, { email: EMAIL, role: 'collector', password: PASSWORD })
    await createUser(ctx, { email: 'locked@acme.test', role: 'manager', password: PASSWORD })
    await createUser(ctx, { email: 'gone@acme.test', role: 'manager', password: PASSWORD })
    // Many logins from one address: the login limit has its own test below.
    app = await buildServer(store(), {
      logStream: { write: (line) => logLines.push(line) },
      loginsPerMinute: 1000,
    })
  })
  afterAll(async () => app?.close())

  const login = (email: string, password: string, tenant = 'acme-auth') =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant, email, password } })

  /** Logs in and answers the cookie header and CSRF token of the session. */
  async function session(email = EMAIL) {
    const response = await login(email, PASSWORD)
    expect(response.statusCode, response.body).toBe(200)
    const cookie = String(response.headers['set-cookie']).split(';')[0] as string
    const { csrfToken } = response.json() as { csrfToken: string }
    secrets.push(cookie.split('=')[1] as string, csrfToken)
    return { cookie, csrfToken }
  }

  it('refuses every documented endpoint without credentials, except health, login and the portal session', async () => {
    const auth = await apiKeyHeader(store(), 'acme-auth')
    secrets.push(auth.authorization)
    const doc = (await app.inject({ url: '/openapi.json', headers: auth })).json() as {
      paths: Record<string, Record<string, unknown>>
    }
    const open = new Set(['GET /health', 'POST /api/v1/auth/login', 'POST /api/v1/portal/session'])
    let checked = 0
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const url = path.replace(/\{[^}]+\}/g, (name) => (name === '{tenant}' ? 'acme-auth' : '1'))
        const response = await app.inject({ method: method.toUpperCase() as 'GET', url, payload: {} })
        if (open.has(`${method.toUpperCase()} ${path}`)) {
          expect(response.statusCode, `${method} ${path}`).not.toBe(401)
          continue
        }
        checked++
        expect(response.statusCode, `${method} ${path}`).toBe(401)
        expect(response.json().error.code).toBe('unauthenticated')
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12)
    // The document is public, like the reference page that shows it (/docs); the API it describes is not.
    expect((await app.inject({ url: '/openapi.json' })).statusCode).toBe(200)
    expect((await app.inject({ url: '/no/such/route' })).statusCode).toBe(401)
    const bad = await app.inject({
      url: '/api/v1/auth/session',
      headers: { authorization: 'Bearer rcp_k_nope' },
    })
    expect(bad.statusCode).toBe(401)
    expect(bad.json().error.message).toBe('the API key is unknown or revoked')
    const basic = await app.inject({ url: '/api/v1/auth/session', headers: { authorization: 'Basic eDp5' } })
    expect(basic.statusCode).toBe(401)
  })

  it('logs in with a password into an HttpOnly, SameSite=Strict session cookie and says who acts', async () => {
    const response = await login(EMAIL.toUpperCase(), PASSWORD)
    expect(response.statusCode).toBe(200)
    const setCookie = String(response.headers['set-cookie'])
    expect(setCookie).toMatch(
      /^recoup_session=rcp_s_[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    )
    const body = response.json()
    expect(body).toMatchObject({ user: { email: EMAIL, role: 'collector', tenant: 'acme-auth' } })
    expect(JSON.stringify(body)).not.toContain('rcp_s_')
    const cookie = setCookie.split(';')[0] as string
    secrets.push(cookie.split('=')[1] as string, body.csrfToken)
    const me = await app.inject({ url: '/api/v1/auth/session', headers: { cookie } })
    expect(me.json()).toEqual({
      actor: `user:${body.user.id}`,
      kind: 'user',
      tenant: 'acme-auth',
      roles: ['collector'],
      clientIds: null,
      // What the web app needs after a reload: the roles' permissions and the session's CSRF token.
      permissions: PERMISSION_NAMES.filter((permission) => rolesMay(['collector'], permission)),
      csrfToken: body.csrfToken,
    })
    expect(me.json().permissions).toContain('tasks.outcome')
    expect(me.json().permissions).not.toContain('users.manage')
  })

  it('answers the same invalid_credentials for a wrong password, an unknown user and an unknown tenant', async () => {
    for (const response of [
      await login(EMAIL, 'wrong-password-guess'),
      await login('nobody@acme.test', PASSWORD),
      await login(EMAIL, PASSWORD, 'no-such-tenant'),
      await login('not an address', PASSWORD),
    ]) {
      expect(response.statusCode).toBe(401)
      expect(response.json().error).toEqual({
        code: 'invalid_credentials',
        message: 'the e-mail address or password is wrong, or the user is disabled',
      })
    }
  })

  it('locks a user after five wrong passwords in a row, even against the right one', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('locked@acme.test', 'wrong-password-guess')).statusCode).toBe(401)
    const locked = await login('locked@acme.test', PASSWORD)
    expect(locked.statusCode).toBe(423)
    expect(locked.json().error.code).toBe('account_locked')
    // After the lock a success resets the count (the lock is 15 minutes; the clock is moved on).
    const later = await logIn(store(), {
      tenant: 'acme-auth',
      email: 'locked@acme.test',
      password: PASSWORD,
      now: new Date(Date.now() + 16 * 60_000),
    })
    secrets.push(later.token, later.csrfToken)
    const row = await store()
      .db.selectFrom('users')
      .select(['failed_logins', 'locked_until'])
      .where('email', '=', 'locked@acme.test')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ failed_logins: 0, locked_until: null })
  })

  it('requires the CSRF token on cookie-authenticated changes, not on reads, not with an API key', async () => {
    const { cookie, csrfToken } = await session()
    const payment = { account: 'NONE', amount: '1.00', receivedOn: '2026-03-01', reference: 'csrf-1' }
    const url = '/api/v1/tenants/acme-auth/payments'
    const without = await app.inject({ method: 'POST', url, headers: { cookie }, payload: payment })
    expect(without.statusCode).toBe(403)
    expect(without.json().error.code).toBe('csrf_failed')
    const wrong = await app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'x-csrf-token': `${csrfToken}x` },
      payload: payment,
    })
    expect(wrong.json().error.code).toBe('csrf_failed')
    const right = await app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: payment,
    })
    expect(right.statusCode).toBe(404)
    expect(right.json().error.code).toBe('account_not_found')
    expect(
      (await app.inject({ url: '/api/v1/tenants/acme-auth/aging', headers: { cookie } })).statusCode,
    ).toBe(200)
  })

  it('enforces the role in the use case: a collector may not reverse a payment or manage keys', async () => {
    const { cookie, csrfToken } = await session()
    const headers = { cookie, 'x-csrf-token': csrfToken }
    const reverse = await app.inject({
      method: 'POST',
      url: '/api/v1/tenants/acme-auth/payments/P-1/reverse',
      headers,
      payload: { reason: 'chargeback' },
    })
    expect(reverse.statusCode).toBe(403)
    expect(reverse.json().error).toMatchObject({
      code: 'forbidden',
      details: { permission: 'payments.reverse' },
    })
    const keys = await app.inject({ url: '/api/v1/tenants/acme-auth/api-keys', headers })
    expect(keys.statusCode).toBe(403)
  })

  it('ends a session at logout, at its expiry and when its user is disabled', async () => {
    const { cookie, csrfToken } = await session()
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': csrfToken },
    })
    expect(out.statusCode).toBe(204)
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0')
    expect((await app.inject({ url: '/api/v1/auth/session', headers: { cookie } })).statusCode).toBe(401)

    const old = await logIn(store(), {
      tenant: 'acme-auth',
      email: EMAIL,
      password: PASSWORD,
      now: new Date(Date.now() - 13 * 3600_000),
    })
    secrets.push(old.token, old.csrfToken)
    const expired = await app.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: `recoup_session=${old.token}` },
    })
    expect(expired.statusCode).toBe(401)
    expect(expired.json().error.message).toBe('the session has expired or ended; log in again')
    const idle = await logIn(store(), {
      tenant: 'acme-auth',
      email: EMAIL,
      password: PASSWORD,
      now: new Date(Date.now() - 3 * 3600_000),
    })
    secrets.push(idle.token, idle.csrfToken)
    const idled = await app.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: `recoup_session=${idle.token}` },
    })
    expect(idled.statusCode).toBe(401)

    const gone = await session('gone@acme.test')
    const goneId = (
      await store()
        .db.selectFrom('users')
        .select('id')
        .where('email', '=', 'gone@acme.test')
        .executeTakeFirstOrThrow()
    ).id
    const admin = await apiKeyHeader(store(), 'acme-auth')
    secrets.push(admin.authorization)
    const disabled = await app.inject({
      method: 'POST',
      url: `/api/v1/tenants/acme-auth/users/${goneId}/disable`,
      headers: admin,
    })
    expect(disabled.statusCode, disabled.body).toBe(200)
    expect(disabled.json()).toMatchObject({ email: 'gone@acme.test', status: 'disabled' })
    expect(
      (await app.inject({ url: '/api/v1/auth/session', headers: { cookie: gone.cookie } })).statusCode,
    ).toBe(401)
    expect((await login('gone@acme.test', PASSWORD)).json().error.code).toBe('invalid_credentials')
  })

  it('API keys: shown once, stored hashed, scoped to a role, last-used time, revocable', async () => {
    const admin = await apiKeyHeader(store(), 'acme-auth')
    secrets.push(admin.authorization)
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tenants/acme-auth/api-keys',
      headers: admin,
      payload: { name: 'reporting', role: 'read_only' },
    })
    expect(created.statusCode, created.body).toBe(201)
    const { key, id } = created.json() as { key: string; id: number }
    secrets.push(key)
    expect(key).toMatch(/^rcp_k_[A-Za-z0-9_-]{43}$/)
    const rows = await store().db.selectFrom('api_keys').selectAll().where('id', '=', id).execute()
    expect(JSON.stringify(rows)).not.toContain(key.slice(10))
    const bearer = { authorization: `Bearer ${key}` }
    expect((await app.inject({ url: '/api/v1/tenants/acme-auth/aging', headers: bearer })).statusCode).toBe(
      200,
    )
    const post = await app.inject({
      method: 'POST',
      url: '/api/v1/tenants/acme-auth/payments',
      headers: bearer,
      payload: { account: 'A', amount: '1.00', receivedOn: '2026-03-01', reference: 'ro-1' },
    })
    expect(post.statusCode).toBe(403)
    const listed = (
      await app.inject({ url: '/api/v1/tenants/acme-auth/api-keys', headers: admin })
    ).json() as {
      id: number
      lastUsedAt: string | null
      prefix: string
    }[]
    const mine = listed.find((k) => k.id === id)
    expect(mine?.lastUsedAt).toEqual(expect.any(String))
    expect(mine?.prefix).toBe(key.slice(0, 10))
    expect(JSON.stringify(listed)).not.toContain(key)
    const revoked = await app.inject({
      method: 'POST',
      url: `/api/v1/tenants/acme-auth/api-keys/${id}/revoke`,
      headers: admin,
    })
    expect(revoked.json().revokedAt).toEqual(expect.any(String))
    expect((await app.inject({ url: '/api/v1/tenants/acme-auth/aging', headers: bearer })).statusCode).toBe(
      401,
    )
    const journal = await store()
      .db.selectFrom('journal_events')
      .select(['type', 'actor', 'subject'])
      .where('subject', '=', `api_key:${id}`)
      .orderBy('seq')
      .execute()
    expect(journal.map((e) => e.type)).toEqual(['api_key.created', 'api_key.revoked'])
    expect(journal[0]?.actor).toMatch(/^api_key:\d+$/)
  })

  it('stores passwords as argon2id hashes only', async () => {
    const row = await store()
      .db.selectFrom('users')
      .select('password_hash')
      .where('email', '=', EMAIL)
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })

  it('puts security headers and a request id on every answer, errors included', async () => {
    for (const response of [
      await app.inject({ url: '/health' }),
      await app.inject({ url: '/api/v1/tenants/acme-auth/aging' }),
    ]) {
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'cache-control': 'no-store',
        'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      })
    }
    const traced = await app.inject({ url: '/health', headers: { 'x-request-id': 'trace-42' } })
    expect(traced.headers['x-request-id']).toBe('trace-42')
    const forged = await app.inject({ url: '/health', headers: { 'x-request-id': 'a b\nc' } })
    expect(forged.headers['x-request-id']).not.toBe('a b\nc')
  })

  it('never writes passwords, tokens, keys or e-mail addresses to the log', () => {
    expect(logLines.length).toBeGreaterThan(20)
    const log = logLines.join('')
    for (const secret of secrets) expect(log, 'a secret in the log').not.toContain(secret)
    expect(log).not.toContain('rcp_s_')
    expect(log).not.toContain('rcp_k_')
    expect(log).not.toContain('@acme.test')
    expect(logLines.filter((l) => l.includes('"req"')).every((l) => l.includes('"requestId"'))).toBe(true)
  })
})

describe('request rate limits', () => {
  it('answers 429 with Retry-After past the limit, per address and per credential, and logins apart', async () => {
    const { openStore } = await import('../../src/store/connect.ts')
    const store = await openStore({ kind: 'sqlite', file: ':memory:' })
    const app = await buildServer(store, { logger: false, rateLimitPerMinute: 3, loginsPerMinute: 2 })
    try {
      const statuses = []
      for (let i = 0; i < 4; i++)
        statuses.push((await app.inject({ url: '/api/v1/auth/session' })).statusCode)
      expect(statuses).toEqual([401, 401, 401, 429])
      const limited = await app.inject({ url: '/api/v1/auth/session' })
      expect(limited.json().error.code).toBe('rate_limited')
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
      expect(limited.headers['ratelimit-limit']).toBe('3')
      // A made-up credential from the same address gets no fresh budget.
      const other = await app.inject({
        url: '/api/v1/auth/session',
        headers: { authorization: 'Bearer rcp_k_other' },
      })
      expect(other.statusCode).toBe(429)
      const payload = { tenant: 't', email: 'a@b.test', password: 'x' }
      const logins = []
      for (let i = 0; i < 3; i++)
        logins.push((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload })).statusCode)
      expect(logins).toEqual([401, 401, 429])
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200)
    } finally {
      await app.close()
      await store.close()
    }
  })
})
