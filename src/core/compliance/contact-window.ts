/**
 * Inconvenient-time rules: a contact is allowed only when the proposed instant falls inside the permitted
 * window on the local wall clock of EVERY zone the location evidence points to (Reg F official
 * interpretation to 1006.6(b)(1)(i): Eastern mobile + Pacific address gives 11:00-21:00 ET).
 * The window's start is inclusive and its end exclusive: with 08:00-21:00, 08:00:00 and 20:59:59 are
 * allowed, 07:59:59 and 21:00:00 are not.
 */
import { parseInstant } from '../calendar/instant.ts'
import { AppError } from '../errors.ts'
import type { ComplianceDecision, ComplianceReason } from './compliance-decision.ts'
import { zoneOffsetAt } from './zone-offsets.ts'

/** Local wall-clock window, `HH:MM` 24-hour; start inclusive, end exclusive; start > end spans midnight. */
export interface ContactWindow {
  start: string
  end: string
}

/** A window with the rule it enforces (what the presets provide). */
export interface ContactWindowRule {
  ruleId: string
  citation: string
  window: ContactWindow
}

export interface ContactWindowInput extends ContactWindowRule {
  /** The proposed contact instant: ISO 8601 with `Z` or an explicit offset. */
  proposedAt: string
  /** IANA zones from every piece of location evidence (address, postal code, phone area code). */
  evidenceZones: readonly string[]
}

/** How far ahead `earliestAllowedAt` is searched. */
export const SEARCH_HORIZON_DAYS = 14

const DAY_MS = 86_400_000
const HOUR_MINUTE = /^([01]\d|2[0-3]):([0-5]\d)$/

const mod = (a: number, n: number): number => ((a % n) + n) % n

function msOfDay(text: string, field: string): number {
  const m = HOUR_MINUTE.exec(text)
  if (!m) throw new AppError('invalid_contact_window', `window ${field} "${text}" is not HH:MM (00:00-23:59)`)
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000
}

/** Decides whether a contact at `proposedAt` is inside `window` in every evidence zone. */
export function contactWindowDecision(input: ContactWindowInput): ComplianceDecision {
  const at = parseInstant(input.proposedAt, 'proposedAt')
  const start = msOfDay(input.window.start, 'start')
  const end = msOfDay(input.window.end, 'end')
  if (start === end) throw new AppError('invalid_contact_window', 'window start and end must differ')
  const reason = (message: string): ComplianceReason => ({
    ruleId: input.ruleId,
    citation: input.citation,
    message,
  })
  const zones = [...new Set(input.evidenceZones)].sort()
  if (zones.length === 0) {
    return block([reason('no location evidence: the debtor address zone is required')], null)
  }
  const unknown = zones.filter((zone) => !knownZone(zone))
  if (unknown.length > 0) {
    return block(
      unknown.map((zone) => reason(`location evidence names unknown time zone "${zone}"`)),
      null,
    )
  }
  const inside = (zone: string, instant: number): boolean => {
    const time = mod(instant + zoneOffsetAt(zone, instant), DAY_MS)
    return start < end ? time >= start && time < end : time >= start || time < end
  }
  const failing = zones.filter((zone) => !inside(zone, at))
  if (failing.length === 0) return { outcome: 'allow', reasons: [], earliestAllowedAt: null }

  const span = `${input.window.start}-${input.window.end}`
  const reasons = failing.map((zone) =>
    reason(`local time ${localTimeText(zone, at)} in ${zone} is outside the permitted window ${span}`),
  )
  // Each zone that rejects `candidate` rejects everything up to its next opening, so jumping there loses
  // nothing; the loop stops at the first instant every zone accepts.
  const horizon = at + SEARCH_HORIZON_DAYS * DAY_MS
  let candidate = at
  while (candidate <= horizon) {
    const rejecting = zones.find((zone) => !inside(zone, candidate))
    if (rejecting === undefined) return block(reasons, new Date(candidate).toISOString())
    candidate = nextOpening(rejecting, candidate, start, inside)
  }
  return block(reasons, null)
}

function block(reasons: ComplianceReason[], earliestAllowedAt: string | null): ComplianceDecision {
  return { outcome: 'block', reasons, earliestAllowedAt }
}

/**
 * The first instant after `from` (which `zone` rejects) that `zone` accepts: where its wall clock next
 * reads `start`, or an offset change that jumps the wall clock into the window (a start time that
 * does not exist on a spring-forward day opens at the change). Assumes at most one change per 24 hours.
 */
function nextOpening(
  zone: string,
  from: number,
  start: number,
  inside: (zone: string, instant: number) => boolean,
): number {
  let cursor = from
  for (;;) {
    const offset = zoneOffsetAt(zone, cursor)
    const opening = cursor + mod(start - (cursor + offset), DAY_MS)
    if (zoneOffsetAt(zone, opening) === offset) return opening
    let lo = cursor
    let hi = opening
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2)
      if (zoneOffsetAt(zone, mid) === offset) lo = mid
      else hi = mid
    }
    if (inside(zone, hi)) return hi
    cursor = hi
  }
}

const knownZones = new Map<string, boolean>()

function knownZone(zone: string): boolean {
  let known = knownZones.get(zone)
  if (known === undefined) {
    try {
      zoneOffsetAt(zone, 0)
      known = true
    } catch {
      known = false
    }
    if (knownZones.size < 10_000) knownZones.set(zone, known)
  }
  return known
}

function localTimeText(zone: string, instant: number): string {
  const local = new Date(instant + zoneOffsetAt(zone, instant)).toISOString()
  return `${local.slice(11, 19)} (${local.slice(0, 10)})`
}
