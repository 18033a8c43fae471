import { expect, it } from 'vitest'
import { type Actor, type Role, systemActor } from '../../src/app/actor.ts'
import { createPlan } from '../../src/app/money/create-plan.ts'
import { evaluateMoney } from '../../src/app/money/evaluate-money.ts'
import { recordPromise } from '../../src/app/money/record-promise.ts'
import type { AppError } from '../../src/core/errors/index.ts'
import { postPaymentsIn } from '../../src/money/post-payments.ts'
import type { Store } from '../../src/store/connect.ts'
import { verifyJournalChain } from '../../src/store/journal.repository.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { accountsWithDebt } from './money-fixtures.ts'

const pay = (s: Store, tenant: Tenant, accountId: number, amountMinor: number, on: string, ref: string) =>
  s.db
    .transaction()
    .execute((trx) =>
      postPaymentsIn(
        trx,
        tenant,
        [{ accountId, amountMinor, currency: 'USD', receivedOn: on, source: 'api', externalId: ref }],
        { actor: 'test', reevaluate: true },
      ),
    )

const journalTypes = async (s: Store, tenantId: number) =>
  (await s.db.selectFrom('journal_events').select('type').where('tenant_id', '=', tenantId).execute()).map(
    (e) => e.type,
  )

const eventRefs = async (s: Store, accountId: number) =>
  (
    await s.db
      .selectFrom('decisions')
      .select('trigger_ref')
      .where('account_id', '=', accountId)
      .where('trigger', '=', 'event')
      .execute()
  ).map((d) => d.trigger_ref)

describeEachDatabase('payment plans and promises', ({ store }) => {
  it('creates a plan within policy, breaks it after a missed instalment and allows one re-plan', async () => {
    const s = store()
    const { tenant, ids } = await accountsWithDebt(s, 'plans', [
      { externalId: 'P1', jurisdiction: 'US-NY', currency: 'USD', principal: 120000 },
    ])
    const accountId = ids.get('P1') as number
    const ctx = { store: s, actor: systemActor(tenant, 'test') }
    const plan = { account: 'P1', frequency: 'monthly', firstDueOn: '2026-03-10', agreedOn: '2026-03-01' }
    // 48 instalments of 25.00 run four years: outside the 12-month policy, refused with the list.
    const refused = createPlan(ctx, { ...plan, instalments: 48 })
    await expect(refused).rejects.toMatchObject({ code: 'plan_outside_policy' })
    await refused.catch((e: AppError) =>
      expect(e.details).toMatchObject({ exceptionApproverRole: 'manager' }),
    )

    const created = await createPlan(ctx, { ...plan, instalments: 4 })
    expect(created.account).toBe('P1')
    expect(created.schedule.instalments.map((i) => i.amountMinor)).toEqual([30000, 30000, 30000, 30000])
    const rows = await s.db
      .selectFrom('plan_instalments')
      .selectAll()
      .where('plan_id', '=', created.planId)
      .execute()
    expect(rows).toHaveLength(4)
    expect(await eventRefs(s, accountId)).toContain(`plan:${created.planId}`)
    const again = createPlan(ctx, { ...plan, instalments: 4 })
    await expect(again).rejects.toMatchObject({ code: 'plan_already_active' })

    await pay(s, tenant, accountId, 30000, '2026-03-09', 'P1-1')
    const early = (await evaluateMoney(ctx, { asOf: '2026-04-17' })).plans
    expect(early.broken).toEqual([]) // 2nd instalment due 04-10, grace 7 days: still on time on 04-17
    const late = (await evaluateMoney(ctx, { asOf: '2026-04-18' })).plans
    expect(late.broken).toEqual([created.planId])
    const stored = await s.db
      .selectFrom('payment_plans')
      .select(['status', 'broken_on'])
      .where('id', '=', created.planId)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ status: 'broken', broken_on: '2026-04-18' })
    expect(await eventRefs(s, accountId)).toContain(`plan.broken:${created.planId}`)
    const repeat = (await evaluateMoney(ctx, { asOf: '2026-04-19' })).plans
    expect(repeat.broken).toEqual([]) // evaluated once

    const replan = { ...plan, agreedOn: '2026-04-20', firstDueOn: '2026-05-01', instalments: 3 }
    const second = await createPlan(ctx, replan)
    const replaced = await s.db
      .selectFrom('payment_plans')
      .select('replaces_plan_id')
      .where('id', '=', second.planId)
      .executeTakeFirstOrThrow()
    expect(replaced.replaces_plan_id).toBe(created.planId)
    expect(await journalTypes(s, tenant.id)).toEqual(
      expect.arrayContaining(['plan.created', 'plan.broken', 'payments.posted']),
    )
    expect((await verifyJournalChain(s.db, tenant.id)).firstBreak).toBeNull()
  })

  it('an exception to the plan policy is approved only by a user holding the approver role', async () => {
    const s = store()
    const { tenant } = await accountsWithDebt(s, 'plan-exception', [
      { externalId: 'X1', jurisdiction: 'US-NY', currency: 'USD', principal: 120000 },
    ])
    const as = (role: Role) => ({
      store: s,
      actor: { tenant, kind: 'user', id: `u-${role}`, roles: [role] } satisfies Actor,
    })
    const longPlan = {
      account: 'X1',
      frequency: 'monthly',
      firstDueOn: '2026-03-10',
      agreedOn: '2026-03-01',
      instalments: 48,
    }
    // A collector cannot name a role they do not hold to wave the policy through.
    const claimed = createPlan(as('collector'), { ...longPlan, approverRole: 'manager' })
    await expect(claimed).rejects.toMatchObject({ code: 'forbidden', details: { field: 'approverRole' } })
    await expect(createPlan(as('collector'), longPlan)).rejects.toMatchObject({ code: 'plan_outside_policy' })
    // Naming their own role is not enough either: the policy names the role that may approve.
    await expect(
      createPlan(as('collector'), { ...longPlan, approverRole: 'collector' }),
    ).rejects.toMatchObject({ code: 'plan_outside_policy' })
    const approved = await createPlan(as('manager'), { ...longPlan, approverRole: 'manager' })
    expect(approved.exception).toBe(true)
  })

  it('marks promises kept, partially kept and broken, and re-decides the broken ones', async () => {
    const s = store()
    const { tenant, ids } = await accountsWithDebt(
      s,
      'promises',
      ['K', 'PK', 'B'].map((externalId) => ({
        externalId,
        jurisdiction: 'US-NY',
        currency: 'USD',
        principal: 50000,
      })),
    )
    const ctx = { store: s, actor: systemActor(tenant, 'test') }
    const promiseIds = new Map<string, number>()
    for (const account of ids.keys()) {
      const input = { account, amount: '100.00', dueOn: '2026-03-10', channel: 'phone', takenBy: 'alice' }
      const { promiseId } = await recordPromise(ctx, { ...input, takenOn: '2026-03-01' })
      promiseIds.set(account, promiseId)
    }
    await pay(s, tenant, ids.get('K') as number, 10000, '2026-03-05', 'K-1')
    await pay(s, tenant, ids.get('PK') as number, 4000, '2026-03-12', 'PK-1')
    const during = (await evaluateMoney(ctx, { asOf: '2026-03-13' })).promises
    expect(during).toEqual({ kept: [promiseIds.get('K')], partially_kept: [], broken: [] }) // grace: 3 days
    const after = (await evaluateMoney(ctx, { asOf: '2026-03-14' })).promises
    expect(after).toEqual({ kept: [], partially_kept: [promiseIds.get('PK')], broken: [promiseIds.get('B')] })
    const states = await s.db
      .selectFrom('promises')
      .select(['id', 'state'])
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(Object.fromEntries(states.map((p) => [p.id, p.state]))).toEqual({
      [promiseIds.get('K') as number]: 'kept',
      [promiseIds.get('PK') as number]: 'partially_kept',
      [promiseIds.get('B') as number]: 'broken',
    })
    expect(await eventRefs(s, ids.get('B') as number)).toContain(`promise.broken:${promiseIds.get('B')}`)
    expect(await journalTypes(s, tenant.id)).toEqual(
      expect.arrayContaining([
        'promise.recorded',
        'promise.kept',
        'promise.partially_kept',
        'promise.broken',
      ]),
    )
    const bad = recordPromise(ctx, {
      account: 'B',
      amount: '0',
      dueOn: '2026-03-10',
      channel: 'phone',
      takenBy: 'a',
      takenOn: '2026-03-01',
    })
    await expect(bad).rejects.toMatchObject({ code: 'invalid_amount' })
    expect((await verifyJournalChain(s.db, tenant.id)).firstBreak).toBeNull()
  })
})
