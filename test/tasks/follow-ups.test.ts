import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Actor } from '../../src/app/actor.ts'
import { listFollowUps } from '../../src/app/tasks/list-follow-ups.ts'
import { buildServer } from '../../src/http/build-server.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { agencyBook, injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

describeEachDatabase('follow-ups: promises due and broken plans beside the call tasks', ({ store }) => {
  let tenant: Tenant
  let other: Tenant
  let app: FastifyInstance
  const ids = new Map<string, number>()
  beforeAll(async () => {
    tenant = await agencyBook(store(), 'follow')
    other = await agencyBook(store(), 'follow-other')
    const accounts = await store()
      .db.selectFrom('accounts')
      .select(['id', 'external_id', 'tenant_id', 'client_id'])
      .where('tenant_id', 'in', [tenant.id, other.id])
      .execute()
    for (const a of accounts) ids.set(`${a.tenant_id}:${a.external_id}`, Number(a.id))
    const account = (t: Tenant, ref: string) => ids.get(`${t.id}:${ref}`) as number
    const promise = (t: Tenant, ref: string, amount: number, dueOn: string, state: 'open' | 'kept') => ({
      tenant_id: t.id,
      account_id: account(t, ref),
      amount_minor: amount,
      due_on: dueOn,
      state,
    })
    await store()
      .db.insertInto('promises')
      .values([
        promise(tenant, 'N-1', 5_000, '2026-03-14', 'open'), // due yesterday, unpaid: follow up
        promise(tenant, 'S-1', 9_000, '2026-03-15', 'open'), // due today
        promise(tenant, 'X-1', 7_000, '2026-03-20', 'open'), // not due yet
        promise(tenant, 'X-1', 8_000, '2026-03-10', 'kept'), // kept
        promise(other, 'N-1', 99_000, '2026-03-14', 'open'), // another tenant's
      ])
      .execute()
    const plan = (ref: string, status: 'broken' | 'active', brokenOn: string | null, total: number) => ({
      tenant_id: tenant.id,
      account_id: account(tenant, ref),
      status,
      frequency: 'monthly',
      total_minor: total,
      down_payment_minor: 0,
      grace_days: 5,
      approved_by: null,
      broken_on: brokenOn,
      replaces_plan_id: null,
      created_on: '2026-01-01',
    })
    await store()
      .db.insertInto('payment_plans')
      .values([
        plan('N-1', 'broken', '2026-03-10', 20_000), // broken five days ago: follow up
        plan('S-1', 'broken', '2026-02-01', 30_000), // broken long ago
        plan('X-1', 'broken', '2026-03-12', 40_000), // broken, but a new plan runs:
        plan('X-1', 'active', null, 40_000),
      ])
      .execute()
    app = await buildServer(store(), { logger: false })
  })
  afterAll(async () => app?.close())

  const as = (roles: Actor['roles'], clientIds?: number[]) => ({
    store: store(),
    actor: { tenant, kind: 'user' as const, id: '1', roles, ...(clientIds ? { clientIds } : {}) },
  })

  it('lists the promises due by the day and the plans broken lately, largest first', async () => {
    const { items } = await listFollowUps(as(['collector']), { asOf: '2026-03-15' })
    expect(items.map((i) => [i.kind, i.account, i.amountMinor, i.on])).toEqual([
      ['plan_broken', 'N-1', 20_000, '2026-03-10'],
      ['promise_due', 'S-1', 9_000, '2026-03-15'],
      ['promise_due', 'N-1', 5_000, '2026-03-14'],
    ])
  })

  it("shows a client-limited collector only their clients' accounts", async () => {
    const north = await store()
      .db.selectFrom('clients')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('external_id', '=', 'north')
      .executeTakeFirstOrThrow()
    const { items } = await listFollowUps(as(['collector'], [Number(north.id)]), { asOf: '2026-03-15' })
    expect(items.map((i) => i.account)).toEqual(['N-1', 'N-1'])
  })

  it('answers over HTTP as its schema says, and refuses bad input', async () => {
    const api = await injectAs(app, store(), 'follow', 'read_only')
    const ok = await api('/api/v1/tenants/follow/follow-ups?asOf=2026-03-15&limit=2')
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().items).toHaveLength(2)
    expect((await api('/api/v1/tenants/follow/follow-ups?asOf=2026-02-30')).statusCode).toBe(400)
    expect((await api('/api/v1/tenants/follow/follow-ups?limit=0')).statusCode).toBe(400)
    expect((await api('/api/v1/tenants/follow-other/follow-ups')).statusCode).toBe(404)
  })
})
