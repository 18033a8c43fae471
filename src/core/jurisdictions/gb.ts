/** United Kingdom: CONC hours and Limitation Act pack, Late Payment Act interest; holidays per nation. */
import { publicHolidayCalendar } from '../calendar/public-holidays.ts'
import { LIMITATION_PRESETS } from '../compliance/limitation-presets.ts'
import { gbPack } from '../compliance/packs/gb.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

/** England and Wales (GB-ENG, GB-WLS fall back here); Scotland and Northern Ireland differ in holidays only. */
export const GB: JurisdictionEntry = {
  code: 'GB',
  name: 'United Kingdom',
  aliases: ['UK'],
  packs: [gbPack],
  allocation: { default: 'gb-practice' },
  interest: {
    id: 'gb-late-payment',
    citation: 'Late Payment of Commercial Debts (Interest) Act 1998',
    debtKind: 'commercial',
  },
  commercialLimitation: LIMITATION_PRESETS.unitedKingdom,
  calendar: () => publicHolidayCalendar('GB-ENG'),
  currency: 'GBP',
  address: { postcode: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/ },
  phone: { callingCode: '44' },
}

// The Limitation Act 1980 preset is England and Wales law; Scotland's prescription (5 years) is not modelled.
export const GB_SCT: JurisdictionEntry = {
  code: 'GB-SCT',
  name: 'Scotland',
  calendar: () => publicHolidayCalendar('GB-SCT'),
}
export const GB_NIR: JurisdictionEntry = {
  code: 'GB-NIR',
  name: 'Northern Ireland',
  calendar: () => publicHolidayCalendar('GB-NIR'),
}
