/**
 * Australia: one folder holds the country (src/core/jurisdictions/au/): this file's entries, the packs
 * (au-packs.ts) and their families. States and territories set only their holiday calendars; the packs
 * read the state from the code (`AU-NT`: 3-year limitation; `AU-NSW`, `AU-ACT`, `AU-NT`: extinguishment).
 */
import { publicHolidayCalendar } from '../../calendar/public-holidays.ts'
import type { JurisdictionEntry } from '../jurisdiction.ts'
import { auCommercialPack, auPack } from './au-packs.ts'

export const AU: JurisdictionEntry = {
  code: 'AU',
  name: 'Australia',
  packs: [auPack, auCommercialPack],
  allocation: { default: 'au-oldest-first' },
  // No statutory late-payment interest: pre-judgment interest is at the court's discretion (state
  // Supreme Court practice notes), so contractual interest only (docs/jurisdictions.md).
  interest: null,
  // Business-debt limitation (6 years, NT 3, extinguishment) is the au-commercial pack's, not the commercial pack's.
  calendar: () => publicHolidayCalendar('AU'),
  currency: 'AUD',
  address: { postcode: /^\d{4}$/ },
  phone: { callingCode: '61' },
}

/** A state or territory: its own public holidays (business days); rules come from the country's packs. */
function state(code: string, name: string): JurisdictionEntry {
  return { code: `AU-${code}`, name, calendar: () => publicHolidayCalendar(`AU-${code}`) }
}

export const AU_STATES: readonly JurisdictionEntry[] = [
  state('ACT', 'Australian Capital Territory'),
  state('NSW', 'New South Wales'),
  state('NT', 'Northern Territory'),
  state('QLD', 'Queensland'),
  state('SA', 'South Australia'),
  state('TAS', 'Tasmania'),
  state('VIC', 'Victoria'),
  state('WA', 'Western Australia'),
]
