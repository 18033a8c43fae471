import { EU_MEMBER_STATES } from './statutory-interest.ts'

/** A statutory late-payment regime (GB, IN, EU-<member state>), or `contract` (a rate must be given). */
export type InterestRegime = string

/**
 * The interest regime of an account's jurisdiction ("US-NY", "GB", "DE", "IN-MH"): GB and IN have
 * their statutes, EU member states the Late Payment Directive, anything else needs a contract rate.
 * The one jurisdiction-to-regime mapping: the jurisdiction registry replaces this function.
 */
export function interestRegimeFor(jurisdiction: string): InterestRegime {
  const country = jurisdiction.split('-')[0] ?? ''
  if (country === 'GB' || country === 'IN') return country
  return EU_MEMBER_STATES.includes(country) ? `EU-${country}` : 'contract'
}
