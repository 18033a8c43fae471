import { expect, it } from 'vitest'
import { addDays } from '../../src/core/calendar/local-date.ts'
import { evaluateCompliance } from '../../src/core/compliance/evaluate-compliance.ts'
import type { PlaybookAction } from '../../src/core/playbook/account-facts.ts'
import { buildComplianceRequest } from '../../src/engine/build-compliance-request.ts'
import { complianceTarget } from '../../src/engine/decide-account.ts'
import { reevaluateAccount } from '../../src/engine/reevaluate-account.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import { loadAccountSnapshots } from '../../src/store/engine/account-snapshot.repository.ts'
import { postLedgerEntry } from '../../src/store/ledger.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runDaily } from '../support/run-daily.ts'
import { DEMO_AS_OF, engineCounts, engineState, loadDemo } from './engine-fixtures.ts'

const ACCOUNTS = 600

describeEachDatabase('daily run', ({ store }) => {
  const playbooks = loadDefaultPlaybooks()

  it('decides every open account, records traces and schedules actions in the outbox', {
    timeout: 120_000,
  }, async () => {
    const s = store()
    const tenant = await loadDemo(s, ACCOUNTS)
    const result = await runDaily(s, { tenant, asOf: DEMO_AS_OF, playbooks, batchSize: 64 })
    if (result.status !== 'completed') throw new Error('expected an in-process run')
    const { summary } = result
    expect(summary.accounts).toBeGreaterThan(ACCOUNTS / 2)
    expect(summary.batches).toBeGreaterThan(5)
    expect(summary.decisions).toBeGreaterThan(0)
    expect(summary.stageMoves).toBe(summary.decisions)
    expect(summary.actionsScheduled + summary.actionsAwaitingApproval).toBeGreaterThan(0)
    const counts = await engineCounts(s.db, tenant.id)
    expect(counts.decisions).toBe(summary.decisions)
    expect(counts.states).toBe(summary.accounts)
    const decision = await s.db
      .selectFrom('decisions')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    const trace = JSON.parse(decision.trace)
    expect(trace.playbook.id).toBe(decision.playbook_id)
    expect(trace.variant).toBe(decision.variant)
    expect(Array.isArray(trace.fired)).toBe(true)
  })

  it('running the same day again changes nothing', { timeout: 120_000 }, async () => {
    const s = store()
    const tenant = await s.db
      .selectFrom('tenants')
      .selectAll()
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow()
    const before = await engineState(s.db, tenant.id)
    const again = await runDaily(s, { tenant, asOf: DEMO_AS_OF, playbooks, batchSize: 64 })
    expect(again.status === 'completed' && again.alreadyCompleted).toBe(true)
    const forced = await runDaily(s, { tenant, asOf: DEMO_AS_OF, playbooks, batchSize: 64, force: true })
    if (forced.status !== 'completed') throw new Error('expected an in-process run')
    expect(forced.summary.decisions).toBe(0)
    expect(await engineState(s.db, tenant.id)).toEqual(before)
  })

  it('every scheduled action is allowed by the packs at its scheduled time (replayed through the evaluator)', {
    timeout: 120_000,
  }, async () => {
    const s = store()
    const tenant = await s.db
      .selectFrom('tenants')
      .selectAll()
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow()
    // A few more days so cadences move on and later steps are scheduled too.
    for (let day = 1; day <= 40; day += 13) {
      await runDaily(s, { tenant, asOf: addDays(DEMO_AS_OF, day), playbooks, batchSize: 64 })
    }
    const rows = await s.db
      .selectFrom('outbox')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('status', 'in', ['pending', 'awaiting_approval'])
      .execute()
    let checked = 0
    for (const row of rows) {
      const action = JSON.parse(row.payload) as PlaybookAction
      const target = complianceTarget(action)
      if (!target || !row.scheduled_at) continue
      const decision = await s.db
        .selectFrom('decisions')
        .select('as_of')
        .where('id', '=', row.decision_id)
        .executeTakeFirstOrThrow()
      const [snapshot] = await loadAccountSnapshots(
        s.db,
        { tenantId: tenant.id, firstAccountId: row.account_id, lastAccountId: row.account_id },
        decision.as_of,
      )
      if (!snapshot) throw new Error(`account ${row.account_id} not found`)
      const request = buildComplianceRequest(
        snapshot,
        {
          kind: target.kind,
          at: row.scheduled_at,
          ...(target.channel ? { channel: target.channel } : {}),
          ...(row.contact_point_id !== null ? { contactPointId: String(row.contact_point_id) } : {}),
          ...(target.channel === 'call' ? { dialing: target.dialing } : {}),
        },
        'third_party',
      )
      const verdict = evaluateCompliance(request)
      expect(verdict.reasons, `outbox ${row.id} at ${row.scheduled_at}`).toEqual([])
      expect(verdict.outcome).toBe('allow')
      checked++
    }
    expect(checked).toBeGreaterThan(100)
  })

  it('a later day writes only for accounts whose state moved', { timeout: 120_000 }, async () => {
    const s = store()
    const tenant = await s.db
      .selectFrom('tenants')
      .selectAll()
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow()
    const before = await engineCounts(s.db, tenant.id)
    const result = await runDaily(s, { tenant, asOf: addDays(DEMO_AS_OF, 41), playbooks, batchSize: 64 })
    if (result.status !== 'completed') throw new Error('expected an in-process run')
    const after = await engineCounts(s.db, tenant.id)
    expect(after.decisions - before.decisions).toBe(result.summary.decisions)
    expect(result.summary.decisions).toBeLessThan(result.summary.accounts)
  })
})

describeEachDatabase('event-triggered re-evaluation', ({ store }) => {
  it('a payment in full moves the account to resolved at once and cancels its pending actions, once', {
    timeout: 120_000,
  }, async () => {
    const s = store()
    const tenant = await loadDemo(s, 200)
    const playbooks = loadDefaultPlaybooks()
    await runDaily(s, { tenant, asOf: DEMO_AS_OF, playbooks, batchSize: 50 })
    const pending = await s.db
      .selectFrom('outbox as o')
      .innerJoin('strategy_states as st', 'st.account_id', 'o.account_id')
      .select(['o.account_id', 'st.stage'])
      .where('o.tenant_id', '=', tenant.id)
      .where('o.status', '=', 'pending')
      .executeTakeFirstOrThrow()
    const [snapshot] = await loadAccountSnapshots(
      s.db,
      { tenantId: tenant.id, firstAccountId: pending.account_id, lastAccountId: pending.account_id },
      DEMO_AS_OF,
    )
    if (!snapshot) throw new Error('account missing')
    await s.db.transaction().execute((trx) =>
      postLedgerEntry(trx, {
        tenantId: tenant.id,
        accountId: pending.account_id,
        kind: 'payment',
        amountMinor: -snapshot.balanceMinor,
        effectiveOn: DEMO_AS_OF,
        externalId: 'pay-event-1',
        actor: 'test',
      }),
    )
    const event = { key: 'payment:pay-event-1', at: '2026-03-02T20:00:00Z' }
    const first = await reevaluateAccount(s, { tenant, accountId: pending.account_id, event })
    expect(first.decision?.outcome.state.stage).toBe('resolved')
    expect(first.written.decisions).toBe(1)
    const outbox = await s.db
      .selectFrom('outbox')
      .select(['status', 'cancel_reason'])
      .where('account_id', '=', pending.account_id)
      .execute()
    expect(outbox.every((o) => o.status === 'cancelled')).toBe(true)
    expect(outbox[0]?.cancel_reason).toContain('payment:pay-event-1')
    const decision = await s.db
      .selectFrom('decisions')
      .selectAll()
      .where('account_id', '=', pending.account_id)
      .where('trigger', '=', 'event')
      .executeTakeFirstOrThrow()
    expect(decision).toMatchObject({
      trigger_ref: 'payment:pay-event-1',
      from_stage: pending.stage,
      to_stage: 'resolved',
    })
    const again = await reevaluateAccount(s, { tenant, accountId: pending.account_id, event })
    expect(again.written.decisions).toBe(0)
  })
})
