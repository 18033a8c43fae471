import { CALL_OUTCOMES } from '../../src/core/tasks/call-outcome.ts'
import type { Store } from '../../src/store/connect.ts'
import { insertScoreModel } from '../../src/store/scoring/score-model.repository.ts'
import { SYNTHETIC_AS_OF } from './synthetic-portfolio.ts'

/** The day the bench's stored scores were given: 30 days before the report day, so outcomes are realised. */
export const REPORT_SCORES_AS_OF = '2026-05-31'

/**
 * The unit costs the bench tenant configures (cost to collect): emails, texts and letters priced,
 * calls left unconfigured so the report's `unpriced_contacts` is exercised too.
 */
export const BENCH_UNIT_COSTS = { emailMinor: 4, smsMinor: 7, letterMinor: 95 } as const

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
 *
 * For the contact and cost reports: two accounts in three get a sent outbox row five days after their
 * due date (one channel per debtor: email, sms or letter; a debtor's emails and texts go out as one
 * message naming all its accounts, so consolidation is counted per currency), each with its outbound
 * contact event (one in twenty failed); every fourth account a worked call task (its outcome cycling
 * through all twelve) with its call event; every eighth an inbound reply; every 11th account a posted
 * legal cost, every 30th a payment reversal; and the tenant's unit costs ({@link BENCH_UNIT_COSTS}).
 * The synthetic payments fall ten days after the due date, so within 7 days of those messages.
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
  const sentAt = (day: string, hour: string) =>
    pg
      ? `((${day} + 5 + make_interval(hours => (${hour})::int)) at time zone 'UTC')`
      : `(date(${day}, '+5 days') || 'T' || printf('%02d', ${hour}) || ':00:00.000Z')`
  const callAt = pg
    ? `((a.due_on + 3 + time '14:30') at time zone 'UTC')`
    : `(date(a.due_on, '+3 days') || 'T14:30:00.000Z')`
  const channel = `case a.debtor_id % 3 when 0 then 'email' when 1 then 'sms' else 'letter' end`
  const outcomes = CALL_OUTCOMES.map((o, i) => `when ${i} then '${o}'`).join(' ')
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
    `update tenants set settings = '${JSON.stringify({ costs: BENCH_UNIT_COSTS })}' where id = ${t}`,
    `insert into messages (tenant_id, debtor_id, channel, idempotency_key, recipient, render_input, status,
       next_attempt_at, compliance, reply_token, sent_at)
     select a.tenant_id, a.debtor_id, ${channel}, 'bench:' || a.debtor_id, 'debtor' || a.debtor_id, '{}', 'sent',
       min(${sentAt('a.due_on', '8 + a.debtor_id % 10')}), '{}', 'bench:' || a.debtor_id,
       min(${sentAt('a.due_on', '8 + a.debtor_id % 10')})
     from accounts a where a.tenant_id = ${t} and a.id % 3 <> 0 and a.debtor_id % 3 <> 2
     group by a.tenant_id, a.debtor_id`,
    `insert into outbox (tenant_id, account_id, decision_id, idempotency_key, action_type, channel, payload,
       status, compliance, created_at, sent_at, message_id)
     select a.tenant_id, a.id, d.id, 'bench:sent:' || d.id,
       case ${channel} when 'letter' then 'send_letter' else 'send_' || ${channel} end, ${channel},
       case when a.debtor_id % 3 = 2 then '{"document":"validation-notice"}'
         else '{"template":"reminder-' || (a.id % 4) || '","tone":"' || case a.id % 3 when 0 then 'friendly'
           when 1 then 'neutral' else 'firm' end || '"}' end,
       'sent', '{"outcome":"allow","reasons":[]}', ${sentAt('a.due_on', '8 + a.debtor_id % 10')},
       ${sentAt('a.due_on', '8 + a.debtor_id % 10')}, m.id
     from accounts a join decisions d on d.account_id = a.id
     left join messages m on m.tenant_id = a.tenant_id and m.idempotency_key = 'bench:' || a.debtor_id
     where a.tenant_id = ${t} and a.id % 3 <> 0`,
    `insert into contact_events (tenant_id, account_id, channel, direction, result, occurred_at, outbox_id)
     select tenant_id, account_id, channel, 'outbound', case when id % 20 = 0 then 'failed' else 'delivered' end,
       sent_at, id from outbox where tenant_id = ${t} and status = 'sent'`,
    `insert into call_tasks (tenant_id, account_id, debtor_id, due_at, status, script, outcome, outcome_at, outcome_by)
     select a.tenant_id, a.id, a.debtor_id, ${callAt}, case when a.id % 40 = 2 then 'open' else 'done' end, '',
       case when a.id % 40 = 2 then null else case (a.id / 4) % ${CALL_OUTCOMES.length} ${outcomes} end end,
       case when a.id % 40 = 2 then null else ${callAt} end, 'bench'
     from accounts a where a.tenant_id = ${t} and a.id % 4 = 2`,
    `insert into contact_events (tenant_id, account_id, channel, direction, result, occurred_at)
     select tenant_id, account_id, 'call', 'outbound', case when outcome in ('no_answer', 'busy', 'not_in_service',
       'voicemail') then outcome else 'conversation' end, outcome_at
     from call_tasks where tenant_id = ${t} and outcome is not null`,
    `insert into contact_events (tenant_id, account_id, channel, direction, result, occurred_at)
     select a.tenant_id, a.id, case when a.id % 16 = 3 then 'email' else 'sms' end, 'inbound', 'responded', ${callAt}
     from accounts a where a.tenant_id = ${t} and a.id % 8 = 3`,
    `insert into ledger_entries (tenant_id, account_id, kind, amount_minor, effective_on, posted_at, external_id, component)
     select tenant_id, id, 'fee', 2500, ${pg ? 'due_on + 20' : "date(due_on, '+20 days')"}, ${pg ? 'now()' : `'${REPORT_AS_OF_STAMP}'`},
       'bench:cost', 'cost' from accounts where tenant_id = ${t} and id % 11 = 0`,
    `insert into ledger_entries (tenant_id, account_id, kind, amount_minor, effective_on, posted_at, external_id,
       reverses_id, component)
     select tenant_id, account_id, 'reversal', -amount_minor, ${pg ? 'effective_on + 2' : "date(effective_on, '+2 days')"},
       posted_at, 'bench:reversal', id, component
     from ledger_entries where tenant_id = ${t} and kind = 'payment' and account_id % 30 = 1`,
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

/** When the bench's costs were posted (SQLite stamp). */
const REPORT_AS_OF_STAMP = `${SYNTHETIC_AS_OF}T12:00:00.000Z`
