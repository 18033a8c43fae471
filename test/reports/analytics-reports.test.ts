import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import type { AppContext } from '../../src/app/app-context.ts'
import { recordPromise } from '../../src/app/money/record-promise.ts'
import { getChampionChallenger } from '../../src/app/reports/get-champion-challenger.ts'
import { getComplianceBlocks } from '../../src/app/reports/get-compliance-blocks.ts'
import { getPromisePlanRates } from '../../src/app/reports/get-promise-plan-rates.ts'
import { getReceivablesKpis } from '../../src/app/reports/get-receivables-kpis.ts'
import { getRollRates } from '../../src/app/reports/get-roll-rates.ts'
import { getScoreMonitoring } from '../../src/app/reports/get-score-monitoring.ts'
import { getVintages } from '../../src/app/reports/get-vintages.ts'
import { scoreTenantAccounts } from '../../src/app/scoring/score-accounts.ts'
import { trainModel } from '../../src/app/scoring/train-model.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import { DEMO_AS_OF, loadDemo } from '../engine/engine-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runDaily } from '../support/run-daily.ts'

const rowsOf = (t: { columns: string[]; rows: (string | number)[][] }) =>
  t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])))

describeEachDatabase('analytics reports on the demo portfolio', ({ store }) => {
  it('runs every report on the books, with the playbooks’ real variants', async () => {
    const tenant = await loadDemo(store(), 600, 'analytics')
    const ctx: AppContext = { store: store(), actor: systemActor(tenant, 'test') }
    await runDaily(store(), { tenant, asOf: DEMO_AS_OF, playbooks: loadDefaultPlaybooks() })
    const db = store().db

    const cc = rowsOf(await getChampionChallenger(ctx, { asOf: DEMO_AS_OF }))
    const states = await db
      .selectFrom('strategy_states')
      .select(['playbook_id', 'variant', (eb) => eb.fn.countAll().as('n')])
      .where('tenant_id', '=', tenant.id)
      .groupBy(['playbook_id', 'variant'])
      .execute()
    for (const s of states) {
      const accounts = cc
        .filter((r) => r.playbook === s.playbook_id && r.variant === s.variant)
        .reduce((sum, r) => sum + Number(r.accounts), 0)
      expect(accounts, `${s.playbook_id}/${s.variant}`).toBe(Number(s.n))
    }
    expect(new Set(cc.map((r) => r.variant))).toEqual(new Set(['champion', 'sms_early', 'early_plan']))

    const account = await db
      .selectFrom('accounts')
      .select('external_id')
      .where('tenant_id', '=', tenant.id)
      .where('status', '=', 'open')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    await recordPromise(ctx, {
      account: account.external_id,
      amount: '1.00',
      dueOn: '2026-03-20',
      channel: 'phone',
      takenBy: 'agent',
      takenOn: DEMO_AS_OF,
    })
    const promises = rowsOf(await getPromisePlanRates(ctx))
    expect(promises).toEqual([
      expect.objectContaining({ month: '2026-03', promises_open: 1, promise_kept_rate: '' }),
    ])

    const outbox = await db
      .selectFrom('outbox')
      .select(['id'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .limit(2)
      .execute()
    const blocked = JSON.stringify({
      outcome: 'block',
      reasons: [{ ruleId: 'us.reg-f.test', citation: '12 CFR 1006', message: 'm' }],
    })
    await db
      .updateTable('outbox')
      .set({ status: 'blocked', compliance: blocked })
      .where(
        'id',
        'in',
        outbox.map((o) => o.id),
      )
      .execute()
    const blocks = rowsOf(await getComplianceBlocks(ctx))
    expect(blocks.reduce((sum, r) => sum + Number(r.blocked), 0)).toBe(2)
    expect(blocks.every((r) => r.rule === 'us.reg-f.test')).toBe(true)

    // Money reports agree with a plain query on the ledger: what every account owed at the month end.
    const window = { from: '2025-12-01', to: '2026-02-28' }
    const roll = rowsOf(await getRollRates(ctx, window))
    const owing = await db
      .selectFrom('ledger_entries')
      .select(['account_id', (eb) => eb.fn.sum<number>('amount_minor').as('owed')])
      .where('tenant_id', '=', tenant.id)
      .where('effective_on', '<=', '2026-01-31')
      .groupBy('account_id')
      .execute()
    const openedBy = await db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('opened_on', '<=', '2026-01-31')
      .execute()
    const opened = new Set(openedBy.map((a) => a.id))
    const owingJanuary = owing.filter((o) => Number(o.owed) > 0 && opened.has(o.account_id)).length
    expect(
      roll.filter((r) => r.from_month === '2026-01').reduce((sum, r) => sum + Number(r.accounts), 0),
    ).toBe(owingJanuary)

    const vintages = await getVintages(ctx, { from: '2024-01-01', to: DEMO_AS_OF })
    const placed = rowsOf(vintages).reduce((sum, r) => sum + Number(r.accounts), 0)
    const placedQuery = await db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenant.id)
      .where('opened_on', '>=', '2024-01-01')
      .where('opened_on', '<=', DEMO_AS_OF)
      .executeTakeFirstOrThrow()
    expect(placed).toBe(Number(placedQuery.n))
    const kpis = rowsOf(await getReceivablesKpis(ctx, window))
    expect(kpis.length).toBeGreaterThan(0)
    expect(kpis.every((r) => typeof r.closing_minor === 'number' && Number(r.closing_minor) >= 0)).toBe(true)

    await trainModel(ctx, { target: 'pay_30', dataAsOf: DEMO_AS_OF })
    await scoreTenantAccounts(ctx, { asOf: '2026-01-15' })
    const monitoring = rowsOf(await getScoreMonitoring(ctx, { target: 'pay_30', asOf: DEMO_AS_OF }))
    const drift = monitoring.filter((r) => r.section === 'drift')
    expect(drift.map((r) => r.band)).toEqual(['low', 'medium', 'high'])
    const outcomes = monitoring.filter((r) => r.section === 'outcome')
    expect(outcomes.reduce((sum, r) => sum + Number(r.accounts), 0)).toBe(
      drift.reduce((sum, r) => sum + Number(r.accounts), 0),
    )
  })
})
