import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import type { AppContext } from '../../src/app/app-context.ts'
import { recordPromise } from '../../src/app/money/record-promise.ts'
import { getChampionChallenger } from '../../src/app/reports/get-champion-challenger.ts'
import { getComplianceBlocks } from '../../src/app/reports/get-compliance-blocks.ts'
import { getPromisePlanRates } from '../../src/app/reports/get-promise-plan-rates.ts'
import { getReceivablesKpis } from '../../src/app/reports/get-receivables-kpis.ts'
import { getScoreMonitoring } from '../../src/app/reports/get-score-monitoring.ts'
import { getVintages } from '../../src/app/reports/get-vintages.ts'
import { scoreTenantAccounts } from '../../src/app/scoring/score-accounts.ts'
import { trainModel } from '../../src/app/scoring/train-model.ts'
import { championChallenger } from '../../src/core/analytics/champion-challenger.ts'
import { complianceBlocks } from '../../src/core/analytics/compliance-blocks.ts'
import { promisePlanRates } from '../../src/core/analytics/promise-plan-rates.ts'
import { receivablesKpis } from '../../src/core/analytics/receivables-kpis.ts'
import { scoreMonitoring } from '../../src/core/analytics/score-monitoring.ts'
import { vintageCurves } from '../../src/core/analytics/vintages.ts'
import { addDays, dayNumber } from '../../src/core/calendar/local-date.ts'
import { indexHistory } from '../../src/core/scoring/score-features.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import {
  loadBlockedActions,
  loadPlanRows,
  loadPromiseRows,
  loadTreatmentEntries,
} from '../../src/store/reports/analytics.repository.ts'
import { listAccountScores, listScoreRuns } from '../../src/store/scoring/account-score.repository.ts'
import { loadScoringHistory } from '../../src/store/scoring/scoring-history.repository.ts'
import { DEMO_AS_OF, loadDemo } from '../engine/engine-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runDaily } from '../support/run-daily.ts'

/*
 * The reports that aggregate in the database give exactly the tables the pure folds give over the
 * indexed history (the way they were computed before): same rows, same order, same rounding.
 */
describeEachDatabase('analytics reports grouped in SQL equal the folds over the history', ({ store }) => {
  it('promises and plans, compliance blocks, vintages, DSO/CEI, champion/challenger and score monitoring on the demo book', async () => {
    const tenant = await loadDemo(store(), 600, 'analytics-sql')
    const ctx: AppContext = { store: store(), actor: systemActor(tenant, 'test') }
    await runDaily(store(), { tenant, asOf: DEMO_AS_OF, playbooks: loadDefaultPlaybooks() })
    await runDaily(store(), { tenant, asOf: addDays(DEMO_AS_OF, 1), playbooks: loadDefaultPlaybooks() })
    const db = store().db
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
    await trainModel(ctx, { target: 'pay_30', dataAsOf: DEMO_AS_OF })
    await scoreTenantAccounts(ctx, { asOf: '2026-01-15' })
    const index = indexHistory(await loadScoringHistory(db, tenant.id))

    const accountId = (
      await db
        .selectFrom('accounts')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .executeTakeFirstOrThrow()
    ).id
    const plan = { tenant_id: tenant.id, account_id: accountId, frequency: 'monthly', total_minor: 1000 }
    await db
      .insertInto('payment_plans')
      .values(
        (['completed', 'broken', 'active'] as const).map((status, i) => ({
          ...plan,
          status,
          down_payment_minor: 0,
          grace_days: 5,
          created_on: `2026-0${i + 1}-10`,
        })),
      )
      .execute()
    const [promises, plans] = await Promise.all([loadPromiseRows(db, tenant.id), loadPlanRows(db, tenant.id)])
    expect(promises.length * plans.length).toBeGreaterThan(0)
    expect(await getPromisePlanRates(ctx)).toEqual(promisePlanRates(promises, plans))

    // Blocked actions with one rule, two rules (one repeated), none, and a reason without a rule id.
    const outbox = await db
      .selectFrom('outbox')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .limit(40)
      .execute()
    const reasons = [
      [{ ruleId: 'us.reg-f.call-cap' }],
      [{ ruleId: 'us.reg-f.call-cap' }, { ruleId: 'us.ny.hours' }, { ruleId: 'us.ny.hours' }],
      [],
      [{ message: 'no rule' }],
    ]
    for (const [i, o] of outbox.entries())
      await db
        .updateTable('outbox')
        .set({ status: 'blocked', compliance: JSON.stringify({ outcome: 'block', reasons: reasons[i % 4] }) })
        .where('id', '=', o.id)
        .execute()
    const blocks = await getComplianceBlocks(ctx)
    expect(blocks.rows.length).toBeGreaterThan(3)
    expect(blocks).toEqual(complianceBlocks(await loadBlockedActions(db, tenant.id)))

    for (const from of ['2024-01-01', '2025-06-01']) {
      const vintages = await getVintages(ctx, { from, to: DEMO_AS_OF })
      expect(vintages.rows.length).toBeGreaterThan(0)
      expect(vintages).toEqual(vintageCurves(index, from, DEMO_AS_OF))
      const kpis = await getReceivablesKpis(ctx, { from, to: DEMO_AS_OF })
      expect(kpis.rows.length).toBeGreaterThan(0)
      expect(kpis).toEqual(receivablesKpis(index, from, DEMO_AS_OF))
    }

    for (const asOf of [DEMO_AS_OF, addDays(DEMO_AS_OF, 60)]) {
      const cc = await getChampionChallenger(ctx, { asOf })
      const entries = await loadTreatmentEntries(db, tenant.id)
      const folded = championChallenger(
        index,
        entries.map((e) => ({ ...e, enteredDay: dayNumber(e.asOf) })),
        dayNumber(asOf),
      )
      expect(cc.rows.length).toBeGreaterThan(1)
      expect(cc).toEqual(folded)
    }

    const model = await db
      .selectFrom('score_models')
      .select(['id'])
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    const runs = await listScoreRuns(db, tenant.id, model.id)
    const scores = await listAccountScores(db, tenant.id, model.id)
    const monitoring = await getScoreMonitoring(ctx, { target: 'pay_30', asOf: DEMO_AS_OF })
    expect(monitoring.rows.filter((r) => r[0] === 'outcome').length).toBeGreaterThan(0)
    expect(monitoring).toEqual(
      scoreMonitoring(
        index,
        'pay_30',
        runs.map((r) => {
          const d = JSON.parse(r.distribution) as { deciles: number[]; bands: Record<string, number> }
          return { asOf: r.as_of, scored: r.scored, deciles: d.deciles, bands: d.bands as never }
        }),
        scores.map((s) => ({
          accountId: Number(s.account_id),
          asOfDay: dayNumber(s.as_of),
          band: s.band,
          badPpm: s.bad_ppm,
        })),
        dayNumber(DEMO_AS_OF),
      ),
    )
  })
})
