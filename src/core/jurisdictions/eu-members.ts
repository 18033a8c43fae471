/**
 * The EU member states as data: the one list the EU entries, the EU pack and the Late Payment Directive
 * read. Code (ISO 3166-1; Greece as GR), name, currency, E.164 calling code, postcode pattern.
 */

/** One row per member state. */
export const EU_MEMBER_ROWS: readonly (readonly [
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

/** The member states' ISO 3166-1 codes, in EU_MEMBER_ROWS order. */
export const EU_MEMBER_CODES: readonly string[] = EU_MEMBER_ROWS.map(([code]) => code)
