import { addDays, type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
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
