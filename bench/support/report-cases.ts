import type { AppContext } from '../../src/app/app-context.ts'
import { getChampionChallenger } from '../../src/app/reports/get-champion-challenger.ts'
import { getChannelEffectiveness } from '../../src/app/reports/get-channel-effectiveness.ts'
import { getComplianceBlocks } from '../../src/app/reports/get-compliance-blocks.ts'
import { getContactRates } from '../../src/app/reports/get-contact-rates.ts'
import { getCostToCollect } from '../../src/app/reports/get-cost-to-collect.ts'
import { getPromisePlanRates } from '../../src/app/reports/get-promise-plan-rates.ts'
import { getReceivablesKpis } from '../../src/app/reports/get-receivables-kpis.ts'
import { getRecovery } from '../../src/app/reports/get-recovery.ts'
import { getRollRates } from '../../src/app/reports/get-roll-rates.ts'
import { getScoreMonitoring } from '../../src/app/reports/get-score-monitoring.ts'
import { getVintages } from '../../src/app/reports/get-vintages.ts'
import { reportWindow } from '../../src/app/reports/report-window.ts'
import { RIGHT_PARTY_OUTCOMES } from '../../src/core/analytics/contact-rates.ts'
import { monthEndsBetween } from '../../src/core/analytics/month-ends.ts'
import { monthsBetween } from '../../src/core/analytics/recovery-rates.ts'
import type { ReportTable } from '../../src/core/analytics/report-table.ts'
import { dayNumber, fromDayNumber } from '../../src/core/calendar/local-date.ts'
import { PAY_WINDOW_DAYS } from '../../src/core/scoring/score-targets.ts'
import { BENCH_UNIT_COSTS, REPORT_AS_OF } from './populate-report-extras.ts'

/** What a floor statement needs: the tenant, the model, the report window and the dialect's spellings. */
export interface FloorContext {
  tenantId: number
  modelId: number
  from: string
  to: string
  sql: DialectSql
}

/** The few spellings that differ between SQLite and PostgreSQL. */
export interface DialectSql {
  /** A date literal. */
  date(iso: string): string
  /** "YYYY-MM" of a date column. */
  month(column: string): string
  /** "YYYY-MM" of an instant column, in UTC. */
  instantMonth(column: string): string
  /** Whole days from `b` to `a` (two date expressions). */
  daysBetween(a: string, b: string): string
  /** A date expression plus whole days. */
  plusDays(date: string, days: number): string
  /** The larger of two numbers. */
  max(a: string, b: string): string
  /** A string field of a JSON text column. */
  jsonText(column: string, field: string): string
  /** FROM-clause item: the elements of a JSON text column's array field, as `alias.value` JSON. */
  jsonElements(column: string, field: string, alias: string): string
  /** A string field of one such element. */
  elementText(alias: string, field: string): string
  /** A timestamp literal (an ISO instant). */
  instant(iso: string): string
  /** The UTC calendar day of an instant column, comparable with a date column. */
  instantDay(column: string): string
  /** The UTC hour "HH" of an instant column. */
  instantHour(column: string): string
}

export const SQLITE_SQL: DialectSql = {
  date: (iso) => `'${iso}'`,
  month: (c) => `substr(${c}, 1, 7)`,
  instantMonth: (c) => `substr(${c}, 1, 7)`,
  daysBetween: (a, b) => `cast(julianday(${a}) - julianday(${b}) as integer)`,
  plusDays: (d, n) => `date(${d}, '+${n} days')`,
  max: (a, b) => `max(${a}, ${b})`,
  jsonText: (c, f) => `json_extract(${c}, '$.${f}')`,
  jsonElements: (c, f, alias) => `json_each(${c}, '$.${f}') ${alias}`,
  elementText: (alias, f) => `json_extract(${alias}.value, '$.${f}')`,
  instant: (iso) => `'${iso}'`,
  instantDay: (c) => `substr(${c}, 1, 10)`,
  instantHour: (c) => `substr(${c}, 12, 2)`,
}

export const POSTGRES_SQL: DialectSql = {
  date: (iso) => `date '${iso}'`,
  month: (c) => `to_char(${c}, 'YYYY-MM')`,
  instantMonth: (c) => `to_char(${c} at time zone 'UTC', 'YYYY-MM')`,
  daysBetween: (a, b) => `(${a} - ${b})`,
  plusDays: (d, n) => `(${d} + ${n})`,
  max: (a, b) => `greatest(${a}, ${b})`,
  jsonText: (c, f) => `(${c}::jsonb ->> '${f}')`,
  jsonElements: (c, f, alias) => `lateral jsonb_array_elements(${c}::jsonb -> '${f}') ${alias}(value)`,
  elementText: (alias, f) => `(${alias}.value ->> '${f}')`,
  instant: (iso) => `timestamptz '${iso}'`,
  instantDay: (c) => `(${c} at time zone 'UTC')::date`,
  instantHour: (c) => `to_char(${c} at time zone 'UTC', 'HH24')`,
}

/** One report of the bench: its use case and one hand-written statement computing the same figures. */
export interface ReportCase {
  name: string
  run(ctx: AppContext): Promise<ReportTable>
  floor(f: FloorContext): string
  /**
   * Whether the use case's table and the floor's rows hold the same figures: undefined when they do,
   * else what differs. Rows without it are compared by their row counts only (printed).
   */
  agree?(table: ReportTable, floor: readonly Record<string, unknown>[]): string | undefined
}

/** The report's rows and the floor's as sorted lists of their figures, compared: undefined if equal. */
function sameFigures(
  table: ReportTable,
  columns: readonly string[],
  floor: readonly Record<string, unknown>[],
  keep: (row: (string | number)[]) => boolean = () => true,
): string | undefined {
  const at = columns.map((c) => {
    const i = table.columns.indexOf(c)
    if (i < 0) throw new Error(`${table.report} has no column ${c}`)
    return i
  })
  // Numbers from either driver (PostgreSQL sums arrive as text); '' (a call-only figure on another channel) as 0.
  const norm = (v: unknown) => (v === '' ? 0 : typeof v === 'string' && !/^-?\d+$/.test(v) ? v : Number(v))
  const mine = table.rows
    .filter(keep)
    .map((r) => JSON.stringify(at.map((i) => norm(r[i]))))
    .sort()
  const theirs = floor.map((r) => JSON.stringify(columns.map((c) => norm(r[c])))).sort()
  if (mine.length !== theirs.length) return `${mine.length} rows against the floor's ${theirs.length}`
  const i = mine.findIndex((m, k) => m !== theirs[k])
  return i < 0 ? undefined : `row ${mine[i]} against the floor's ${theirs[i]} (${columns.join(', ')})`
}

/** "YYYY-MM" of every month of the window, as a VALUES list `months (m)`. */
function windowMonths(f: FloorContext): string {
  return `months (m) as (values ${monthsBetween(f.from, f.to)
    .map((m) => `('${m}')`)
    .join(', ')})`
}

/** The report window as instants (the bench tenant's zone is UTC): [first of from's month, day after to). */
function instantWindow(f: FloorContext, column: string): string {
  const fromIso = `${f.from.slice(0, 7)}-01T00:00:00.000Z`
  const toIso = `${fromDayNumber(dayNumber(f.to) + 1)}T00:00:00.000Z`
  return `${column} >= ${f.sql.instant(fromIso)} and ${column} < ${f.sql.instant(toIso)}`
}

/** Payments and payment reversals of `l` (with `r` the entry a reversal undoes, left joined), as collected. */
const COLLECTED = `case when l.kind = 'payment' then -l.amount_minor
  when l.kind = 'reversal' and r.kind = 'payment' then -l.amount_minor else 0 end`

/** Bucket 0-6 (current ... 121+, paid) of an amount owed and its days past due, as roll-rates buckets them. */
function bucket(owed: string, dpd: string): string {
  return `case when ${owed} <= 0 then 6 when ${dpd} <= 0 then 0 when ${dpd} <= 30 then 1 when ${dpd} <= 60 then 2
    when ${dpd} <= 90 then 3 when ${dpd} <= 120 then 4 else 5 end`
}

/** `b (account_id, b0, b1, ...)`: each account's balance at the end of each day, in one pass over the ledger. */
function balancesAt(f: FloorContext, days: readonly string[]): string {
  const sums = days.map(
    (day, i) => `sum(case when effective_on <= ${f.sql.date(day)} then amount_minor else 0 end) as b${i}`,
  )
  return `b as (select account_id, ${sums.join(', ')} from ledger_entries where tenant_id = ${f.tenantId}
    group by account_id)`
}

const PAYMENT = `l.kind = 'payment' and l.amount_minor < 0`

/** The look-ahead of the channel-effectiveness case (the report's default). */
const WITHIN_DAYS = 7

/** The bench tenant's default currency: the one its unit costs are in. */
const BENCH_CURRENCY = 'USD'

/** The reports the bench times, each with its floor; add a row to bench a new report. */
const HISTORY_CASES: readonly ReportCase[] = [
  {
    name: 'roll-rates',
    run: (ctx) => getRollRates(ctx, { to: REPORT_AS_OF }),
    floor: (f) => {
      const ends = monthEndsBetween(f.from, f.to).map(fromDayNumber)
      const pairs = ends
        .slice(0, -1)
        .map((end, m) => `(${m}, ${f.sql.date(end)}, ${f.sql.date(ends[m + 1] as string)})`)
      const pick = (offset: number) =>
        `case x.m ${pairs.map((_, m) => `when ${m} then b.b${m + offset}`).join(' ')} end`
      return `with ${balancesAt(f, ends)},
        ends (m, s, e) as (values ${pairs.join(', ')}),
        rolls as (
          select x.m, ${pick(0)} as owed0, ${pick(1)} as owed1, ${f.sql.daysBetween('x.s', 'a.due_on')} as dpd0,
            ${f.sql.daysBetween('x.e', 'a.due_on')} as dpd1
          from accounts a join b on b.account_id = a.id join ends x on a.opened_on <= x.s
          where a.tenant_id = ${f.tenantId})
        select m, ${bucket('owed0', 'dpd0')} as from_bucket, ${bucket('owed1', 'dpd1')} as to_bucket, count(*) as accounts
        from rolls where owed0 > 0 group by 1, 2, 3`
    },
  },
  {
    name: 'vintages',
    run: (ctx) => getVintages(ctx, { to: REPORT_AS_OF }),
    floor: (f) => `with acc as (
        select id, ${f.sql.month('opened_on')} as pm, currency from accounts
        where tenant_id = ${f.tenantId} and opened_on >= ${f.sql.date(f.from)} and opened_on <= ${f.sql.date(f.to)}),
      placed as (
        select acc.pm, acc.currency, count(*) as accounts, sum(coalesce(c.charged, 0)) as placed
        from acc left join (select account_id, sum(amount_minor) as charged from ledger_entries
          where tenant_id = ${f.tenantId} and kind = 'charge' group by account_id) c on c.account_id = acc.id
        group by 1, 2),
      paid as (
        select acc.pm, acc.currency, ${f.sql.month('l.effective_on')} as month, sum(-l.amount_minor) as paid
        from acc join ledger_entries l on l.account_id = acc.id
        where ${PAYMENT} and l.effective_on <= ${f.sql.date(f.to)} group by 1, 2, 3)
      select p.pm, p.currency, p.accounts, p.placed, q.month,
        sum(q.paid) over (partition by p.pm, p.currency order by q.month) as cumulative_paid
      from placed p left join paid q on q.pm = p.pm and q.currency = p.currency`,
  },
  {
    name: 'dso-cei',
    run: (ctx) => getReceivablesKpis(ctx, { to: REPORT_AS_OF }),
    floor: (f) => {
      const ends = monthEndsBetween(f.from, f.to)
      const first = dayNumber(`${fromDayNumber(ends[0] as number).slice(0, 7)}-01`) - 1
      const days = [first, ...ends].map((d) => f.sql.date(fromDayNumber(d)))
      const sums = days.map(
        (d, i) => `sum(case when l.effective_on <= ${d} then l.amount_minor else 0 end) as b${i}`,
      )
      ends.forEach((_, m) => {
        const within = `l.effective_on > ${days[m]} and l.effective_on <= ${days[m + 1]}`
        sums.push(`sum(case when ${PAYMENT} and ${within} then -l.amount_minor else 0 end) as p${m}`)
        sums.push(`sum(case when l.kind = 'charge' and ${within} then l.amount_minor else 0 end) as c${m}`)
      })
      const pick = (column: (m: number) => string) =>
        `case x.m ${ends.map((_, m) => `when ${m} then ${column(m)}`).join(' ')} end`
      const closing = f.sql.max(
        '0',
        pick((m) => `w.b${m + 1}`),
      )
      return `with w as materialized (
          select a.id, a.currency, a.opened_on, a.due_on, ${sums.join(', ')}
          from accounts a join ledger_entries l on l.account_id = a.id
          where a.tenant_id = ${f.tenantId} and a.debt_kind = 'commercial' group by a.id, a.currency, a.opened_on, a.due_on),
        ends (m, e) as (values ${ends.map((e, m) => `(${m}, ${f.sql.date(fromDayNumber(e))})`).join(', ')})
        select x.m, w.currency, sum(${f.sql.max(
          '0',
          pick((m) => `w.b${m}`),
        )}) as opening,
          sum(${pick((m) => `w.c${m}`)}) as sales, sum(${pick((m) => `w.p${m}`)}) as collected,
          sum(${closing}) as closing, sum(case when x.e <= w.due_on then ${closing} else 0 end) as closing_current
        from w join ends x on w.opened_on <= x.e group by 1, 2`
    },
  },
  {
    name: 'promises',
    run: (ctx) => getPromisePlanRates(ctx),
    floor: (f) => `select ${f.sql.month('due_on')} as month, 'promise' as kind, state, count(*) as n
        from promises where tenant_id = ${f.tenantId} group by 1, 3
      union all
      select ${f.sql.month('created_on')}, 'plan', status, count(*) from payment_plans
        where tenant_id = ${f.tenantId} group by 1, 3`,
  },
  {
    name: 'compliance-blocks',
    run: (ctx) => getComplianceBlocks(ctx),
    floor: (f) => `select ${f.sql.instantMonth('o.created_at')} as month,
        coalesce(${f.sql.elementText('r', 'ruleId')}, '(no reason recorded)') as rule, a.jurisdiction,
        o.action_type, coalesce(o.channel, '') as channel, count(distinct o.id) as blocked
      from outbox o join accounts a on a.id = o.account_id
      left join ${f.sql.jsonElements('o.compliance', 'reasons', 'r')} on true
      where o.tenant_id = ${f.tenantId} and o.status = 'blocked'
      group by 1, 2, 3, 4, 5`,
  },
  {
    name: 'champion-challenger',
    run: (ctx) => getChampionChallenger(ctx, { asOf: REPORT_AS_OF }),
    floor: (f) => `with firsts as (
        select min(id) as id from decisions where tenant_id = ${f.tenantId} and error is null group by account_id),
      per as (
        select d.playbook_id, ${f.sql.jsonText('d.trace', 'segment')} as segment, a.currency, d.variant,
          sum(case when l.effective_on <= d.as_of then l.amount_minor else 0 end) as at_entry,
          sum(case when l.effective_on <= ${f.sql.date(f.to)} then l.amount_minor else 0 end) as now_owed,
          sum(case when ${PAYMENT} and l.effective_on > d.as_of and l.effective_on <= ${f.sql.date(f.to)}
            then -l.amount_minor else 0 end) as collected
        from firsts
        join decisions d on d.id = firsts.id
        join accounts a on a.id = d.account_id
        left join ledger_entries l on l.account_id = d.account_id
        where d.as_of <= ${f.sql.date(f.to)}
        group by d.id, d.playbook_id, d.trace, a.currency, d.variant)
      select playbook_id, segment, currency, variant, count(*) as accounts,
        sum(${f.sql.max('0', 'coalesce(at_entry, 0)')}) as placed, sum(coalesce(collected, 0)) as collected,
        sum(coalesce(collected, 0) * coalesce(collected, 0)) as collected_squares,
        sum(case when coalesce(now_owed, 0) <= 0 then 1 else 0 end) as cured
      from per group by 1, 2, 3, 4`,
  },
  {
    name: 'score-monitoring',
    run: (ctx) => getScoreMonitoring(ctx, { target: 'pay_30', asOf: REPORT_AS_OF }),
    floor: (f) => `select s.band, count(*) as accounts, sum(s.bad_ppm) as predicted_ppm,
        sum(case when exists (select 1 from ledger_entries l where l.account_id = s.account_id and ${PAYMENT}
          and l.effective_on > s.as_of and l.effective_on <= ${f.sql.plusDays('s.as_of', PAY_WINDOW_DAYS)})
          then 0 else 1 end) as bad
      from account_scores s
      where s.tenant_id = ${f.tenantId} and s.model_id = ${f.modelId}
        and s.as_of <= ${f.sql.date(fromDayNumber(dayNumber(f.to) - PAY_WINDOW_DAYS))}
      group by s.band`,
  },
]

/** The ledger `l` of the tenant joined to its account `a` and, for reversals, the entry `r` undone. */
function ledgerJoined(f: FloorContext): string {
  return `ledger_entries l join accounts a on a.id = l.account_id
    left join ledger_entries r on r.id = l.reverses_id
    where l.tenant_id = ${f.tenantId}`
}

/** The four reports over contacts, costs and recovery (populate-report-extras.ts adds what they read). */
const CONTACT_CASES: readonly ReportCase[] = [
  {
    name: 'recovery',
    run: (ctx) => getRecovery(ctx, { to: REPORT_AS_OF }),
    floor: (f) => `with g as (
        select a.currency, ${f.sql.month('l.effective_on')} as month,
          sum(case when l.component <> 'credit' then l.amount_minor else 0 end) as owed,
          sum(case when l.kind in ('charge', 'fee', 'interest') and l.amount_minor > 0 then l.amount_minor else 0 end) as charged,
          sum(case when l.kind = 'charge' then l.amount_minor else 0 end) as placed,
          sum(${COLLECTED}) as collected
        from ${ledgerJoined(f)} and l.effective_on <= ${f.sql.date(f.to)}
        group by 1, 2),
      ${windowMonths(f)}
      select x.m as month, g.currency,
        sum(case when g.month < x.m then g.owed else 0 end) as opening_minor,
        sum(case when g.month = x.m then g.charged else 0 end) as new_charges_minor,
        sum(case when g.month = x.m then g.collected else 0 end) as collected_minor,
        sum(g.owed) as closing_minor, sum(g.placed) as placed_to_date_minor,
        sum(g.collected) as collected_to_date_minor
      from months x join g on g.month <= x.m
      group by x.m, g.currency
      having sum(case when g.month < x.m then g.owed else 0 end) <> 0 or sum(g.placed) <> 0
        or max(case when g.month = x.m then 1 else 0 end) = 1`,
    agree: (table, floor) =>
      sameFigures(
        table,
        [
          'month',
          'currency',
          'opening_minor',
          'new_charges_minor',
          'collected_minor',
          'closing_minor',
          'placed_to_date_minor',
          'collected_to_date_minor',
        ],
        floor,
      ),
  },
  {
    name: 'cost-to-collect',
    run: (ctx) => getCostToCollect(ctx, { to: REPORT_AS_OF }),
    floor: (f) => {
      const sent = (channel: string) =>
        `count(distinct case when o.channel = '${channel}' then coalesce(o.message_id, -o.id) end)`
      const home = `currency = '${BENCH_CURRENCY}'`
      const priced = `sum(emails) * ${BENCH_UNIT_COSTS.emailMinor} + sum(sms) * ${BENCH_UNIT_COSTS.smsMinor}
        + sum(letters) * ${BENCH_UNIT_COSTS.letterMinor}`
      const contactCost = `case when ${home} then ${priced} else 0 end`
      return `with parts (month, currency, emails, sms, letters, calls, legal, collected) as (
          select ${f.sql.instantMonth('o.sent_at')}, a.currency, ${sent('email')}, ${sent('sms')}, ${sent('letter')}, 0, 0, 0
          from outbox o join accounts a on a.id = o.account_id
          where o.tenant_id = ${f.tenantId} and o.status = 'sent' and o.channel in ('email', 'sms', 'letter')
            and ${instantWindow(f, 'o.sent_at')}
          group by 1, 2
          union all
          select ${f.sql.instantMonth('t.outcome_at')}, a.currency, 0, 0, 0, count(*), 0, 0
          from call_tasks t join accounts a on a.id = t.account_id
          where t.tenant_id = ${f.tenantId} and t.outcome is not null and ${instantWindow(f, 't.outcome_at')}
          group by 1, 2
          union all
          select ${f.sql.month('l.effective_on')}, a.currency, 0, 0, 0, 0,
            sum(case when l.component = 'cost' and l.amount_minor > 0 then l.amount_minor else 0 end), sum(${COLLECTED})
          from ${ledgerJoined(f)} and l.effective_on >= ${f.sql.date(`${f.from.slice(0, 7)}-01`)}
            and l.effective_on <= ${f.sql.date(f.to)}
          group by 1, 2)
        select month, currency, sum(emails) as emails, sum(sms) as sms, sum(letters) as letters, sum(calls) as calls,
          ${contactCost} as contact_cost_minor,
          case when ${home} then sum(calls) else sum(emails) + sum(sms) + sum(letters) + sum(calls) end as unpriced_contacts,
          sum(legal) as legal_costs_minor, ${contactCost} + sum(legal) as total_cost_minor, sum(collected) as collected_minor
        from parts group by month, currency
        having sum(emails) + sum(sms) + sum(letters) + sum(calls) > 0 or sum(legal) <> 0 or sum(collected) <> 0`
    },
    agree: (table, floor) =>
      sameFigures(
        table,
        [
          'month',
          'currency',
          'emails',
          'sms',
          'letters',
          'calls',
          'contact_cost_minor',
          'unpriced_contacts',
          'legal_costs_minor',
          'total_cost_minor',
          'collected_minor',
        ],
        floor,
      ),
  },
  {
    name: 'contacts',
    run: (ctx) => getContactRates(ctx, { to: REPORT_AS_OF }),
    floor: (f) => {
      const rpc = RIGHT_PARTY_OUTCOMES.map((o) => `'${o}'`).join(', ')
      return `select month, channel, sum(attempts) as attempts, sum(conversations) as conversations,
          sum(responses) as responses, sum(worked) as calls_worked, sum(rpc) as right_party_contacts,
          sum(wrong_party) as wrong_party, sum(promises) as promises
        from (
          select ${f.sql.instantMonth('e.occurred_at')} as month, e.channel,
            sum(case when e.direction = 'outbound' and e.result not in ('queued', 'failed') then 1 else 0 end) as attempts,
            sum(case when e.result = 'conversation' then 1 else 0 end) as conversations,
            sum(case when e.direction = 'inbound' then 1 else 0 end) as responses,
            0 as worked, 0 as rpc, 0 as wrong_party, 0 as promises
          from contact_events e
          where e.tenant_id = ${f.tenantId} and ${instantWindow(f, 'e.occurred_at')}
          group by 1, 2
          union all
          select ${f.sql.instantMonth('t.outcome_at')}, 'call', 0, 0, 0, count(*),
            sum(case when t.outcome in (${rpc}) then 1 else 0 end),
            sum(case when t.outcome = 'wrong_party' then 1 else 0 end),
            sum(case when t.outcome = 'promise_to_pay' then 1 else 0 end)
          from call_tasks t
          where t.tenant_id = ${f.tenantId} and t.outcome is not null and ${instantWindow(f, 't.outcome_at')}
          group by 1) u
        group by month, channel`
    },
    agree: (table, floor) =>
      sameFigures(
        table,
        [
          'month',
          'channel',
          'attempts',
          'conversations',
          'responses',
          'calls_worked',
          'right_party_contacts',
          'wrong_party',
          'promises',
        ],
        floor,
      ),
  },
  {
    name: 'channel-effectiveness',
    run: (ctx) => getChannelEffectiveness(ctx, { to: REPORT_AS_OF, withinDays: WITHIN_DAYS }),
    floor: (f) => {
      const day = f.sql.instantDay('o.sent_at')
      const dimension = (
        d: string,
      ) => `select '${d}' as dimension, ${d} as value, currency, count(*) as messages,
          count(distinct account_id) as accounts,
          count(distinct case when collected > 0 then account_id end) as accounts_paying,
          sum(case when collected > 0 then collected else 0 end) as collected_minor
        from sent group by ${d}, currency`
      return `with sent as materialized (
          select o.id, o.account_id, o.channel, a.currency,
            coalesce(${f.sql.jsonText('o.payload', 'template')}, ${f.sql.jsonText('o.payload', 'document')}, o.action_type) as template,
            coalesce(${f.sql.jsonText('o.payload', 'tone')}, '') as tone, ${f.sql.instantHour('o.sent_at')} as hour,
            sum(${COLLECTED}) as collected
          from outbox o join accounts a on a.id = o.account_id
          left join ledger_entries l on l.account_id = o.account_id and l.kind in ('payment', 'reversal')
            and l.effective_on >= ${day} and l.effective_on <= ${f.sql.plusDays(day, WITHIN_DAYS)}
          left join ledger_entries r on r.id = l.reverses_id
          where o.tenant_id = ${f.tenantId} and o.status = 'sent' and o.channel in ('email', 'sms', 'letter')
            and ${instantWindow(f, 'o.sent_at')}
          group by o.id, a.currency)
        ${['channel', 'template', 'tone', 'hour'].map(dimension).join(' union all ')}`
    },
    agree: (table, floor) =>
      sameFigures(
        table,
        ['dimension', 'value', 'currency', 'messages', 'accounts', 'accounts_paying', 'collected_minor'],
        floor,
      ),
  },
]

export const REPORT_CASES: readonly ReportCase[] = [...HISTORY_CASES, ...CONTACT_CASES]

/** The window every windowed report uses with `to` = the report day. */
export function benchWindow(ctx: AppContext): { from: string; to: string } {
  return reportWindow(ctx, { to: REPORT_AS_OF })
}
