/**
 * Inconvenient-time rules: a contact is allowed only when the proposed instant falls inside the permitted
 * window on the local wall clock of EVERY zone the location evidence points to (Reg F official
 * interpretation to 1006.6(b)(1)(i): Eastern mobile + Pacific address gives 11:00-21:00 ET).
 * The window's start is inclusive and its end exclusive: with 08:00-21:00, 08:00:00 and 20:59:59 are
 * allowed, 07:59:59 and 21:00:00 are not.
 */
import { parseInstant } from '../calendar/instant.ts'
import { AppError } from '../errors/index.ts'
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

const parsedTimes = new Map<string, number>()

function msOfDay(text: string, field: string): number {
  const cached = parsedTimes.get(text)
  if (cached !== undefined) return cached
  const m = HOUR_MINUTE.exec(text)
  if (!m) throw new AppError('invalid_contact_window', `window ${field} "${text}" is not HH:MM (00:00-23:59)`)
  const ms = (Number(m[1]) * 60 + Number(m[2])) * 60_000
  // Only valid texts are kept, and there are at most 1,440 of them.
  parsedTimes.set(text, ms)
  return ms
}

/** Decides whether a contact at `proposedAt` is inside `window` in every evidence zone. */
export function contactWindowDecision(input: ContactWindowInput): ComplianceDecision {
  const at = parseInstant(input.proposedAt, 'proposedAt')
  return prepareContactWindow(input, input.evidenceZones)(at)
}

/**
 * The same decision with the window and zones checked once, for callers that judge many instants
 * (the evaluator's strictest-wins search): returns a function of the instant in epoch ms.
 */
export function prepareContactWindow(
  rule: ContactWindowRule,
  evidenceZones: readonly string[],
): (at: number, probe?: boolean) => ComplianceDecision {
  const start = msOfDay(rule.window.start, 'start')
  const end = msOfDay(rule.window.end, 'end')
  if (start === end) throw new AppError('invalid_contact_window', 'window start and end must differ')
  // No nested helper functions here: the tsx transform (esbuild keepNames) names each one on every call.
  const zones = evidenceZones.length === 1 ? [...evidenceZones] : [...new Set(evidenceZones)].sort()
  if (zones.length === 0) {
    return () =>
      block([windowReason(rule, 'no location evidence: the debtor address zone is required')], null)
  }
  const unknown = zones.every(knownZone) ? [] : zones.filter((zone) => !knownZone(zone))
  if (unknown.length > 0) {
    return () =>
      block(
        unknown.map((zone) => windowReason(rule, `location evidence names unknown time zone "${zone}"`)),
        null,
      )
  }
  return (at, probe = false) => {
    // A plain loop: this runs once per decision and most decisions allow.
    let allInside = true
    for (const zone of zones) if (!inside(zone, at, start, end)) allInside = false
    if (allInside) return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
    // A probe (strictest-wins search) reads only the time: messages are not worth building.
    const failing = probe ? [] : zones.filter((zone) => !inside(zone, at, start, end))
    const reasons = failing.map((zone) =>
      windowReason(
        rule,
        `local time ${localTimeText(zone, at)} in ${zone} is outside the permitted window ${rule.window.start}-${rule.window.end}`,
      ),
    )
    // Each zone that rejects `candidate` rejects everything up to its next opening, so jumping there loses
    // nothing; the loop stops at the first instant every zone accepts.
    const horizon = at + SEARCH_HORIZON_DAYS * DAY_MS
    let candidate = at
    while (candidate <= horizon) {
      const rejecting = zones.find((zone) => !inside(zone, candidate, start, end))
      if (rejecting === undefined) return block(reasons, new Date(candidate).toISOString())
      candidate = nextOpening(rejecting, candidate, start, end)
    }
    return block(reasons, null)
  }
}

/** Whether `instant` is inside [start, end) on the wall clock of `zone`. */
function inside(zone: string, instant: number, start: number, end: number): boolean {
  const time = mod(instant + zoneOffsetAt(zone, instant), DAY_MS)
  return start < end ? time >= start && time < end : time >= start || time < end
}

function windowReason(rule: ContactWindowRule, message: string): ComplianceReason {
  return { ruleId: rule.ruleId, citation: rule.citation, message }
}

function block(reasons: ComplianceReason[], earliestAllowedAt: string | null): ComplianceDecision {
  return { outcome: 'block', reasons, earliestAllowedAt }
}

/**
 * The first instant after `from` (which `zone` rejects) that `zone` accepts: where its wall clock next
 * reads `start`, or an offset change that jumps the wall clock into the window (a start time that
 * does not exist on a spring-forward day opens at the change). Assumes at most one change per 24 hours.
 */
function nextOpening(zone: string, from: number, start: number, end: number): number {
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
    if (inside(zone, hi, start, end)) return hi
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
