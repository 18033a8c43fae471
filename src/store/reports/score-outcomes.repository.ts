import { type Kysely, sql } from 'kysely'
import type { BandOutcome } from '../../core/analytics/score-monitoring.ts'
import { addDays, type LocalDate } from '../../core/calendar/local-date.ts'
import { PAY_WINDOW_DAYS, type ScoreTarget } from '../../core/scoring/score-targets.ts'
import type { Database } from '../schema.ts'
import { plusDaysSql } from './report-sql.ts'

/**
 * The realised outcome by band of a model's current scores at least 30 days old on `asOf`, counted in
 * the database: the same figures `bandOutcomes` computes from an indexed history. Bad for `pay_30`: no
 * payment within 30 days after the score day; for `late_payment`: still owing 30 days after it.
 */
export async function loadBandOutcomes(
  db: Kysely<Database>,
  options: { tenantId: number; modelId: number; target: ScoreTarget; asOf: LocalDate },
): Promise<BandOutcome[]> {
  const windowEnd = plusDaysSql(db as unknown as Kysely<unknown>, sql.ref('s.as_of'), PAY_WINDOW_DAYS)
  const bad =
    options.target === 'pay_30'
      ? sql`not exists (select 1 from ledger_entries l where l.account_id = s.account_id
          and l.kind = 'payment' and l.amount_minor < 0 and l.effective_on > s.as_of and l.effective_on <= ${windowEnd})`
      : sql`coalesce((select sum(l.amount_minor) from ledger_entries l where l.account_id = s.account_id
          and l.effective_on <= ${windowEnd}), 0) > 0`
  const result = await sql<BandOutcome>`select s.band as "band", count(*) as "accounts",
      sum(s.bad_ppm) as "predictedPpm", sum(case when ${bad} then 1 else 0 end) as "bad"
    from account_scores s
    where s.tenant_id = ${options.tenantId} and s.model_id = ${options.modelId}
      and s.as_of <= ${addDays(options.asOf, -PAY_WINDOW_DAYS)}
    group by s.band`.execute(db)
  return result.rows
}
