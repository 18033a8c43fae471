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
 * the document facts all read it; the bureau export, addressOfValues below), or null when there is no row.
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

/** The `debtor_addresses` columns `addressOfValues` reads, in its order: select them as a run. */
export const ADDRESS_COLUMNS = ['line1', 'line2', 'city', 'region', 'postal_code', 'country'] as const

/**
 * The same mapping for a row read as an array of values (store/prepared-query.ts, preparedRowsQuery)
 * whose ADDRESS_COLUMNS start at position `from`.
 */
export function addressOfValues(row: readonly unknown[] | undefined, from: number): PostalAddress | null {
  if (!row) return null
  return {
    line1: row[from] as string | null,
    line2: row[from + 1] as string | null,
    city: row[from + 2] as string | null,
    region: row[from + 3] as string | null,
    postalCode: row[from + 4] as string | null,
    country: row[from + 5] as string,
  }
}
