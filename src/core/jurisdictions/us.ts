/** United States (federal level): Reg F / FDCPA / TCPA, oldest-first allocation, 5 USC 6103 holidays. */
import { usFederalBusinessCalendar } from '../calendar/business-days.ts'
import { usFederalPack } from '../compliance/packs/us-federal.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

/** Unknown states fall back to this entry (today's behaviour; a later issue makes them fail closed). */
export const US: JurisdictionEntry = {
  code: 'US',
  name: 'United States',
  packs: [usFederalPack],
  allocation: { default: 'us-oldest-first' },
  // No federal statutory late-payment interest for private debts; state prejudgment rates are not modelled.
  interest: null,
  // State holiday calendars are not used: no rule counts state business days yet.
  calendar: () => usFederalBusinessCalendar(),
  currency: 'USD',
  address: { postcode: /^\d{5}(-\d{4})?$/ },
  phone: { callingCode: '1' },
}
