/** United Arab Emirates: contact-hours pack, AED, Saturday-Sunday weekend, Cabinet holiday list. */
import { publicHolidayCalendar } from '../calendar/public-holidays.ts'
import { aePack } from '../compliance/packs/ae.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

export const AE: JurisdictionEntry = {
  code: 'AE',
  name: 'United Arab Emirates',
  packs: [aePack],
  // No statutory appropriation order or late-payment interest is modelled: the contract default applies.
  interest: null,
  // Saturday-Sunday since 1 January 2022 (Friday-Saturday before, not modelled); Islamic holidays are
  // computed dates, which the announced ones may move by a day (docs/jurisdictions.md).
  calendar: () => publicHolidayCalendar('AE'),
  currency: 'AED',
  address: { postcode: null },
  phone: { callingCode: '971' },
}
