import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

describeEachDatabase('credit control over HTTP', ({ store }) => {
  let app: FastifyInstance
  beforeAll(async () => {
    const tenant = await createTestTenant(store().db, 'credit-http', { defaultCurrency: 'EUR' })
    await createIntakeWriter(store(), tenant.id).write([
      {
        line: 2,
        debtor: { externalId: 'D-1', kind: 'business', name: 'Debtor One' },
        account: {
          externalId: 'A-1',
          originalCreditor: 'Acme',
          currentCreditor: 'Acme',
          debtKind: 'commercial',
          currency: 'EUR',
          jurisdiction: 'DE',
          openedOn: '2026-05-01',
          dueOn: '2026-05-31',
          status: 'open',
        },
        entries: [{ kind: 'charge', amountMinor: 123_456, effectiveOn: '2026-05-01', externalId: 'c' }],
      },
    ])
    app = await buildServer(store())
  })
  afterAll(() => app?.close())

  it('sets terms and a limit, shows the debtor over it, lists it, checks it; bad input is a clear 400', async () => {
    const admin = await injectAs(app, store(), 'credit-http', 'admin')
    const base = '/api/v1/tenants/credit-http/credit'
    const policy = await admin({ method: 'POST', url: `${base}/policies`, payload: { termsDays: 14 } })
    expect(policy.statusCode, policy.body).toBe(200)
    expect(policy.json()).toMatchObject({ client: null, termsDays: 14, limit: null })
    // Set again: the own book keeps one policy, the later one.
    const again = await admin({
      method: 'POST',
      url: `${base}/policies`,
      payload: { termsDays: 14, limit: { amount: '99.00', currency: 'EUR' } },
    })
    expect(again.json()).toMatchObject({ termsDays: 14, limit: { limitMinor: 9_900, currency: 'EUR' } })
    expect(
      await store().db.selectFrom('credit_policies').select('id').where('client_id', 'is', null).execute(),
    ).toHaveLength(1)
    const set = await admin({
      method: 'POST',
      url: `${base}/debtors/D-1/terms`,
      payload: { limit: { amount: '1000.00', currency: 'EUR' } },
    })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json()).toMatchObject({
      termsDays: 14,
      standing: { exposureMinor: 123_456, limitMinor: 100_000, availableMinor: -23_456, overLimit: true },
    })
    const shown = await admin(`${base}/debtors/D-1`)
    expect(shown.statusCode, shown.body).toBe(200)
    expect(shown.json().lines[0].warnings[0].figures).toEqual({
      currency: 'EUR',
      limit: '1000.00',
      exposure: '1234.56',
      over: '234.56',
    })
    const warnings = await admin(`${base}/warnings?limit=10`)
    expect(warnings.statusCode, warnings.body).toBe(200)
    expect(warnings.json().items.map((l: { debtor: string }) => l.debtor)).toEqual(['D-1'])
    const check = await admin({
      method: 'POST',
      url: `${base}/debtors/D-1/check`,
      payload: { amount: '10.00' },
    })
    expect(check.statusCode, check.body).toBe(200)
    expect(check.json().decision.outcome).toBe('refer')

    const bad = async (payload: unknown) => {
      const r = await admin({ method: 'POST', url: `${base}/debtors/D-1/terms`, payload: payload as object })
      return [r.statusCode, r.json().error.code]
    }
    expect(await bad({ limit: { amount: '-5.00', currency: 'EUR' } })).toEqual([400, 'invalid_amount'])
    expect(await bad({ limit: { amount: 12.5, currency: 'EUR' } })).toEqual([400, 'invalid_amount'])
    expect(await bad({ limit: { amount: '12.00', currency: 'XYZ' } })).toEqual([400, 'invalid_currency'])
    expect(await bad({ termsDays: 400 })).toEqual([400, 'invalid_credit_terms'])
    const missing = await admin(`${base}/debtors/NOPE`)
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'debtor_not_found'])
    const reader = await injectAs(app, store(), 'credit-http', 'read_only')
    const refused = await reader({ method: 'POST', url: `${base}/policies`, payload: { termsDays: 10 } })
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'forbidden'])
  })
})
