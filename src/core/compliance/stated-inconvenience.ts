/**
 * Times and places the consumer said are inconvenient (12 CFR 1006.6(b)(1); 15 USC 1692c(a)(1)): once
 * told, the collector knows, so contact then or there is blocked from `statedAt` on. Only real
 * designations are recorded ("busy right now" is not one, comment 6(b)(1)-1). As with the hour window, a
 * time is judged on the wall clock of every evidence zone, and blocked if inconvenient in ANY of them.
 */
import { AppError } from '../errors/index.ts'
import type { ComplianceDecision, ComplianceReason } from './compliance-decision.ts'
import { instantMs } from './instant-ms.ts'
import { zoneOffsetAt } from './zone-offsets.ts'

/**
 * A stated range: from `from` (local `HH:MM`, inclusive) on one of `weekdays` up to the next `to`
 * (exclusive). `to` <= `from` ends on the next day, so equal times mean a whole 24 hours.
 */
export interface InconvenientTime {
  statedAt: string
  /** ISO weekdays the range starts on, 1 = Monday ... 7 = Sunday; omitted = every day. */
  weekdays?: readonly number[]
  from: string
  to: string
}

/** A place a consumer can call inconvenient, and that a contact point can reach. */
export type ContactPlace = 'home' | 'work'

/** A place the consumer said is inconvenient, binding from `statedAt`. */
export interface InconvenientPlace {
  place: ContactPlace
  statedAt: string
}

/** A contact the consumer made to us, which the proposed action would answer (comment 6(b)(1)-2). */
export interface InboundContact {
  at: string
  channel: string
  /** Where the consumer contacted us from, when known. */
  place?: ContactPlace | null
  /** Responses already made to it; the allowance is one. */
  responsesSent: number
}

/** The rules cited and the response allowance: a rule pack's settings. */
export interface StatedInconvenienceSettings {
  time: { ruleId: string; citation: string }
  place: { ruleId: string; citation: string }
  /** How long after an inbound contact the one response still counts as made "at that time". */
  responseWindowMinutes: number
}

/** Reg F defaults; the response window is a house choice (the comment gives no number). */
export const US_REG_F_STATED_INCONVENIENCE: StatedInconvenienceSettings = {
  time: { ruleId: 'us.reg-f.stated-inconvenient-time', citation: '12 CFR 1006.6(b)(1); 15 USC 1692c(a)(1)' },
  place: {
    ruleId: 'us.reg-f.stated-inconvenient-place',
    citation: '12 CFR 1006.6(b)(1); 15 USC 1692c(a)(1)',
  },
  responseWindowMinutes: 60,
}

/** One proposed contact with the consumer's statements. */
export interface StatedInconvenienceInput {
  /** The proposed contact instant: ISO 8601 with `Z` or an explicit offset. */
  proposedAt: string
  /** The medium of the proposed contact (`call`, `sms`, `email`, `letter`, `visit`). */
  channel: string
  /** The place the contact point reaches (a work phone, the home address), or null when neither. */
  place?: ContactPlace | null
  /** IANA zones from every piece of location evidence. */
  evidenceZones: readonly string[]
  times?: readonly InconvenientTime[]
  places?: readonly InconvenientPlace[]
  inbound?: InboundContact | null
  settings?: StatedInconvenienceSettings
}

/** How far ahead `earliestAllowedAt` is searched; a range stated for every whole day never ends. */
export const STATED_INCONVENIENCE_HORIZON_DAYS = 14

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const MAX_STEPS = 256
const HOUR_MINUTE = /^([01]\d|2[0-3]):([0-5]\d)$/

interface Range {
  statedAt: number
  /** Bit `w` set when ISO weekday `w` starts a range. */
  weekdays: number
  from: number
  to: number
  text: string
}

const parsed = new WeakMap<InconvenientTime, Range>()

/** Decides whether the contact avoids every stated inconvenient time and place, or answers the consumer once. */
export function statedInconvenienceDecision(input: StatedInconvenienceInput): ComplianceDecision {
  const settings = input.settings ?? US_REG_F_STATED_INCONVENIENCE
  const at = instantMs(input.proposedAt, 'proposedAt')
  const ranges = (input.times ?? []).map(parseRange)
  const zones = input.evidenceZones
  const placeAt = (place: ContactPlace | null | undefined, instant: number) =>
    place != null &&
    (input.places ?? []).some((p) => p.place === place && instantMs(p.statedAt, 'places.statedAt') <= instant)
  const reasons: ComplianceReason[] = []
  const timeReason = (message: string) => reasons.push({ ...settings.time, message })

  // Unreadable zones block only while a stated time is in force, and then with no time to wait for.
  const unusable = ranges.length > 0 ? unusableZones(zones) : []
  if (ranges.some((r) => r.statedAt <= at)) for (const problem of unusable) timeReason(problem)
  if (unusable.length === 0) {
    for (const zone of zones) {
      const hit = coveringRange(ranges, zone, at)
      if (hit) timeReason(`the consumer said ${hit.range.text} is inconvenient (${zone})`)
    }
  }
  const placeBlocked = placeAt(input.place, at)
  if (placeBlocked)
    reasons.push({ ...settings.place, message: `the consumer said ${input.place} is inconvenient` })
  if (reasons.length === 0) return { outcome: 'allow', reasons, earliestAllowedAt: null }

  // Comment 6(b)(1)-2: contact initiated at a designated time or place may be answered once, same medium.
  const inbound = input.inbound
  if (inbound && inbound.channel === input.channel && inbound.responsesSent < 1 && unusable.length === 0) {
    const inboundAt = instantMs(inbound.at, 'inbound.at')
    const designated =
      zones.some((zone) => coveringRange(ranges, zone, inboundAt) !== null) ||
      placeAt(inbound.place, inboundAt)
    const elapsed = at - inboundAt
    if (designated && elapsed >= 0 && elapsed <= settings.responseWindowMinutes * 60_000) {
      return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
    }
  }
  if (placeBlocked || unusable.length > 0) return { outcome: 'block', reasons, earliestAllowedAt: null }

  // Each step jumps to the end of a range that covers the candidate, where nothing earlier can be allowed.
  const horizon = at + STATED_INCONVENIENCE_HORIZON_DAYS * DAY_MS
  let candidate = at
  for (let step = 0; step < MAX_STEPS && candidate <= horizon; step++) {
    let next = candidate
    for (const zone of zones) {
      const hit = coveringRange(ranges, zone, candidate)
      if (hit) {
        next = wallClockInstant(zone, hit.endWall, candidate)
        break
      }
    }
    if (next === candidate)
      return { outcome: 'block', reasons, earliestAllowedAt: new Date(next).toISOString() }
    candidate = next
  }
  return { outcome: 'block', reasons, earliestAllowedAt: null }
}

/** The in-force range covering `instant` on `zone`'s wall clock and where that occurrence ends (wall ms). */
function coveringRange(ranges: readonly Range[], zone: string, instant: number) {
  const wall = instant + zoneOffsetAt(zone, instant)
  const day = Math.floor(wall / DAY_MS)
  const time = wall - day * DAY_MS
  for (const range of ranges) {
    if (range.statedAt > instant) continue
    const overnight = range.to <= range.from
    let startDay = Number.NaN
    if (time >= range.from && (overnight || time < range.to) && startsOn(range, day)) startDay = day
    else if (overnight && time < range.to && startsOn(range, day - 1)) startDay = day - 1
    if (!Number.isNaN(startDay))
      return { range, endWall: (startDay + (overnight ? 1 : 0)) * DAY_MS + range.to }
  }
  return null
}

/** Whether a range starts on day number `day` (bit = ISO weekday; 1970-01-01 was a Thursday). */
const startsOn = (range: Range, day: number) => (range.weekdays & (1 << ((((day % 7) + 10) % 7) + 1))) !== 0

/**
 * The first instant after `after` at which `zone`'s wall clock reads `wall` (epoch ms of a UTC-read wall
 * time). A wall time skipped by a spring-forward is reached at the change; a repeated one at its next
 * occurrence; `after + 1` when the wall time does not come again. Assumes at most one offset change
 * within 28 hours.
 */
export function wallClockInstant(zone: string, wall: number, after: number): number {
  const before = zoneOffsetAt(zone, wall - 14 * HOUR_MS)
  const later = zoneOffsetAt(zone, wall + 14 * HOUR_MS)
  let best = Number.POSITIVE_INFINITY
  for (const offset of [before, later]) {
    const t = wall - offset
    if (t > after && t < best && zoneOffsetAt(zone, t) === offset) best = t
  }
  if (best !== Number.POSITIVE_INFINITY) return best
  // A gap: the change lies between the two readings; bisect to its first millisecond.
  let lo = Math.max(wall - Math.max(before, later), after)
  let hi = wall - Math.min(before, later)
  if (hi <= lo) return after + 1
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2)
    if (zoneOffsetAt(zone, mid) === before) lo = mid
    else hi = mid
  }
  return hi
}

/** The first instant of local day `day` (days since 1970-01-01) in `zone`: its midnight, or a skipped one's change. */
export function startOfLocalDay(zone: string, day: number): number {
  return wallClockInstant(zone, day * DAY_MS, Number.NEGATIVE_INFINITY)
}

function parseRange(time: InconvenientTime, index: number): Range {
  const cached = parsed.get(time)
  if (cached) return cached
  const field = `times[${index}]`
  let weekdays = 0b1111_1110
  if (time.weekdays) {
    if (time.weekdays.length === 0) throw invalid(`${field}.weekdays is empty; omit it for every day`)
    weekdays = 0
    for (const w of time.weekdays) {
      if (!Number.isInteger(w) || w < 1 || w > 7)
        throw invalid(`${field}.weekdays has ${w}, not 1 (Mon)-7 (Sun)`)
      weekdays |= 1 << w
    }
  }
  const days = time.weekdays ? ` on weekdays ${time.weekdays.join(',')}` : ' every day'
  const range: Range = {
    statedAt: instantMs(time.statedAt, `${field}.statedAt`),
    weekdays,
    from: msOfDay(time.from, `${field}.from`),
    to: msOfDay(time.to, `${field}.to`),
    text: `${time.from}-${time.to}${days}`,
  }
  parsed.set(time, range)
  return range
}

function msOfDay(text: string, field: string): number {
  const m = HOUR_MINUTE.exec(text)
  if (!m) throw invalid(`${field} "${text}" is not HH:MM (00:00-23:59)`)
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000
}

const invalid = (message: string) => new AppError('invalid_inconvenient_time', message)

/** Why the zones cannot be read: none given (a stated time needs one) or unknown to the runtime. */
function unusableZones(zones: readonly string[]): string[] {
  if (zones.length === 0) return ['no location evidence: a stated time needs the consumer time zone']
  return zones
    .filter((zone) => !isKnownZone(zone))
    .map((zone) => `location evidence names unknown time zone "${zone}"`)
}

function isKnownZone(zone: string): boolean {
  try {
    return Number.isFinite(zoneOffsetAt(zone, 0))
  } catch {
    return false
  }
}
