/**
 * The EU member states: the EU pack, the Late Payment Directive and national holidays; Germany adds the
 * BGB appropriation orders.
 */
import { publicHolidayCalendar } from '../calendar/public-holidays.ts'
import { euPack } from '../compliance/packs/eu.pack.ts'
import { EU_MEMBER_ROWS } from './eu-members.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

const GERMANY: Partial<JurisdictionEntry> = {
  allocation: { default: 'de-bgb-367', consumerLoan: 'de-bgb-497' },
}

/** One entry per member state; allocation is the contract default except where national law sets an order. */
export const EU_MEMBERS: readonly JurisdictionEntry[] = EU_MEMBER_ROWS.map(
  ([code, name, currency, calling, postcode]) => ({
    code,
    name,
    ...(code === 'GR' ? { aliases: ['EL'] } : {}),
    packs: [euPack],
    interest: { id: 'eu-late-payment', citation: 'Directive 2011/7/EU', debtKind: 'commercial' },
    calendar: () => publicHolidayCalendar(code),
    currency,
    address: { postcode },
    phone: { callingCode: calling },
    ...(code === 'DE' ? GERMANY : {}),
  }),
)
