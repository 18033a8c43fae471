import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { HOLIDAY_CALENDAR_IDS, libraryHolidays } from '../../../bin/holidays/holiday-library.ts'
import { HOLIDAY_SNAPSHOT } from '../../../src/core/calendar/public-holidays.generated.ts'
import { PUBLIC_HOLIDAY_CALENDARS, publicHolidays } from '../../../src/core/calendar/public-holidays.ts'

/* The generated snapshot must match the installed date-holidays: after an upgrade, regenerate it. */
const REGENERATE = 'run `npx tsx bin/holidays/generate-holidays.ts`'

describe('public-holiday snapshot', () => {
  it('was generated from the date-holidays version package.json pins', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'))
    expect(pkg.devDependencies['date-holidays'], REGENERATE).toBe(HOLIDAY_SNAPSHOT.version)
  })

  it('lists every calendar the generator knows', () => {
    expect(PUBLIC_HOLIDAY_CALENDARS).toEqual(HOLIDAY_CALENDAR_IDS)
  })

  it.each(HOLIDAY_CALENDAR_IDS)('%s agrees with the library for 2024-2028', (id) => {
    for (let year = 2024; year <= 2028; year++) {
      expect(publicHolidays(id, year), `${id} ${year}: ${REGENERATE}`).toEqual(libraryHolidays(id, year))
    }
  })
})
