/**
 * The CDIA Metro 2 "character" (unpacked) layout: the Header record, the Base segment and the Trailer
 * record are 426 bytes each, the K1 original-creditor segment 34 bytes appended to its Base segment.
 * Positions are 1-based and inclusive, as the Credit Reporting Resource Guide prints them; the field
 * tables below are the only place they are written (docs/metro2.md shows them).
 */

/**
 * How a field is written. `N`: numeric, right-justified, zero-filled (amounts in whole dollars);
 * `AN`: alphanumeric, upper-case, left-justified, space-filled; `D`: a date MMDDYYYY, all zeros when
 * unknown; `TS`: a time stamp MMDDYYYYHHMMSS; `RDW`: the record descriptor word (the record's length);
 * `C`: a constant (record identifiers, reserved blanks).
 */
export type FieldKind = 'N' | 'AN' | 'D' | 'TS' | 'RDW' | 'C'

/** One field of a record or segment. `key` names the record property it holds (none for constants). */
export interface FieldSpec {
  readonly name: string
  readonly start: number
  readonly length: number
  readonly kind: FieldKind
  readonly key?: string
  /** For `C`: the constant text (blank-filled to the length). */
  readonly constant?: string
  /** The codes the field may hold (after trimming); absent: any value of its kind. */
  readonly codes?: readonly string[]
}

export const RECORD_LENGTH = 426
export const K1_LENGTH = 34

export const PORTFOLIO_TYPES = ['O'] as const
/** 48: collection agency/attorney; 0C: debt purchaser. */
export const ACCOUNT_TYPES = ['48', '0C'] as const
/** 93: assigned to internal or external collections; 62: collection account paid in full; DA: delete. */
export const ACCOUNT_STATUSES = ['93', '62', 'DA'] as const
/** AU: account paid in full for less than the full balance. Blank: no special comment. */
export const SPECIAL_COMMENTS = ['', 'AU'] as const
/** XB disputed, XC dispute investigated and consumer disagrees, XH previously disputed, XR remove. */
export const COMPLIANCE_CONDITION_CODES = ['', 'XB', 'XC', 'XH', 'XR'] as const
/** K1 creditor classification (CRRG): 01 retail ... 15 check guarantee. */
export const CREDITOR_CLASSIFICATIONS = Array.from({ length: 15 }, (_, i) => String(i + 1).padStart(2, '0'))

export type AccountType = (typeof ACCOUNT_TYPES)[number]
export type AccountStatusCode = (typeof ACCOUNT_STATUSES)[number]
export type SpecialComment = (typeof SPECIAL_COMMENTS)[number]
export type ComplianceConditionCode = (typeof COMPLIANCE_CONDITION_CODES)[number]

/** Builds a table from [name, length, kind, key?, extra?] rows, numbering the positions as it goes. */
function table(
  rows: readonly (readonly [string, number, FieldKind, string?, Partial<FieldSpec>?])[],
  total: number,
): readonly FieldSpec[] {
  let start = 1
  const specs = rows.map(([name, length, kind, key, extra]) => {
    const spec: FieldSpec = { name, start, length, kind, ...(key ? { key } : {}), ...extra }
    start += length
    return spec
  })
  if (start - 1 !== total) throw new Error(`layout sums to ${start - 1}, not ${total}`)
  return specs
}

const reserved = (length: number) => ['Reserved', length, 'C', undefined, { constant: '' }] as const

export const HEADER_FIELDS = table(
  [
    ['Record Descriptor Word', 4, 'RDW'],
    ['Record Identifier', 6, 'C', undefined, { constant: 'HEADER' }],
    ['Cycle Identifier', 2, 'AN', 'cycleIdentifier'],
    ['Innovis Program Identifier', 10, 'AN', 'innovisProgramId'],
    ['Equifax Program Identifier', 10, 'AN', 'equifaxProgramId'],
    ['Experian Program Identifier', 5, 'AN', 'experianProgramId'],
    ['TransUnion Program Identifier', 10, 'AN', 'transUnionProgramId'],
    ['Activity Date', 8, 'D', 'activityDate'],
    ['Date Created', 8, 'D', 'dateCreated'],
    ['Program Date', 8, 'D', 'programDate'],
    ['Program Revision Date', 8, 'D', 'programRevisionDate'],
    ['Reporter Name', 40, 'AN', 'reporterName'],
    ['Reporter Address', 96, 'AN', 'reporterAddress'],
    ['Reporter Telephone Number', 10, 'N', 'reporterTelephone'],
    ['Software Vendor Name', 40, 'AN', 'softwareVendorName'],
    ['Software Version Number', 5, 'AN', 'softwareVersion'],
    ['PRBC Program Identifier', 10, 'AN', 'prbcProgramId'],
    reserved(146),
  ],
  RECORD_LENGTH,
)

export const BASE_FIELDS = table(
  [
    ['Record Descriptor Word', 4, 'RDW'],
    ['Processing Indicator', 1, 'C', undefined, { constant: '1' }],
    ['Time Stamp', 14, 'TS', 'timeStamp'],
    reserved(1),
    ['Identification Number', 20, 'AN', 'identificationNumber'],
    ['Cycle Identifier', 2, 'AN', 'cycleIdentifier'],
    ['Consumer Account Number', 30, 'AN', 'consumerAccountNumber'],
    ['Portfolio Type', 1, 'AN', 'portfolioType', { codes: PORTFOLIO_TYPES }],
    ['Account Type', 2, 'AN', 'accountType', { codes: ACCOUNT_TYPES }],
    ['Date Opened', 8, 'D', 'dateOpened'],
    ['Credit Limit', 9, 'N', 'creditLimit'],
    ['Highest Credit or Original Loan Amount', 9, 'N', 'highestCredit'],
    ['Terms Duration', 3, 'AN', 'termsDuration'],
    ['Terms Frequency', 1, 'AN', 'termsFrequency'],
    ['Scheduled Monthly Payment Amount', 9, 'N', 'scheduledMonthlyPayment'],
    ['Actual Payment Amount', 9, 'N', 'actualPayment'],
    ['Account Status', 2, 'AN', 'accountStatus', { codes: ACCOUNT_STATUSES }],
    ['Payment Rating', 1, 'AN', 'paymentRating'],
    ['Payment History Profile', 24, 'AN', 'paymentHistoryProfile'],
    ['Special Comment', 2, 'AN', 'specialComment', { codes: SPECIAL_COMMENTS }],
    ['Compliance Condition Code', 2, 'AN', 'complianceConditionCode', { codes: COMPLIANCE_CONDITION_CODES }],
    ['Current Balance', 9, 'N', 'currentBalance'],
    ['Amount Past Due', 9, 'N', 'amountPastDue'],
    ['Original Charge-off Amount', 9, 'N', 'originalChargeOffAmount'],
    ['Date of Account Information', 8, 'D', 'dateOfAccountInformation'],
    ['FCRA Compliance/Date of First Delinquency', 8, 'D', 'dateOfFirstDelinquency'],
    ['Date Closed', 8, 'D', 'dateClosed'],
    ['Date of Last Payment', 8, 'D', 'dateOfLastPayment'],
    ['Interest Type Indicator', 1, 'AN', 'interestTypeIndicator'],
    reserved(17),
    ['Surname', 25, 'AN', 'surname'],
    ['First Name', 20, 'AN', 'firstName'],
    ['Middle Name', 20, 'AN', 'middleName'],
    ['Generation Code', 1, 'AN', 'generationCode'],
    ['Social Security Number', 9, 'N', 'socialSecurityNumber'],
    ['Date of Birth', 8, 'D', 'dateOfBirth'],
    ['Telephone Number', 10, 'N', 'telephone'],
    ['ECOA Code', 1, 'AN', 'ecoaCode'],
    ['Consumer Information Indicator', 2, 'AN', 'consumerInformationIndicator'],
    ['Country Code', 2, 'AN', 'countryCode'],
    ['First Line of Address', 32, 'AN', 'addressLine1'],
    ['Second Line of Address', 32, 'AN', 'addressLine2'],
    ['City', 20, 'AN', 'city'],
    ['State', 2, 'AN', 'state'],
    ['Postal/Zip Code', 9, 'AN', 'postalCode'],
    ['Address Indicator', 1, 'AN', 'addressIndicator'],
    ['Residence Code', 1, 'AN', 'residenceCode'],
  ],
  RECORD_LENGTH,
)

export const K1_FIELDS = table(
  [
    ['K1 Segment Identifier', 2, 'C', undefined, { constant: 'K1' }],
    ['Original Creditor Name', 30, 'AN', 'name'],
    ['Creditor Classification', 2, 'AN', 'classification', { codes: CREDITOR_CLASSIFICATIONS }],
  ],
  K1_LENGTH,
)

/** The status codes the trailer counts, in its order (CRRG Trailer Record fields 8 to 29). */
export const TRAILER_STATUS_CODES = [
  'DA',
  '05',
  '11',
  '13',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '78',
  '80',
  '82',
  '83',
  '84',
  '88',
  '89',
  '93',
  '94',
  '95',
  '96',
  '97',
] as const

const count = (name: string, key: string) => [name, 9, 'N', key] as const

export const TRAILER_FIELDS = table(
  [
    ['Record Descriptor Word', 4, 'RDW'],
    ['Record Identifier', 7, 'C', undefined, { constant: 'TRAILER' }],
    count('Total Base Records', 'totalBaseRecords'),
    ['Reserved', 9, 'C', undefined, { constant: '000000000' }],
    count('Total Associated Consumer Segments (J1)', 'totalJ1'),
    count('Total Associated Consumer Segments (J2)', 'totalJ2'),
    count('Block Count', 'blockCount'),
    ...TRAILER_STATUS_CODES.map((code) => count(`Total of Status Code ${code}`, `status${code}`)),
    count('Total of ECOA Code Z', 'totalEcoaZ'),
    count('Total Employment Segments', 'totalN1'),
    count('Total Original Creditor Segments', 'totalK1'),
    count('Total Purchased From/Sold To Segments', 'totalK2'),
    count('Total Mortgage Information Segments', 'totalK3'),
    count('Total Specialized Payment Information Segments', 'totalK4'),
    count('Total Account Change Segments', 'totalL1'),
    count('Total Social Security Numbers', 'totalSsn'),
    count('Total Social Security Numbers in Base Segments', 'totalSsnBase'),
    count('Total Social Security Numbers in J1 Segments', 'totalSsnJ1'),
    count('Total Social Security Numbers in J2 Segments', 'totalSsnJ2'),
    count('Total Dates of Birth', 'totalDob'),
    count('Total Dates of Birth in Base Segments', 'totalDobBase'),
    count('Total Dates of Birth in J1 Segments', 'totalDobJ1'),
    count('Total Dates of Birth in J2 Segments', 'totalDobJ2'),
    count('Total Telephone Numbers', 'totalTelephone'),
    reserved(28),
  ],
  RECORD_LENGTH,
)
