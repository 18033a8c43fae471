import { zoneOffsetAt } from '../compliance/zone-offsets.ts'

/** From `startMs` on (until the next span), the zone is `offsetMinutes` ahead of UTC. */
export interface ZoneOffsetSpan {
  readonly startMs: number
  readonly offsetMinutes: number
}

const HOUR_MS = 3_600_000
const MINUTE_MS = 60_000

/**
 * The UTC offsets of `timeZone` between two instants, one span per offset change (the first starts at
 * `fromMs`). For a database with no zone data (SQLite), so SQL can turn a UTC timestamp into the
 * zone's wall clock with a CASE over a handful of spans. Changes are found to the minute.
 */
export function zoneOffsetSpans(timeZone: string, fromMs: number, toMs: number): ZoneOffsetSpan[] {
  const minutes = (at: number) => Math.round(zoneOffsetAt(timeZone, at) / MINUTE_MS)
  const spans: ZoneOffsetSpan[] = [{ startMs: fromMs, offsetMinutes: minutes(fromMs) }]
  for (let at = fromMs; at < toMs; at += HOUR_MS) {
    const next = Math.min(at + HOUR_MS, toMs)
    const before = (spans.at(-1) as ZoneOffsetSpan).offsetMinutes
    if (minutes(next) === before) continue
    // Bisect to the first minute of the new offset.
    let low = at
    let high = next
    while (high - low > MINUTE_MS) {
      const mid = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS || low + MINUTE_MS
      if (minutes(mid) === before) low = mid
      else high = mid
    }
    spans.push({ startMs: high, offsetMinutes: minutes(high) })
  }
  return spans
}
