import { describe, expect, it } from 'vitest'
import { defaultPublicUrl } from '../../src/config/outreach-config.ts'
import { portalConfigFromEnv } from '../../src/config/portal-config.ts'
import { loggedPath } from '../../src/http/logger-options.ts'

describe('what the request log keeps of a path', () => {
  it('drops the query and a portal link token', () => {
    expect(loggedPath('/api/v1/tenants/demo/accounts?limit=5')).toBe('/api/v1/tenants/demo/accounts')
    expect(loggedPath('/pay/eyJ0IjoxfQ.c2lnbmF0dXJl')).toBe('/pay/[token]')
    expect(loggedPath('/pay/eyJ0IjoxfQ.c2lnbmF0dXJl?x=1')).toBe('/pay/[token]')
    expect(loggedPath('/pay')).toBe('/pay')
    expect(loggedPath('/accounts/pay/1')).toBe('/accounts/pay/1')
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
