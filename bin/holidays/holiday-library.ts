/**
 * Reads public holidays out of the `date-holidays` library (dev dependency). Only the generator and its
 * freshness test load it: the core reads the generated snapshot, so no command pays the library's
 * ~300 ms load time and the core stays pure (docs/jurisdictions.md, "Holiday sources").
 */
import Holidays from 'date-holidays'

/** Calendars Recoup ships, by id (ISO 3166-1, or ISO 3166-2 where a subdivision has its own holidays). */
export const HOLIDAY_CALENDAR_IDS = [
  // United Kingdom: England and Wales share the Banking and Financial Dealings Act 1971 list.
  'GB-ENG',
  'GB-WLS',
  'GB-SCT',
  'GB-NIR',
  'IN',
  'AE',
  // EU member states, national holidays only (regional ones, e.g. German Land holidays, are not included).
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  // Australia: national plus each state and territory (the jurisdiction entry arrives with its issue).
  'AU',
  'AU-ACT',
  'AU-NSW',
  'AU-NT',
  'AU-QLD',
  'AU-SA',
  'AU-TAS',
  'AU-VIC',
  'AU-WA',
] as const

/** Years the snapshot covers; a look-up outside them is refused rather than guessed. */
export const SNAPSHOT_FIRST_YEAR = 2000
export const SNAPSHOT_LAST_YEAR = 2040

const instances = new Map<string, Holidays>()

const addDay = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/**
 * UAE: the library lists the first day of Ramadan and Laylat al-Mi'raj, which are not public holidays
 * (Cabinet resolution of 2019 unified public and private sector holidays without them), and only the
 * first day of each Eid. The resolution gives Arafat Day, Eid al-Fitr and Eid al-Adha 1-3 and National
 * Day on 2 and 3 December; the Islamic dates stay the library's computed ones (see docs/jurisdictions.md).
 */
function uaeCabinetRules(holidays: { date: string; name: string }[]): string[] {
  const out: string[] = []
  for (const { date, name } of holidays) {
    if (/Ramadan$|Mi'raj/.test(name) && !/Eid/.test(name)) continue
    out.push(date)
    if (/Eid al-Fitr/.test(name)) out.push(addDay(date, 1), addDay(date, 2))
    if (/Eid al-Adha/.test(name)) out.push(addDay(date, -1), addDay(date, 1), addDay(date, 2))
    if (/National Day/.test(name)) out.push(addDay(date, 1))
  }
  return out
}

/** The library's `public` holidays (substitute days included) of calendar `id` in `year`, as sorted `YYYY-MM-DD`. */
export function libraryHolidays(id: string, year: number): string[] {
  let hd = instances.get(id)
  if (!hd) {
    const [country, state] = id.split('-')
    hd = state
      ? new Holidays(country as string, state, { types: ['public'] })
      : new Holidays(id, { types: ['public'] })
    if (!hd.getCountries()[country as string]) throw new Error(`date-holidays does not know ${id}`)
    instances.set(id, hd)
  }
  const listed = [year - 1, year, year + 1].flatMap((y) =>
    hd
      .getHolidays(y, 'en')
      .filter((h) => h.type === 'public')
      // `date` is the local date in the country's zone ("2026-03-20 00:00:00 -0600"): its first ten characters.
      .map((h) => ({ date: h.date.slice(0, 10), name: h.name })),
  )
  const all = id === 'AE' ? uaeCabinetRules(listed) : listed.map((h) => h.date)
  const dates = all.filter((d) => d.startsWith(`${year}-`))
  return [...new Set(dates)].sort()
}
