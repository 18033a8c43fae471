import { zoneOffsetAt } from '../compliance/zone-offsets.ts'
import type { LocalDate } from './local-date.ts'

/**
 * The instant (ms) at which the wall clock in `timeZone` shows `time` ("HH:MM") on `date`. The offset is
 * looked up twice because the first guess may sit on the other side of a DST change; a wall time inside a
 * spring-forward gap resolves to the instant one offset later, which is what a scheduler wants.
 */
export function instantAtLocalTime(date: LocalDate, time: string, timeZone: string): number {
  const wall = Date.parse(`${date}T${time}:00Z`)
  if (Number.isNaN(wall)) throw new RangeError(`invalid local date-time ${date} ${time}`)
  const first = wall - zoneOffsetAt(timeZone, wall)
  return wall - zoneOffsetAt(timeZone, first)
}
