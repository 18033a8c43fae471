/**
 * UTC offsets of IANA zones at an instant, through Intl.DateTimeFormat only. Offsets are cached per zone
 * and per UTC hour: an hour holds at most one offset change, so each hour is stored either as one offset
 * or as the exact instant where it changes. A cached answer is therefore never stale across DST.
 */

const HOUR_MS = 3_600_000
const MAX_CACHED_HOURS = 100_000
/** Slots of the direct-mapped front cache (a power of two: about 170 days of consecutive hours). */
const FRONT_SLOTS = 4096

interface Change {
  at: number
  before: number
  after: number
}

class ZoneOffsets {
  private readonly hours = new Map<number, number | Change>()
  private readonly format: Intl.DateTimeFormat
  // A direct-mapped front cache of hours holding one offset: a typed-array probe instead of a Map lookup
  // on the hottest path (every call of a history is turned into a local day).
  private readonly frontHours = new Float64Array(FRONT_SLOTS).fill(Number.NaN)
  private readonly frontOffsets = new Float64Array(FRONT_SLOTS)

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
  }

  /** Offset in milliseconds (local wall clock minus UTC) at `instant` (epoch ms). */
  at(instant: number): number {
    const hour = Math.floor(instant / HOUR_MS)
    const slot = hour & (FRONT_SLOTS - 1)
    if (this.frontHours[slot] === hour) return this.frontOffsets[slot] as number
    let entry = this.hours.get(hour)
    if (entry === undefined) {
      entry = this.load(hour)
      if (this.hours.size >= MAX_CACHED_HOURS) this.hours.clear()
      this.hours.set(hour, entry)
    }
    if (typeof entry === 'number') {
      this.frontHours[slot] = hour
      this.frontOffsets[slot] = entry
    }
    return typeof entry === 'number' ? entry : instant < entry.at ? entry.before : entry.after
  }

  private load(hour: number): number | Change {
    const start = hour * HOUR_MS
    const before = this.uncached(start)
    const after = this.uncached(start + HOUR_MS - 1)
    if (before === after) return before
    // tzdb changes happen on whole seconds: bisect the hour's 3,600 seconds.
    let lo = start
    let hi = start + HOUR_MS - 1000
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000
      if (this.uncached(mid) === before) lo = mid
      else hi = mid
    }
    return { at: hi, before, after }
  }

  private uncached(instant: number): number {
    let year = 0
    let month = 0
    let day = 0
    let hour = 0
    let minute = 0
    let second = 0
    let bc = false
    for (const part of this.format.formatToParts(instant)) {
      if (part.type === 'year') year = Number(part.value)
      else if (part.type === 'month') month = Number(part.value)
      else if (part.type === 'day') day = Number(part.value)
      else if (part.type === 'hour') hour = Number(part.value)
      else if (part.type === 'minute') minute = Number(part.value)
      else if (part.type === 'second') second = Number(part.value)
      else if (part.type === 'era') bc = part.value.startsWith('B')
    }
    const wall = new Date(0)
    wall.setUTCFullYear(bc ? 1 - year : year, month - 1, day)
    wall.setUTCHours(hour, minute, second, 0)
    return wall.getTime() - (instant - (((instant % 1000) + 1000) % 1000))
  }
}

const zones = new Map<string, ZoneOffsets>()

/** The UTC offset (ms) of `timeZone` at `instant`; throws RangeError for a zone the runtime does not know. */
export function zoneOffsetAt(timeZone: string, instant: number): number {
  let offsets = zones.get(timeZone)
  if (offsets === undefined) {
    offsets = new ZoneOffsets(timeZone)
    zones.set(timeZone, offsets)
  }
  return offsets.at(instant)
}
