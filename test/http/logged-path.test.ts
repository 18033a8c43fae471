import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { defaultPublicUrl } from '../../src/config/outreach-config.ts'
import { portalConfigFromEnv } from '../../src/config/portal-config.ts'
import { loggedPath, loggerOptions } from '../../src/http/logger-options.ts'

describe('what the request log keeps of a path', () => {
  it('drops the query and a portal link token', () => {
    expect(loggedPath('/api/v1/tenants/demo/accounts?limit=5')).toBe('/api/v1/tenants/demo/accounts')
    expect(loggedPath('/pay/eyJ0IjoxfQ.c2lnbmF0dXJl')).toBe('/pay/[token]')
    expect(loggedPath('/pay/eyJ0IjoxfQ.c2lnbmF0dXJl?x=1')).toBe('/pay/[token]')
    expect(loggedPath('/pay')).toBe('/pay')
    expect(loggedPath('/accounts/pay/1')).toBe('/accounts/pay/1')
  })
})

describe('the server logger keeps credentials and row values out of its lines', () => {
  it('logs a request and an answer by method, path and status only, and redacts explicit headers', () => {
    const lines: string[] = []
    const app = Fastify({
      logger: { ...loggerOptions(), stream: { write: (line: string) => lines.push(line) } },
    })
    const log = app.log
    const secret = { authorization: 'Bearer rcp_k_secret', cookie: 'recoup_session=also-secret' }
    log.info({
      req: { method: 'GET', url: '/api/v1/tenants/t/accounts?email=jane@example.com', headers: secret },
      res: { statusCode: 200, headers: { 'set-cookie': 'recoup_session=third-secret' } },
    })
    log.info({ headers: { ...secret, 'set-cookie': 'recoup_session=third-secret' } })
    log.error({ err: Object.assign(new Error('duplicate'), { detail: 'Key (email)=(jane@example.com)' }) })
    const text = lines.join('')
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      req: { method: 'GET', url: '/api/v1/tenants/t/accounts' },
      res: { statusCode: 200 },
    })
    expect(Object.keys(JSON.parse(lines[0] as string).req)).toEqual(['method', 'url'])
    expect(Object.keys(JSON.parse(lines[0] as string).res)).toEqual(['statusCode'])
    for (const leaked of ['rcp_k_secret', 'also-secret', 'third-secret', 'jane@example.com'])
      expect(text).not.toContain(leaked)
    expect(text).toContain('[redacted]')
  })
})

describe('links point at the port the server listens on', () => {
  it('defaults RECOUP_PUBLIC_URL to this machine at PORT', () => {
    expect(defaultPublicUrl({})).toBe('http://127.0.0.1:3000')
    expect(defaultPublicUrl({ PORT: '3300' })).toBe('http://127.0.0.1:3300')
    expect(portalConfigFromEnv({ PORT: '3300', RECOUP_PORTAL_SECRET: 'x'.repeat(32) }).publicUrl).toBe(
      'http://127.0.0.1:3300',
    )
  })
})
