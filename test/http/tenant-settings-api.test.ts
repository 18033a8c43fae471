import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { addDays, localDateAt } from '../../src/core/calendar/local-date.ts'
import { engineSettingsOf } from '../../src/engine/daily-run.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { moneyPolicyFor } from '../../src/money/money-policy.ts'
import { findTenantBySlug } from '../../src/store/tenant.repository.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { type BookAccount, recordsBook } from './records-fixtures.ts'

const SLUG = 'settings-api'
const BASE = `/api/v1/tenants/${SLUG}`

describeEachDatabase('tenant settings API: read, change with If-Match, and applied', ({ store }) => {
  let app: FastifyInstance
  let accounts: BookAccount[]
  let admin: Awaited<ReturnType<typeof injectAs>>
  let manager: Awaited<ReturnType<typeof injectAs>>
  let collector: Awaited<ReturnType<typeof injectAs>>
  let other: Awaited<ReturnType<typeof injectAs>>
  const today = localDateAt(new Date(), 'UTC')

  beforeAll(async () => {
    accounts = (await recordsBook(store(), SLUG, 8)).accounts
    app = await buildServer(store(), { logger: false })
    admin = await injectAs(app, store(), SLUG, 'admin')
    manager = await injectAs(app, store(), SLUG, 'manager')
    collector = await injectAs(app, store(), SLUG, 'collector')
    other = await injectAs(app, store(), 'settings-other', 'admin')
  })
  afterAll(async () => app?.close())

  const account = (n: number) => accounts[n] as BookAccount
  const patch = (payload: object, ifMatch?: string) =>
    admin({
      method: 'PATCH',
      url: `${BASE}/settings`,
      payload,
      headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    })
  const current = async () => (await admin(`${BASE}/settings`)).json()

  it('answers the defaults to admins and managers, with an ETag; others are refused', async () => {
    const read = await manager(`${BASE}/settings`)
    expect(read.statusCode, read.body).toBe(200)
    expect(read.headers.etag).toBe(read.json().etag)
    expect(read.json()).toMatchObject({
      timeZone: 'UTC',
      plans: { maxMonths: 12, maxInstalments: null, minInstalmentMinor: 2500, maxDiscountPercent: '10' },
      settlements: { minOfferPercent: '60', maxValidityDays: 30 },
      contact: { sendTime: '10:00', consolidateMessages: true },
      costs: { emailMinor: 0, smsMinor: 0, letterMinor: 0, callMinor: 0 },
      customised: [],
    })
    expect(read.json().defaults).toEqual({
      plans: read.json().plans,
      settlements: read.json().settlements,
      contact: read.json().contact,
      costs: read.json().costs,
    })
    expect((await collector(`${BASE}/settings`)).statusCode).toBe(403)
    expect((await other(`${BASE}/settings`)).json().error.code).toBe('tenant_not_found')
    const byManager = await manager({
      method: 'PATCH',
      url: `${BASE}/settings`,
      payload: { plans: { maxMonths: 6 } },
      headers: { 'if-match': read.json().etag },
    })
    expect(byManager.statusCode).toBe(403)
  })

  it('needs If-Match with the current ETag: 428 without, 412 when stale', async () => {
    expect((await patch({ plans: { maxMonths: 6 } })).statusCode).toBe(428)
    const stale = await patch({ plans: { maxMonths: 6 } }, '"not-the-tag"')
    expect(stale.statusCode).toBe(412)
    expect(stale.json().error.code).toBe('precondition_failed')
  })

  it('refuses bad values and contradicting bounds with a 400 naming the field', async () => {
    const { etag } = await current()
    const cases: [object, string, string][] = [
      [{ timeZone: 'Mars/Olympus' }, 'invalid_time_zone', 'timeZone'],
      [{ plans: { maxMonths: 0 } }, 'invalid_settings', 'maxMonths'],
      [{ plans: { maxMonths: 121 } }, 'invalid_settings', 'maxMonths'],
      [{ plans: { minDownPaymentPercent: '100' } }, 'invalid_settings', 'plans.minDownPaymentPercent'],
      [{ plans: { minInstalmentMinorByCurrency: { XYZ: 100 } } }, 'invalid_settings', 'XYZ'],
      [{ plans: { maxDiscountPercent: '12.5.1' } }, 'invalid_settings', 'maxDiscountPercent'],
      [{ settlements: { minOfferPercent: '0' } }, 'invalid_settings', 'settlements.minOfferPercent'],
      [{ contact: { sendTime: '25:00' } }, 'invalid_settings', 'sendTime'],
      [{ plans: { noSuchBound: 1 } }, 'unknown_parameter', 'noSuchBound'],
      // A plan may not give more off than a settlement: 50% off against settlements of at least 60%.
      [{ plans: { maxDiscountPercent: '50' } }, 'invalid_settings', 'plans.maxDiscountPercent'],
      [{ settlements: { minOfferPercent: '95' } }, 'invalid_settings', 'plans.maxDiscountPercent'],
    ]
    for (const [body, code, field] of cases) {
      const answer = await patch(body, etag)
      expect(answer.statusCode, JSON.stringify(body)).toBe(400)
      expect(answer.json().error.code, JSON.stringify(body)).toBe(code)
      expect(JSON.stringify(answer.json().error), JSON.stringify(body)).toContain(field)
    }
    expect((await current()).etag).toBe(etag)
  })

  it('stores a change, journals the fields changed, and null puts a field back to its default', async () => {
    const { etag } = await current()
    const changed = await patch(
      {
        timeZone: 'America/New_York',
        plans: { maxMonths: 3, maxInstalments: 3, minInstalmentMinorByCurrency: { EUR: 5000 } },
        settlements: { minOfferPercent: '80', maxValidityDays: 10 },
        contact: { sendTime: '11:30' },
      },
      etag,
    )
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    expect(changed.json()).toMatchObject({
      timeZone: 'America/New_York',
      plans: { maxMonths: 3, maxInstalments: 3, minInstalmentMinorByCurrency: { EUR: 5000 } },
      settlements: { minOfferPercent: '80', maxValidityDays: 10 },
      contact: { sendTime: '11:30', consolidateMessages: true },
      customised: [
        'plans.maxMonths',
        'plans.maxInstalments',
        'plans.minInstalmentMinorByCurrency',
        'settlements.minOfferPercent',
        'settlements.maxValidityDays',
        'contact.sendTime',
      ],
    })
    expect(await current()).toEqual(changed.json())
    const tenant = await findTenantBySlug(store().db, SLUG)
    const events = await store()
      .db.selectFrom('journal_events')
      .select(['type', 'payload', 'actor'])
      .where('tenant_id', '=', tenant?.id ?? 0)
      .where('type', '=', 'tenant.settings_updated')
      .execute()
    expect(events).toHaveLength(1)
    const payload = JSON.parse(events[0]?.payload ?? '{}')
    expect(payload.fields).toEqual([
      'timeZone',
      'plans.maxMonths',
      'plans.maxInstalments',
      'plans.minInstalmentMinorByCurrency',
      'settlements.minOfferPercent',
      'settlements.maxValidityDays',
      'contact.sendTime',
    ])
    expect(payload.changes['plans.maxMonths']).toEqual({ from: 12, to: 3 })
    expect(events[0]?.actor).toMatch(/^api_key:/)

    // The same values again change nothing and journal nothing.
    const again = await patch({ plans: { maxMonths: 3 } }, changed.json().etag)
    expect(again.json().etag).toBe(changed.json().etag)

    const reset = await patch({ contact: { sendTime: null } }, changed.json().etag)
    expect(reset.statusCode, reset.body).toBe(200)
    expect(reset.json().contact.sendTime).toBe('10:00')
  })

  it('is applied: plans and settlements keep the stored bounds, the engine reads them', async () => {
    const tenant = await findTenantBySlug(store().db, SLUG)
    if (!tenant) throw new Error('no tenant')
    expect(moneyPolicyFor(tenant).plan).toMatchObject({ id: 'tenant', maxMonths: 3, maxInstalments: 3 })
    expect(moneyPolicyFor(tenant).settlement).toEqual({ maxDiscountPercent: '20', maxValidityDays: 10 })
    expect(engineSettingsOf(tenant)).toEqual({ sendTime: '10:00', planMaxMonths: 3 })
    expect(engineSettingsOf({ ...tenant, settings: null })).toEqual({ sendTime: '10:00' })

    const long = await admin({
      method: 'POST',
      url: `${BASE}/accounts/${account(1).externalId}/plans`,
      payload: { instalments: 6, frequency: 'monthly' },
    })
    expect(long.statusCode, long.body).toBe(422)
    expect(long.json().error.code).toBe('plan_outside_policy')
    const codes = long.json().error.details.violations.map((v: { code: string }) => v.code)
    expect(codes).toEqual(expect.arrayContaining(['term_too_long', 'too_many_instalments']))
    const short = await admin({
      method: 'POST',
      url: `${BASE}/accounts/${account(1).externalId}/plans`,
      payload: { instalments: 2, frequency: 'monthly' },
    })
    expect(short.statusCode, short.body).toBe(201)

    // 70% of the balance was allowed by the default (40% off); the tenant now asks for 80%.
    const balance = account(3).principal
    const low = await admin({
      method: 'POST',
      url: `${BASE}/accounts/${account(3).externalId}/settlements`,
      payload: { amount: ((balance * 0.7) / 100).toFixed(2), expiresOn: addDays(today, 5) },
    })
    expect(low.statusCode, low.body).toBe(422)
    expect(low.json().error.code).toBe('settlement_outside_policy')
    const late = await admin({
      method: 'POST',
      url: `${BASE}/accounts/${account(3).externalId}/settlements`,
      payload: { amount: ((balance * 0.9) / 100).toFixed(2), expiresOn: addDays(today, 20) },
    })
    expect(late.statusCode, late.body).toBe(422)
    expect(late.json().error.message).toContain('allows 10')
    const fine = await admin({
      method: 'POST',
      url: `${BASE}/accounts/${account(3).externalId}/settlements`,
      payload: { amount: ((balance * 0.9) / 100).toFixed(2), expiresOn: addDays(today, 5) },
    })
    expect(fine.statusCode, fine.body).toBe(201)
  })
})
