import { createHash, timingSafeEqual } from 'node:crypto'

/** What the debtor types to prove who they are, besides the link: a date of birth or a postcode. */
export type PortalIdentity = { readonly dateOfBirth: string } | { readonly postcode: string }

/** What the books hold about the debtor to check it against. */
export interface StoredIdentity {
  readonly datesOfBirth: readonly string[]
  readonly postcodes: readonly (string | null)[]
}

/** A postcode as compared: letters upper-cased, spaces, hyphens and dots removed ("sw1a 1aa" = "SW1A1AA"). */
export function normalizePostcode(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.-]+/g, '')
}

/** Equal in constant time over digests, so the comparison takes as long whatever the text. */
function sameText(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest()
  const right = createHash('sha256').update(b).digest()
  return timingSafeEqual(left, right)
}

/**
 * Whether the given detail matches one the books hold. Every stored value is compared (no early
 * exit), and an empty given value never matches, so a debtor without stored details cannot get in
 * by leaving the field blank.
 */
export function identityMatches(given: PortalIdentity, stored: StoredIdentity): boolean {
  const wanted = 'dateOfBirth' in given ? given.dateOfBirth.trim() : normalizePostcode(given.postcode)
  const candidates =
    'dateOfBirth' in given
      ? stored.datesOfBirth.map((d) => d.trim().slice(0, 10))
      : stored.postcodes.filter((p): p is string => p !== null).map(normalizePostcode)
  let found = false
  for (const candidate of candidates) if (candidate !== '' && sameText(candidate, wanted)) found = true
  return found && wanted !== ''
}
