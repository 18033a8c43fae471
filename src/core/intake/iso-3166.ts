import { iso31661 } from 'iso-3166/1.js'
import { iso31662 } from 'iso-3166/2.js'

/**
 * ISO 3166 country and subdivision codes, from the maintained `iso-3166` package (wooorm/iso-3166:
 * plain data, no dependencies, no network, updated with each ISO newsletter) rather than a list of
 * our own: the UK alone has over 200 subdivisions, and a hand-kept copy would go stale unnoticed.
 */
const COUNTRIES = new Set(iso31661.map((entry) => entry.alpha2))
const SUBDIVISIONS = new Set(iso31662.map((entry) => entry.code))

/**
 * "XX" is the code ISO 3166 users assign to an unknown country; its subdivisions are whatever the
 * source says (the IBM sample's numeric country codes come in as XX-391), so they are not checked.
 */
export const UNKNOWN_COUNTRY = 'XX'

/** True for an assigned ISO 3166-1 alpha-2 code ("US", "GB"), upper case. */
export function isCountryCode(code: string): boolean {
  return COUNTRIES.has(code)
}

/** True for an assigned ISO 3166-2 subdivision code ("US-NY", "GB-SCT"), upper case. */
export function isSubdivisionCode(code: string): boolean {
  return SUBDIVISIONS.has(code)
}

const JURISDICTION = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/

/**
 * Why a jurisdiction code is not one, or undefined when it is: a country ("DE"), an ISO 3166-2
 * subdivision ("US-NY", "GB-SCT"), or a subdivision of the unknown country ("XX-391").
 */
export function jurisdictionProblem(code: string): string | undefined {
  const match = JURISDICTION.exec(code)
  const country = match?.[1]
  if (!match || country === undefined) {
    return `"${code}" is not a country code or country-subdivision code such as US-NY`
  }
  if (country === UNKNOWN_COUNTRY) return undefined
  if (!COUNTRIES.has(country)) return `"${country}" is not an ISO 3166 country code`
  if (match[2] !== undefined && !SUBDIVISIONS.has(code)) {
    return `"${code}" is not an ISO 3166-2 subdivision of ${country}`
  }
  return undefined
}
