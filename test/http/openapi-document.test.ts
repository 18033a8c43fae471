import { validate } from '@readme/openapi-parser'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { defaultOperationId } from '../../src/http/openapi-conventions.ts'
import { openStore, type Store } from '../../src/store/connect.ts'

interface Operation {
  operationId?: string
  tags?: string[]
  security?: unknown[]
  responses: Record<string, unknown>
}

/** The operations of the document, as [method, path, operation]. */
function operationsOf(doc: { paths: Record<string, Record<string, Operation>> }) {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => [method, path, operation] as const),
  )
}

describe('the OpenAPI document at /openapi.json', () => {
  let store: Store
  let app: FastifyInstance
  // biome-ignore lint/suspicious/noExplicitAny: the document is checked field by field below
  let doc: any

  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' })
    app = await buildServer(store, { logger: false })
    const response = await app.inject('/openapi.json')
    expect(response.statusCode).toBe(200)
    doc = response.json()
  })
  afterAll(async () => {
    await app?.close()
    await store?.close()
  })

  it('is public: fetched without credentials', async () => {
    expect((await app.inject('/openapi.json')).headers['content-type']).toContain('application/json')
  })

  it('validates as OpenAPI 3.1 with @readme/openapi-parser, without warnings', async () => {
    const result = await validate(structuredClone(doc))
    expect(result, JSON.stringify(result, null, 2)).toMatchObject({ valid: true, warnings: [] })
    expect(doc.openapi).toBe('3.1.0')
  })

  it('says what it is, where it is served and how callers authenticate', () => {
    expect(doc.info.title).toBe('Recoup API')
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(doc.info.license.identifier).toBe('Apache-2.0')
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }])
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'recoup_session',
    })
    expect(doc.security).toEqual([{ apiKey: [] }, { session: [] }])
  })

  it('gives every operation a unique operationId and only declared tags', () => {
    const operations = operationsOf(doc)
    expect(operations.length).toBeGreaterThanOrEqual(10)
    const declared = new Set(doc.tags.map((tag: { name: string }) => tag.name))
    const ids = operations.map(([method, path, operation]) => {
      expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/)
      expect(operation.tags?.length, `${method} ${path} has a tag`).toBeGreaterThan(0)
      for (const tag of operation.tags ?? []) expect(declared, `${method} ${path}: tag ${tag}`).toContain(tag)
      return operation.operationId
    })
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('declares the error answers of every operation that needs credentials', () => {
    for (const [method, path, operation] of operationsOf(doc)) {
      if (Array.isArray(operation.security) && operation.security.length === 0) continue
      for (const status of ['401', '403', '429'])
        expect(Object.keys(operation.responses), `${method} ${path}`).toContain(status)
    }
  })

  it('derives operationIds from method and path, tenant prefix dropped', () => {
    expect(defaultOperationId('POST', '/api/v1/tenants/:tenant/payments/:reference/reverse')).toBe(
      'postPaymentsByReferenceReverse',
    )
    expect(defaultOperationId('GET', '/api/v1/tenants/:tenant/unmatched-credits')).toBe('getUnmatchedCredits')
    expect(defaultOperationId('GET', '/health')).toBe('getHealth')
    expect(defaultOperationId('GET', '/api/v1/tenants/:tenant')).toBe('getRoot')
  })
})

describe('the reference page at /docs', () => {
  let store: Store
  let app: FastifyInstance

  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' })
    app = await buildServer(store, { logger: false })
  })
  afterAll(async () => {
    await app?.close()
    await store?.close()
  })

  it('is HTML served without credentials, and every asset it names loads', async () => {
    for (const at of ['/docs', '/docs/']) {
      const page = await app.inject(at)
      expect(page.statusCode, at).toBe(200)
      expect(page.headers['content-type']).toContain('text/html')
      const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string)
      expect(assets.length).toBeGreaterThanOrEqual(3)
      for (const asset of assets) {
        expect(asset, 'no asset from another origin').not.toMatch(/^(https?:)?\/\//)
        const response = await app.inject(new URL(asset, `http://localhost${at}`).pathname)
        expect(response.statusCode, `${at}: ${asset}`).toBe(200)
      }
    }
    const initializer = await app.inject('/docs/static/swagger-initializer.js')
    expect(initializer.statusCode).toBe(200)
    const json = await app.inject('/docs/json')
    expect(json.statusCode).toBe(200)
    expect(json.json().openapi).toBe('3.1.0')
  })

  it('relaxes the content security policy only for /docs, and only to this origin', async () => {
    const page = await app.inject('/docs/')
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-eval|https:|\*/)
    expect(csp).toContain("frame-ancestors 'none'")
    const api = await app.inject('/health')
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
    const openapi = await app.inject('/openapi.json')
    expect(openapi.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
  })

  it('does not make the API public: "Try it out" calls still need credentials', async () => {
    const response = await app.inject('/api/v1/tenants/demo/aging')
    expect(response.statusCode).toBe(401)
  })
})
