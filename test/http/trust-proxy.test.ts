import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEMO_ADMIN } from '../../src/app/auth/first-admin.ts'
import { parseAppConfig } from '../../src/config/app-config.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { loadApiFixture } from '../support/api-fixture.ts'
import { describeEachDatabase } from '../support/databases.ts'

describeEachDatabase('behind a TLS-terminating proxy (RECOUP_TRUST_PROXY)', ({ store }) => {
  beforeAll(async () => {
    await loadApiFixture(store(), 'proxied')
  })
  const apps: Awaited<ReturnType<typeof buildServer>>[] = []
  afterAll(async () => {
    for (const app of apps) await app.close()
  })
  const login = (app: Awaited<ReturnType<typeof buildServer>>, headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers,
      payload: { tenant: 'proxied', email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
    })

  it('counts each client address behind a trusted proxy, and sets Secure cookies over its HTTPS', async () => {
    const app = await buildServer(store(), { logger: false, trustProxy: 1, loginsPerMinute: 2 })
    apps.push(app)
    const secure = await login(app, { 'x-forwarded-for': '203.0.113.1', 'x-forwarded-proto': 'https' })
    expect(secure.statusCode).toBe(200)
    expect(String(secure.headers['set-cookie'])).toMatch(/; Secure$/)
    expect(String(secure.headers['strict-transport-security'])).toContain('max-age=')
    // Two logins a minute per address: other clients behind the same proxy are not locked out.
    for (const client of ['203.0.113.2', '203.0.113.3', '203.0.113.4'])
      expect((await login(app, { 'x-forwarded-for': client })).statusCode).toBe(200)
    await login(app, { 'x-forwarded-for': '203.0.113.9' })
    await login(app, { 'x-forwarded-for': '203.0.113.9' })
    expect((await login(app, { 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(429)
  })

  it('believes no forwarded header without the setting', async () => {
    const app = await buildServer(store(), { logger: false, trustProxy: false, loginsPerMinute: 2 })
    apps.push(app)
    const plain = await login(app, { 'x-forwarded-for': '203.0.113.1', 'x-forwarded-proto': 'https' })
    expect(String(plain.headers['set-cookie'])).not.toContain('Secure')
    await login(app, { 'x-forwarded-for': '203.0.113.2' })
    expect((await login(app, { 'x-forwarded-for': '203.0.113.3' })).statusCode).toBe(429)
  })

  it('reads the setting strictly', () => {
    const base = { DATABASE_URL: 'sqlite::memory:' }
    expect(parseAppConfig({ ...base }).trustProxy).toBe(false)
    expect(parseAppConfig({ ...base, RECOUP_TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(parseAppConfig({ ...base, RECOUP_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toBe(
      '127.0.0.1, 10.0.0.0/8',
    )
    expect(() => parseAppConfig({ ...base, RECOUP_TRUST_PROXY: 'yes please' })).toThrow(/RECOUP_TRUST_PROXY/)
    expect(() => parseAppConfig({ ...base, RECOUP_TRUST_PROXY: '0' })).toThrow(/1 to 10/)
  })
})
