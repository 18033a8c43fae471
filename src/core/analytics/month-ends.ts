import { dayNumber, fromDayNumber } from '../calendar/local-date.ts'

/** "YYYY-MM" of a day number. */
export function monthOf(day: number): string {
  return fromDayNumber(day).slice(0, 7)
}

/** The last day (day number) of each month from the month of `from` to the month of `to`, inclusive. */
export function monthEndsBetween(from: string, to: string): number[] {
  const out: number[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  const last = to.slice(0, 7)
  for (;;) {
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
    const end = dayNumber(next) - 1
    out.push(end)
    if (fromDayNumber(end).slice(0, 7) >= last) break
    if (m === 12) {
      y++
      m = 1
    } else m++
  }
  return out
}
