import {
  type DayWindow,
  keptRate,
  monthWindows,
  refusalsByRule,
  trailingDays,
} from '../../core/analytics/dashboard-figures.ts'
import { requireLocalDate } from '../../core/calendar/instant.ts'
import { addDays, type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
import { instantAtLocalTime } from '../../core/calendar/local-time.ts'
import { DEFAULT_BUCKET_BOUNDS } from '../../core/delinquency/aging-buckets.ts'
import { buildAgingReport } from '../../core/delinquency/aging-report.ts'
import { agingCells } from '../../store/aging.repository.ts'
import { listRunsPage } from '../../store/operations/operations.repository.ts'
import {
  complianceRefusals,
  openAccountsByStage,
  paymentsReceived,
  promiseStates,
} from '../../store/reports/dashboard.repository.ts'
import type { AppContext } from '../app-context.ts'
import { actorSeesClient, authorize } from '../authorize.ts'
import { runView } from '../engine/daily-runs.ts'

/** Days of promises the kept rate looks back over, and days of compliance refusals counted. */
export const PROMISE_DAYS = 90
export const REFUSAL_DAYS = 30
export const RUNS_SHOWN = 10

export interface GetDashboardInput {
  /** The day the figures are for (default: today in the tenant's zone). */
  readonly asOf?: LocalDate
  readonly now?: Date
}

/**
 * The staff dashboard of the actor's tenant as of a day (docs/api.md, "Dashboard"): aging per currency
 * and bucket, open accounts per stage, payments recovered this month and last (net of reversals, per
 * currency, months of the tenant's calendar), the promise-kept rate of the last 90 days, compliance
 * refusals of the last 30 days per rule id, and the ten newest runs up to that day. Money is never
 * summed across currencies. An actor limited to some clients sees only their accounts' figures; the
 * runs span the tenant (as GET /runs shows them).
 */
export async function getDashboard(ctx: AppContext, input: GetDashboardInput = {}) {
  authorize(ctx.actor, 'reports.dashboard')
  const { tenant, clientIds } = ctx.actor
  const zone = tenant.time_zone
  const asOf =
    input.asOf === undefined
      ? localDateAt(input.now ?? new Date(), zone)
      : requireLocalDate(input.asOf, 'asOf')
  const db = ctx.store.db
  const scope = { tenantId: tenant.id, clientIds }
  const months = monthWindows(asOf)
  const promiseWindow = trailingDays(asOf, PROMISE_DAYS)
  const refusalWindow = trailingDays(asOf, REFUSAL_DAYS)
  // The refusal window in instants: from midnight of its first day to midnight after `asOf`, in the zone.
  const instant = (day: LocalDate) => new Date(instantAtLocalTime(day, '00:00', zone)).toISOString()
  const cells = (await agingCells(db, { tenantId: tenant.id, asOf })).filter((c) =>
    actorSeesClient(ctx.actor, c.clientId),
  )
  const aging = buildAgingReport(cells, {
    asOf,
    timeZone: zone,
    bounds: DEFAULT_BUCKET_BOUNDS,
    clients: new Map(),
  })
  const stages = await openAccountsByStage(db, scope)
  const recovered = async (window: DayWindow) => ({
    ...window,
    byCurrency: (await paymentsReceived(db, scope, window.from, window.to)).map((r) => ({
      ...r,
      netMinor: r.grossMinor - r.reversedMinor,
    })),
  })
  const thisMonth = await recovered(months.thisMonth)
  const lastMonth = await recovered(months.lastMonth)
  const states = await promiseStates(db, scope, promiseWindow.from, promiseWindow.to)
  const n = (state: string) => states.get(state) ?? 0
  const refusals = await complianceRefusals(db, scope, instant(refusalWindow.from), instant(addDays(asOf, 1)))
  const blocks = refusalsByRule(
    refusals.atDecision.map((r) => r.compliance),
    refusals.atSend.map((r) => r.compliance),
  )
  // Runs of days up to asOf, newest day first: the keyset "after the day following asOf".
  const runs = await listRunsPage(db, tenant.id, {
    limit: RUNS_SHOWN,
    sort: { field: 'asOf', direction: 'desc' },
    after: { value: addDays(asOf, 1), id: 0 },
  })
  return {
    asOf,
    timeZone: zone,
    aging: { bucketLabels: aging.bucketLabels, totals: aging.totals },
    stages,
    recovered: { thisMonth, lastMonth },
    promises: {
      ...promiseWindow,
      kept: n('kept'),
      broken: n('broken'),
      partiallyKept: n('partially_kept'),
      open: n('open'),
      keptRate: keptRate(n('kept'), n('broken')),
    },
    complianceBlocks: { ...refusalWindow, refused: blocks.refused, byRule: blocks.byRule },
    runs: runs.slice(0, RUNS_SHOWN).map(runView),
  }
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>
