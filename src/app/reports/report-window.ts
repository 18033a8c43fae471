import { addDays, type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
import { instantAtLocalTime } from '../../core/calendar/local-time.ts'
import { type InstantWindow, localClock } from '../../store/reports/local-time-sql.ts'
import type { AppContext } from '../app-context.ts'

export interface ReportWindowInput {
  /** First month reported (default: twelve months before `to`). */
  readonly from?: LocalDate
  /** Report day (default: today in the tenant's zone). */
  readonly to?: LocalDate
  readonly now?: Date
}

/** The report window: `to` defaults to today in the tenant's zone, `from` to about a year earlier. */
export function reportWindow(ctx: AppContext, input: ReportWindowInput): { from: LocalDate; to: LocalDate } {
  const to = input.to ?? localDateAt(input.now ?? new Date(), ctx.actor.tenant.time_zone)
  return { from: input.from ?? `${addDays(to, -365).slice(0, 7)}-01`, to }
}

/**
 * The window as UTC instants for timestamped records: from midnight (tenant's zone) on the first day
 * of `from`'s month to midnight after `to`, with the tenant's clock to read their months in.
 */
export function reportInstants(ctx: AppContext, from: LocalDate, to: LocalDate): InstantWindow {
  const zone = ctx.actor.tenant.time_zone
  const fromMs = instantAtLocalTime(`${from.slice(0, 7)}-01`, '00:00', zone)
  const toMs = instantAtLocalTime(addDays(to, 1), '00:00', zone)
  return {
    tenantId: ctx.actor.tenant.id,
    fromIso: new Date(fromMs).toISOString(),
    toIso: new Date(toMs).toISOString(),
    clock: localClock(ctx.store.db, zone, fromMs, toMs),
  }
}
