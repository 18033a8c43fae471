/**
 * The EU member states: the EU pack, the Late Payment Directive and national holidays; Germany adds the
 * BGB appropriation orders. One row per state: code, name, currency, calling code, postcode pattern.
 */
import { publicHolidayCalendar } from '../calendar/public-holidays.ts'
import { euPack } from '../compliance/packs/eu.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

const MEMBERS: readonly (readonly [
  code: string,
  name: string,
  currency: string,
  calling: string,
  postcode: RegExp,
])[] = [
  ['AT', 'Austria', 'EUR', '43', /^\d{4}$/],
  ['BE', 'Belgium', 'EUR', '32', /^\d{4}$/],
  // Bulgaria adopted the euro on 1 January 2026.
  ['BG', 'Bulgaria', 'EUR', '359', /^\d{4}$/],
  ['HR', 'Croatia', 'EUR', '385', /^\d{5}$/],
  ['CY', 'Cyprus', 'EUR', '357', /^\d{4}$/],
  ['CZ', 'Czechia', 'CZK', '420', /^\d{3} ?\d{2}$/],
  ['DK', 'Denmark', 'DKK', '45', /^\d{4}$/],
  ['EE', 'Estonia', 'EUR', '372', /^\d{5}$/],
  ['FI', 'Finland', 'EUR', '358', /^\d{5}$/],
  ['FR', 'France', 'EUR', '33', /^\d{5}$/],
  ['DE', 'Germany', 'EUR', '49', /^\d{5}$/],
  ['GR', 'Greece', 'EUR', '30', /^\d{3} ?\d{2}$/],
  ['HU', 'Hungary', 'HUF', '36', /^\d{4}$/],
  ['IE', 'Ireland', 'EUR', '353', /^[A-Z]\d[\dW] ?[\dA-Z]{4}$/],
  ['IT', 'Italy', 'EUR', '39', /^\d{5}$/],
  ['LV', 'Latvia', 'EUR', '371', /^(LV-)?\d{4}$/],
  ['LT', 'Lithuania', 'EUR', '370', /^(LT-)?\d{5}$/],
  ['LU', 'Luxembourg', 'EUR', '352', /^(L-)?\d{4}$/],
  ['MT', 'Malta', 'EUR', '356', /^[A-Z]{3} ?\d{4}$/],
  ['NL', 'Netherlands', 'EUR', '31', /^\d{4} ?[A-Z]{2}$/],
  ['PL', 'Poland', 'PLN', '48', /^\d{2}-\d{3}$/],
  ['PT', 'Portugal', 'EUR', '351', /^\d{4}-\d{3}$/],
  ['RO', 'Romania', 'RON', '40', /^\d{6}$/],
  ['SK', 'Slovakia', 'EUR', '421', /^\d{3} ?\d{2}$/],
  ['SI', 'Slovenia', 'EUR', '386', /^\d{4}$/],
  ['ES', 'Spain', 'EUR', '34', /^\d{5}$/],
  ['SE', 'Sweden', 'SEK', '46', /^\d{3} ?\d{2}$/],
]

const GERMANY: Partial<JurisdictionEntry> = {
  allocation: { default: 'de-bgb-367', consumerLoan: 'de-bgb-497' },
}

/** One entry per member state; allocation is the contract default except where national law sets an order. */
export const EU_MEMBERS: readonly JurisdictionEntry[] = MEMBERS.map(
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
