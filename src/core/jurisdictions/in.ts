/** India: RBI hours and Limitation Act pack, appropriation in order of time, MSMED interest. */
import { publicHolidayCalendar } from '../calendar/public-holidays.ts'
import { LIMITATION_PRESETS } from '../compliance/limitation-presets.ts'
import { inPack } from '../compliance/packs/in.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

export const IN: JurisdictionEntry = {
  code: 'IN',
  name: 'India',
  packs: [inPack],
  allocation: { default: 'in-oldest-first' },
  interest: { id: 'in-msmed', citation: 'MSMED Act 2006 ss.15, 16', debtKind: 'commercial' },
  commercialLimitation: LIMITATION_PRESETS.india,
  // National holidays only: gazetted and state holidays are announced yearly (docs/jurisdictions.md).
  calendar: () => publicHolidayCalendar('IN'),
  currency: 'INR',
  address: { postcode: /^[1-9]\d{5}$/ },
  phone: { callingCode: '91' },
}
