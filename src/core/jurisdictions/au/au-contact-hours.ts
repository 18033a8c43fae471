/**
 * Australian contact hours (ACCC/ASIC Debt collection guideline 2021, part 2 ss.4, 6, 7): a week of
 * windows that differ between weekdays and weekends, no contact on national public holidays, on the wall
 * clock of every zone the location evidence points to (the debtor's state or territory zone). The generic
 * contact-window family knows one window for every day, so this family has its own small schedule.
 */
import { fromDayNumber } from '../../calendar/local-date.ts'
import { publicHolidays } from '../../calendar/public-holidays.ts'
import type { ComplianceDecision, ComplianceReason } from '../../compliance/compliance-decision.ts'
import { instantMs } from '../../compliance/instant-ms.ts'
import type { ContactMedium, PreparedRequest } from '../../compliance/prepared-request.ts'
import type { RuleCheck } from '../../compliance/strictest-wins.ts'
import { zoneOffsetAt } from '../../compliance/zone-offsets.ts'

/** `HH:MM` local, start inclusive, end exclusive. */
export interface LocalWindow {
  start: string
  end: string
}

/** One schedule: which media it times, its windows, and whether public holidays are closed. */
export interface ContactSchedule {
  ruleId: string
  citation: string
  label: string
  channels: readonly ContactMedium[]
  /** Monday-Friday window, or null for no contact on weekdays. */
  weekdays: LocalWindow | null
  /** Saturday-Sunday window, or null for no contact at weekends. */
  weekends: LocalWindow | null
  /** Public-holiday calendar id (`AU`: national holidays) on which no contact is made, or null. */
  closedOn: string | null
  /** `any`: every contact of these media; `workplace`: only contacts through a point at work. */
  contactPoints: 'any' | 'workplace'
}

const DAY_MS = 86_400_000
const SEARCH_DAYS = 14

function minutes(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5))
}

const holidayDays = new Map<string, Map<number, boolean>>()

/** True when local day number `day` is a public holiday of `calendar` (years outside the data throw). */
function isHoliday(calendar: string, day: number): boolean {
  let days = holidayDays.get(calendar)
  if (days === undefined) {
    days = new Map()
    holidayDays.set(calendar, days)
  }
  const known = days.get(day)
  if (known !== undefined) return known
  const year = Number(fromDayNumber(day).slice(0, 4))
  const holidays = new Set(publicHolidays(calendar, year))
  // Every day of the year at once: a decision asks about a handful of days, the search about two weeks.
  const first = Math.round(Date.UTC(year, 0, 1) / DAY_MS)
  const last = Math.round(Date.UTC(year + 1, 0, 1) / DAY_MS)
  for (let d = first; d < last; d++) days.set(d, holidays.has(fromDayNumber(d)))
  return days.get(day) === true
}

/** The window of local day `day` (1970-01-01 = day 0, a Thursday), or null when the day is closed. */
function windowOf(s: ContactSchedule, day: number): LocalWindow | null {
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1 // 1 = Monday ... 7 = Sunday
  const window = weekday >= 6 ? s.weekends : s.weekdays
  if (window === null) return null
  if (s.closedOn !== null && isHoliday(s.closedOn, day)) return null
  return window
}

function allowedIn(s: ContactSchedule, zone: string, at: number): boolean {
  const local = at + zoneOffsetAt(zone, at)
  const day = Math.floor(local / DAY_MS)
  const window = windowOf(s, day)
  if (window === null) return false
  const minute = Math.floor((local - day * DAY_MS) / 60_000)
  return minute >= minutes(window.start) && minute < minutes(window.end)
}

/** The instant of local `minute` on local day `day` in `zone` (the windows' starts avoid DST gaps). */
function instantOf(zone: string, day: number, minute: number): number {
  const local = day * DAY_MS + minute * 60_000
  return local - zoneOffsetAt(zone, local - zoneOffsetAt(zone, local))
}

/** The check for one schedule in `zones`, or null when it does not time this contact. */
export function scheduleCheck(
  p: PreparedRequest,
  s: ContactSchedule,
  zones: readonly string[],
): RuleCheck | null {
  if (p.medium === null || !s.channels.includes(p.medium)) return null
  if (s.contactPoints === 'workplace' && !(p.point?.atWorkplace === true || p.point?.phoneType === 'work'))
    return null
  return (text, probe) => {
    const at = instantMs(text, 'at')
    if (zones.every((zone) => allowedIn(s, zone, at)))
      return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
    const earliest = nextAllowed(s, zones, at)
    const decision: ComplianceDecision = { outcome: 'block', reasons: [], earliestAllowedAt: earliest }
    if (!probe) decision.reasons.push(reason(s, zones, at))
    return decision
  }
}

/** The first instant after `at` allowed in every zone: one of the windows' local starts. */
function nextAllowed(s: ContactSchedule, zones: readonly string[], at: number): string | null {
  const candidates: number[] = []
  for (const zone of zones) {
    const first = Math.floor((at + zoneOffsetAt(zone, at)) / DAY_MS)
    for (let day = first; day <= first + SEARCH_DAYS; day++) {
      const window = windowOf(s, day)
      if (window !== null) candidates.push(instantOf(zone, day, minutes(window.start)))
    }
  }
  candidates.sort((a, b) => a - b)
  for (const t of candidates)
    if (t > at && zones.every((zone) => allowedIn(s, zone, t))) return new Date(t).toISOString()
  return null
}

function reason(s: ContactSchedule, zones: readonly string[], at: number): ComplianceReason {
  const where = zones
    .filter((zone) => !allowedIn(s, zone, at))
    .map((zone) => {
      const local = new Date(at + zoneOffsetAt(zone, at)).toISOString()
      const day = Math.floor((at + zoneOffsetAt(zone, at)) / DAY_MS)
      const closed = s.closedOn !== null && isHoliday(s.closedOn, day) ? ', a national public holiday' : ''
      return `${local.slice(0, 10)} ${local.slice(11, 16)} in ${zone}${closed}`
    })
    .join('; ')
  return { ruleId: s.ruleId, citation: s.citation, message: `${s.label}: not at ${where}` }
}
