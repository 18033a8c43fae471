/**
 * The Metro 2 records as plain data: one property per field of the layout (metro2-layout.ts), with
 * amounts in whole dollars, dates as "YYYY-MM-DD" or null (written as zeros), alphanumerics as the
 * text without its trailing blanks. Reading a written file gives these objects back unchanged.
 */
import type { LocalDate } from '../calendar/local-date.ts'
import type {
  AccountStatusCode,
  AccountType,
  ComplianceConditionCode,
  SpecialComment,
} from './metro2-layout.ts'

export interface Metro2Header {
  cycleIdentifier: string
  innovisProgramId: string
  equifaxProgramId: string
  experianProgramId: string
  transUnionProgramId: string
  /** The last day of the reporting period. */
  activityDate: LocalDate | null
  dateCreated: LocalDate | null
  programDate: LocalDate | null
  programRevisionDate: LocalDate | null
  reporterName: string
  reporterAddress: string
  reporterTelephone: number
  softwareVendorName: string
  softwareVersion: string
  prbcProgramId: string
}

/** The K1 segment: the creditor the debt was owed to before the collector got it. */
export interface Metro2OriginalCreditor {
  name: string
  /** 01 retail, 02 medical, ... 12 financial ... (metro2-layout.ts CREDITOR_CLASSIFICATIONS). */
  classification: string
}

/** One Base segment (one account and its primary consumer) with its K1 segment, if any. */
export interface Metro2Account {
  /** "YYYY-MM-DDTHH:MM:SS": when the information was extracted. */
  timeStamp: string
  identificationNumber: string
  cycleIdentifier: string
  consumerAccountNumber: string
  portfolioType: string
  accountType: AccountType | string
  dateOpened: LocalDate | null
  creditLimit: number
  highestCredit: number
  termsDuration: string
  termsFrequency: string
  scheduledMonthlyPayment: number
  actualPayment: number
  accountStatus: AccountStatusCode | string
  paymentRating: string
  paymentHistoryProfile: string
  specialComment: SpecialComment | string
  complianceConditionCode: ComplianceConditionCode | string
  currentBalance: number
  amountPastDue: number
  originalChargeOffAmount: number
  dateOfAccountInformation: LocalDate | null
  dateOfFirstDelinquency: LocalDate | null
  dateClosed: LocalDate | null
  dateOfLastPayment: LocalDate | null
  interestTypeIndicator: string
  surname: string
  firstName: string
  middleName: string
  generationCode: string
  /** 0 when unknown (written as zeros). */
  socialSecurityNumber: number
  dateOfBirth: LocalDate | null
  /** 0 when unknown. */
  telephone: number
  ecoaCode: string
  consumerInformationIndicator: string
  countryCode: string
  addressLine1: string
  addressLine2: string
  city: string
  state: string
  postalCode: string
  addressIndicator: string
  residenceCode: string
  originalCreditor: Metro2OriginalCreditor | null
}

/** The Trailer record: counts over the file's Base segments (zeros for segments never written). */
export interface Metro2Trailer {
  totalBaseRecords: number
  totalJ1: number
  totalJ2: number
  blockCount: number
  statusDA: number
  status05: number
  status11: number
  status13: number
  status61: number
  status62: number
  status63: number
  status64: number
  status65: number
  status71: number
  status78: number
  status80: number
  status82: number
  status83: number
  status84: number
  status88: number
  status89: number
  status93: number
  status94: number
  status95: number
  status96: number
  status97: number
  totalEcoaZ: number
  totalN1: number
  totalK1: number
  totalK2: number
  totalK3: number
  totalK4: number
  totalL1: number
  totalSsn: number
  totalSsnBase: number
  totalSsnJ1: number
  totalSsnJ2: number
  totalDob: number
  totalDobBase: number
  totalDobJ1: number
  totalDobJ2: number
  totalTelephone: number
}

/** A whole file: Header, the Base segments in order, Trailer. */
export interface Metro2File {
  header: Metro2Header
  accounts: Metro2Account[]
  trailer: Metro2Trailer
}
