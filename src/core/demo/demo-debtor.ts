import type { IntakeContact, IntakeDebtor } from '../intake/intake-record.ts'
import { demoAddress, formatDemoAddress } from './demo-addresses.ts'
import type { DemoCity, DemoJurisdiction } from './demo-geography.ts'
import { demoJurisdiction } from './demo-jurisdictions.ts'
import { asciiSlug, legalFormsOf, NAME_SETS, NAME_SETS_BY_COUNTRY, tradesOf } from './demo-names.ts'
import { type DemoPhoneType, demoPhoneNumber } from './demo-phones.ts'
import type { Prng } from './prng.ts'

/** Chances of each consent state per channel: [granted, revoked]; the rest is unknown. */
const CONSENT_ODDS: Record<DemoPhoneType | 'email', readonly [number, number]> = {
  mobile: [0.4, 0.08],
  landline: [0.1, 0.05],
  work: [0.1, 0.05],
  email: [0.45, 0.06],
}
/** Share of people whose mobile number comes from where they used to live, so zone evidence disagrees. */
const MOVED_MOBILE = 0.07
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org']

/** Who a debtor is and where: enough for the debtor's record and for picking creditors and currency. */
export interface DemoDebtorInput {
  readonly externalId: string
  readonly jurisdiction: DemoJurisdiction
  readonly kind: 'person' | 'business'
  /** Day number of the demo's reference date; consent and opt-out instants fall before it. */
  readonly asOfDay: number
  readonly dateOf: (day: number) => string
}

function instant(rng: Prng, input: DemoDebtorInput, minDaysAgo: number, maxDaysAgo: number): string {
  const day = input.dateOf(input.asOfDay - rng.int(minDaysAgo, maxDaysAgo))
  return `${day}T${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`
}

function contact(
  rng: Prng,
  input: DemoDebtorInput,
  kind: 'phone' | 'email',
  phoneType: DemoPhoneType | null,
  value: string,
  timeZone: string | null,
): IntakeContact {
  const [granted, revoked] = CONSENT_ODDS[phoneType ?? 'email']
  const draw = rng.next()
  const consent = draw < granted ? 'granted' : draw < granted + revoked ? 'revoked' : 'unknown'
  return {
    kind,
    phoneType,
    value,
    consent,
    consentAt: consent === 'unknown' ? null : instant(rng, input, 200, 1500),
    optedOutAt: consent === 'revoked' ? instant(rng, input, 1, 199) : null,
    timeZone,
  }
}

/**
 * A phone of the debtor: landlines ring in the home city; a mobile is sometimes from another city of
 * the jurisdiction and, when `moved`, from another jurisdiction altogether.
 */
function phone(
  rng: Prng,
  input: DemoDebtorInput,
  home: DemoCity,
  type: DemoPhoneType,
  moved = false,
): IntakeContact {
  const from = moved ? demoJurisdiction(rng.pick(input.jurisdiction.movedFrom)) : input.jurisdiction
  const city = moved || (type === 'mobile' && rng.chance(0.2)) ? rng.pick(from.cities) : home
  return contact(rng, input, 'phone', type, demoPhoneNumber(rng, from.country, city, type), city.zone)
}

/**
 * A debtor: a person (consumer debts) or a business (commercial debts) living in one of the
 * jurisdiction's cities, with an address and several contact points carrying consent and opt-out
 * states and zone evidence. Now and then a person's mobile is from elsewhere, so the phone's zone and
 * the address's zone disagree, as the Regulation F location rules anticipate.
 */
export function demoDebtor(rng: Prng, input: DemoDebtorInput): IntakeDebtor {
  const { country } = input.jurisdiction
  const names = NAME_SETS[rng.weighted(NAME_SETS_BY_COUNTRY[country])]
  const given = rng.pick(names.given)
  const family = rng.pick(names.family)
  const language = rng.weighted(names.languages)
  const home = rng.pick(input.jurisdiction.cities)
  const address = demoAddress(rng, country, home)
  const contacts: IntakeContact[] = []
  const postal: IntakeContact = {
    kind: 'postal',
    phoneType: null,
    value: formatDemoAddress(address),
    consent: 'unknown',
    consentAt: null,
    optedOutAt: null,
    timeZone: address.timeZone ?? null,
  }
  if (input.kind === 'business') {
    const trade = rng.pick(tradesOf(country))
    const name = `${family} ${trade} ${rng.pick(legalFormsOf(country))}`
    if (rng.chance(0.95)) contacts.push(phone(rng, input, home, 'work'))
    if (rng.chance(0.3)) contacts.push(phone(rng, input, home, 'mobile'))
    if (rng.chance(0.9)) {
      const mailbox = rng.pick(['accounts', 'billing', 'ap', 'info'])
      const email = `${mailbox}@${asciiSlug(family)}${asciiSlug(trade)}.example.com`
      contacts.push(contact(rng, input, 'email', null, email, null))
    }
    contacts.push(postal)
    return {
      externalId: input.externalId,
      kind: 'business',
      name,
      givenName: null,
      familyName: null,
      preferredLanguage: language,
      statedTimeZone: null,
      addresses: [address],
      contacts,
    }
  }
  if (rng.chance(0.92)) contacts.push(phone(rng, input, home, 'mobile', rng.chance(MOVED_MOBILE)))
  if (rng.chance(0.35)) contacts.push(phone(rng, input, home, 'landline'))
  if (rng.chance(0.15)) contacts.push(phone(rng, input, home, 'work'))
  if (rng.chance(0.75)) {
    const email = `${asciiSlug(given)}.${asciiSlug(family)}${rng.int(1, 99)}@${rng.pick(EMAIL_DOMAINS)}`
    contacts.push(contact(rng, input, 'email', null, email, null))
  }
  contacts.push(postal)
  return {
    externalId: input.externalId,
    kind: 'person',
    name: `${given} ${family}`,
    givenName: given,
    familyName: family,
    preferredLanguage: language,
    statedTimeZone: rng.chance(0.08) ? (address.timeZone ?? null) : null,
    addresses: [address],
    contacts,
  }
}
