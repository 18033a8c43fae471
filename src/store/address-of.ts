/** A postal address as documents, files and the bureau export give it (camelCase, nullable lines). */
export interface PostalAddress {
  readonly line1: string | null
  readonly line2: string | null
  readonly city: string | null
  readonly region: string | null
  readonly postalCode: string | null
  readonly country: string
}

/** The columns of a `debtor_addresses` row the mapping reads. */
export interface AddressRow {
  readonly line1: string | null
  readonly line2: string | null
  readonly city: string | null
  readonly region: string | null
  readonly postal_code: string | null
  readonly country: string
}

/**
 * The one mapping of a `debtor_addresses` row to a PostalAddress (the placement file, the sale file and
 * the document facts all read it), or null when there is no row.
 */
export function addressOf(row: AddressRow | undefined | null): PostalAddress | null {
  if (!row) return null
  return {
    line1: row.line1,
    line2: row.line2,
    city: row.city,
    region: row.region,
    postalCode: row.postal_code,
    country: row.country,
  }
}
