import type { Store } from '../../src/store/connect.ts'
import { insertScoreModel } from '../../src/store/scoring/score-model.repository.ts'
import { SYNTHETIC_AS_OF } from './synthetic-portfolio.ts'

/** The day the bench's stored scores were given: 30 days before the report day, so outcomes are realised. */
export const REPORT_SCORES_AS_OF = '2026-05-31'

/** A model row the monitoring report can read (its body is never applied: the scores are written bare). */
const MODEL_BODY = {
  scorecard: JSON.stringify({ target: 'pay_30', characteristics: [] }),
  baseline: JSON.stringify({ means: [], scales: [], intercept: 0, coefficients: [] }),
  metrics: JSON.stringify({ trainScoreDeciles: [] }),
  examples: '[]',
}

/**
 * Adds what the analytics reports read and the synthetic portfolio lacks, with bulk INSERT ... SELECT
 * statements over the tenant's accounts (so the other benches' portfolio stays as it is): every fourth
 * account commercial (DSO/CEI), a promise on every fifth, a plan on every seventh, one daily decision
 * per account (three variants in three segments), a blocked outbox row for every tenth decision with
 * one or two rule ids, and a `pay_30` model with a current score on every second account and its run.
 */
export async function populateReportExtras(store: Store, tenantId: number): Promise<{ modelId: number }> {
  const pg = store.dialect === 'postgres'
  const t = tenantId
  const stamp = pg ? `((d.as_of + time '10:00') at time zone 'UTC')` : `(d.as_of || 'T10:00:00.000Z')`
  const reasons = `case when d.id % 3 = 0
      then '{"outcome":"block","reasons":[{"ruleId":"us.reg-f.call-cap"},{"ruleId":"us.ny.call-cap"}]}'
      when d.id % 3 = 1 then '{"outcome":"block","reasons":[{"ruleId":"us.reg-f.inconvenient-time"}]}'
      else '{"outcome":"block","reasons":[{"ruleId":"us.reg-f.cease"}]}' end`
  const model = await store.db.transaction().execute((trx) =>
    insertScoreModel(trx, {
      tenant_id: t,
      target: 'pay_30',
      trained_by: 'system:bench',
      data_as_of: REPORT_SCORES_AS_OF,
      split_on: REPORT_SCORES_AS_OF,
      ...MODEL_BODY,
    }),
  )
  const statements = [
    `update accounts set debt_kind = 'commercial' where tenant_id = ${t} and id % 4 = 0`,
    `insert into promises (tenant_id, account_id, amount_minor, due_on, state)
     select tenant_id, id, 1000, due_on, case id % 4 when 0 then 'kept' when 1 then 'partially_kept'
       when 2 then 'broken' else 'open' end from accounts where tenant_id = ${t} and id % 5 = 0`,
    `insert into payment_plans (tenant_id, account_id, status, frequency, total_minor, down_payment_minor,
       grace_days, created_on)
     select tenant_id, id, case id % 4 when 0 then 'completed' when 1 then 'broken' when 2 then 'active'
       else 'cancelled' end, 'monthly', 10000, 0, 5, opened_on from accounts where tenant_id = ${t} and id % 7 = 0`,
    `insert into decisions (tenant_id, account_id, as_of, trigger, trigger_ref, playbook_id, playbook_version,
       variant, to_stage, trace)
     select tenant_id, id, due_on, 'daily', '', 'consumer-standard', 1,
       case (id / 3) % 3 when 0 then 'champion' when 1 then 'sms_early' else 'early_plan' end, 'early',
       case id % 3 when 0 then '{"segment":"low-balance"}' when 1 then '{"segment":"high-balance"}'
         else '{"segment":"default"}' end
     from accounts where tenant_id = ${t}`,
    `insert into outbox (tenant_id, account_id, decision_id, idempotency_key, action_type, channel, payload,
       status, compliance, created_at)
     select d.tenant_id, d.account_id, d.id, 'bench:' || d.id, 'send_sms', 'sms', '{}', 'blocked', ${reasons},
       ${stamp} from decisions d where d.tenant_id = ${t} and d.account_id % 10 = 0`,
    `insert into account_scores (account_id, tenant_id, model_id, as_of, score, band, bad_ppm, reason_codes)
     select id, tenant_id, ${model.id}, '${REPORT_SCORES_AS_OF}', 300 + id % 400,
       case id % 3 when 0 then 'low' when 1 then 'medium' else 'high' end, 100000 + (id % 7) * 100000, '[]'
     from accounts where tenant_id = ${t} and id % 2 = 0`,
    `insert into score_runs (tenant_id, model_id, as_of, scored, distribution)
     select ${t}, ${model.id}, '${REPORT_SCORES_AS_OF}', count(*), '{"bands":{"low":' || sum(case band when 'low' then 1 else 0 end)
       || ',"medium":' || sum(case band when 'medium' then 1 else 0 end) || ',"high":'
       || sum(case band when 'high' then 1 else 0 end) || '},"deciles":[1,1,1,1,1,1,1,1,1,1]}'
     from account_scores where tenant_id = ${t}`,
  ]
  for (const text of statements)
    if (pg) await store.native.query(text)
    else store.native.exec(text)
  if (pg) await store.native.query('vacuum analyze')
  else store.native.pragma('optimize')
  return { modelId: model.id }
}

/** The report day of the reports bench. */
export const REPORT_AS_OF = SYNTHETIC_AS_OF
