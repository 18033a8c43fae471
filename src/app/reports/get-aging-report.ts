import { requireLocalDate } from '../../core/calendar/instant.ts'
import { type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
import { DEFAULT_BUCKET_BOUNDS, parseBucketBounds } from '../../core/delinquency/aging-buckets.ts'
import { type AgingReport, buildAgingReport } from '../../core/delinquency/aging-report.ts'
import { AppError } from '../../core/errors/index.ts'
import { agingCells, clientNames } from '../../store/aging.repository.ts'
import type { AppContext } from '../app-context.ts'
import { actorSeesClient, authorize } from '../authorize.ts'

export interface GetAgingReportInput {
  /** Report date (default: today in the creditor's time zone). */
  readonly asOf?: LocalDate
  /** Bucket upper bounds in days (default 30,60,90,120), or as given: "30,60,90". */
  readonly bounds?: readonly number[] | string
  readonly now?: Date
}

/**
 * The aging report of the actor's tenant as of a date: accounts and balances per DPD bucket. The date
 * and the bounds are checked here, so every surface refuses the same input with the same code.
 */
export async function getAgingReport(ctx: AppContext, input: GetAgingReportInput = {}): Promise<AgingReport> {
  authorize(ctx.actor, 'reports.aging')
  const { tenant } = ctx.actor
  const asOf =
    input.asOf === undefined
      ? localDateAt(input.now ?? new Date(), tenant.time_zone)
      : requireLocalDate(input.asOf, 'report date')
  const bounds = bucketBounds(input.bounds)
  // The agency case: an actor limited to some clients sees only their rows (and totals of them).
  const cells = (await agingCells(ctx.store.db, { tenantId: tenant.id, asOf, bounds })).filter((cell) =>
    actorSeesClient(ctx.actor, cell.clientId),
  )
  const ids = [...new Set(cells.flatMap((c) => (c.clientId === null ? [] : [c.clientId])))]
  return buildAgingReport(cells, {
    asOf,
    timeZone: tenant.time_zone,
    bounds,
    clients: await clientNames(ctx.store.db, tenant.id, ids),
  })
}

function bucketBounds(given: GetAgingReportInput['bounds']): readonly number[] {
  if (given === undefined) return DEFAULT_BUCKET_BOUNDS
  if (typeof given !== 'string') return given
  try {
    return parseBucketBounds(given)
  } catch (error) {
    throw new AppError('invalid_buckets', `buckets: ${(error as Error).message}`, { buckets: given })
  }
}
