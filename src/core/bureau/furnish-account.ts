/**
 * Whether and how one collection account is furnished in a month's Metro 2 file (docs/metro2.md):
 * only US consumer debts in dollars; never before the Reg F passive-collection condition (the pure gate,
 * 12 CFR 1006.30(a)); a disputed debt carries its compliance condition code (15 USC 1692e(8)); nothing
 * past the FCRA seven-year limit (15 USC 1681c(a)(4), (c)); a paid, settled or deleted account is
 * reported once, in the month it closed; a sold account is deleted (DA) in the month of its sale. Every account left out gets a reason.
 */
import { addDays, type LocalDate } from '../calendar/local-date.ts'
import type { SentMessage } from '../compliance/credit-reporting-gate.ts'
import { creditReportingGateDecision } from '../compliance/credit-reporting-gate.ts'
import type { Dispute } from '../compliance/dispute-pause.ts'
import type { AccountStatusCode, AccountType, ComplianceConditionCode } from './metro2-layout.ts'
import type { Metro2Account } from './metro2-records.ts'
import { alphanumeric, phoneDigits, postalDigits, splitName, usState } from './normalize-metro2.ts'

/** What the books say about one account, as of the end of the month. */
export interface FurnishingFacts {
  externalId: string
  debtKind: 'consumer' | 'commercial'
  debtorKind: 'person' | 'business'
  jurisdiction: string
  currency: string
  status: 'open' | 'paid' | 'settled' | 'written_off' | 'closed'
  openedOn: LocalDate
  /** The delinquency anchor: the original creditor's first missed due date. */
  dueOn: LocalDate
  closedOn: LocalDate | null
  /** The day the account was sold to a debt buyer (docs/debt-sale.md), or null: reported DA from then. */
  soldOn: LocalDate | null
  originalCreditor: string
  debtor: { name: string; givenName: string | null; familyName: string | null; dateOfBirth: string | null }
  address: {
    line1: string | null
    line2: string | null
    city: string | null
    region: string | null
    postalCode: string | null
    country: string
  } | null
  phone: string | null
  /** Balance at the end of the month, minor units. */
  balanceMinor: number
  /** Every charge: the amount placed. */
  originalMinor: number
  /** Payments effective in the month (positive). */
  paidInMonthMinor: number
  lastPaymentOn: LocalDate | null
  disputes: readonly Dispute[]
  spokeWithConsumerAt: string | null
  messages: readonly SentMessage[]
  /** The consumer's zone, in which the gate's waiting days are counted. */
  timeZone: string
}

/** The month being reported and what every record of the file shares. */
export interface FurnishingPeriod {
  firstDay: LocalDate
  lastDay: LocalDate
  /** The furnishing instant the gate judges: the month's end (or now, for the running month). */
  at: string
  /** "YYYY-MM-DDTHH:MM:SS" of the export. */
  timeStamp: string
  identificationNumber: string
  accountType: AccountType
  creditorClassification: string
}

/** Why an account is not in the file. */
export type ExclusionReason =
  | 'not_us'
  | 'not_consumer'
  | 'not_usd'
  | 'opened_after_month'
  | 'closed_before_month'
  | 'nothing_owed'
  | 'no_address'
  | 'obsolete'
  | 'passive_collection'

export type FurnishingOutcome =
  | { furnished: true; account: Metro2Account }
  | { furnished: false; reason: ExclusionReason; detail: string; citation?: string }

const DOLLAR = 100

const excluded = (reason: ExclusionReason, detail: string, citation?: string): FurnishingOutcome => ({
  furnished: false,
  reason,
  detail,
  ...(citation ? { citation } : {}),
})

/** The first day a collection first delinquent on `dofd` may no longer be reported (FCRA 605(a)(4), (c)). */
export function obsoleteFrom(dofd: LocalDate): LocalDate {
  const start = addDays(dofd, 180)
  return `${String(Number(start.slice(0, 4)) + 7).padStart(4, '0')}${start.slice(4)}`
}

/** The account's Base segment (with K1) for the month, or why it is left out. */
export function furnishAccount(facts: FurnishingFacts, period: FurnishingPeriod): FurnishingOutcome {
  const country = facts.jurisdiction.slice(0, 2)
  if (country !== 'US' || (facts.jurisdiction.length > 2 && facts.jurisdiction[2] !== '-'))
    return excluded(
      'not_us',
      `jurisdiction ${facts.jurisdiction}: only US debts are furnished to Metro 2 bureaus`,
    )
  if (facts.debtKind !== 'consumer' || facts.debtorKind !== 'person')
    return excluded('not_consumer', `a ${facts.debtKind} debt of a ${facts.debtorKind}: only consumer debts`)
  if (facts.currency !== 'USD')
    return excluded('not_usd', `in ${facts.currency}: Metro 2 amounts are dollars`)
  if (facts.openedOn > period.lastDay) return excluded('opened_after_month', `opened ${facts.openedOn}`)

  const closing = closingDay(facts)
  const closedByEnd = closing !== null && closing <= period.lastDay
  let status: AccountStatusCode = '93'
  if (closedByEnd) {
    if (closing < period.firstDay)
      return excluded('closed_before_month', `closed ${closing}: its last status went in that month's file`)
    // Sold, recalled or reported in error: the furnisher deletes its tradeline (DA).
    status = facts.soldOn === null && (facts.status === 'paid' || facts.status === 'settled') ? '62' : 'DA'
  } else if (facts.balanceMinor <= 0) {
    return excluded('nothing_owed', 'open with nothing owed at the end of the month')
  }
  const until = obsoleteFrom(facts.dueOn)
  if (period.lastDay >= until)
    return excluded(
      'obsolete',
      `first delinquent ${facts.dueOn}: reportable until ${addDays(until, -1)}`,
      '15 USC 1681c(a)(4), (c)',
    )
  if (!facts.address?.line1 || !facts.address.city || !usState(facts.address.region))
    return excluded('no_address', 'no US postal address with a street, city and state')

  const condition = conditionCode(facts.disputes, period)
  const gate = creditReportingGateDecision({
    at: period.at,
    spokeWithConsumerAt: facts.spokeWithConsumerAt,
    messages: facts.messages,
    timeZone: facts.timeZone,
    disputes: facts.disputes,
    reportedAsDisputed: condition === 'XB' || condition === 'XC',
  })
  if (gate.outcome === 'block') {
    const reason = gate.reasons[0]
    return excluded('passive_collection', reason?.message ?? 'the gate blocks furnishing', reason?.citation)
  }
  return {
    furnished: true,
    account: baseSegment(facts, period, status, condition, closedByEnd ? closing : null),
  }
}

/**
 * The day a closed account closed: settlements, write-offs and closures say; payments in full do not,
 * so a paid account closed with its last payment, if that left nothing owed by the month's end (a
 * payment in full after the month leaves it open in this month's file).
 */
function closingDay(facts: FurnishingFacts): LocalDate | null {
  // A sale closes the account on its closing day, whatever the status says.
  if (facts.soldOn !== null) return facts.soldOn
  if (facts.status === 'open') return null
  if (facts.closedOn !== null) return facts.closedOn
  if (facts.status === 'paid' && facts.balanceMinor > 0) return null
  return facts.lastPaymentOn ?? facts.openedOn
}

/**
 * XB: a dispute not yet answered; XC: answered (verification sent) but not withdrawn, the consumer still
 * disagrees; XH: the last dispute ended this month; XR: it ended last month (removes the XH); blank after.
 */
export function conditionCode(
  disputes: readonly Dispute[],
  period: FurnishingPeriod,
): ComplianceConditionCode {
  if (disputes.length === 0) return ''
  const at = Date.parse(period.at)
  let open: 'XB' | 'XC' | null = null
  let lastEnded: number | null = null
  for (const d of disputes) {
    if (Date.parse(d.receivedAt) > at) continue
    const resolved = d.resolvedAt == null ? null : Date.parse(d.resolvedAt)
    if (resolved !== null && resolved <= at) {
      lastEnded = Math.max(lastEnded ?? resolved, resolved)
      continue
    }
    const answered = d.verificationSentAt != null && Date.parse(d.verificationSentAt) <= at
    open = open === 'XB' || !answered ? 'XB' : 'XC'
  }
  if (open) return open
  if (lastEnded === null) return ''
  const endedOn = new Date(lastEnded).toISOString().slice(0, 10)
  if (endedOn >= period.firstDay) return 'XH'
  const previousMonthStart = `${addDays(period.firstDay, -1).slice(0, 7)}-01`
  return endedOn >= previousMonthStart ? 'XR' : ''
}

/** Payment History Profile: B (no history) in each of the 24 months. */
const NO_HISTORY = 'B'.repeat(24)

const dollars = (minor: number) => (minor > 0 ? Math.floor(minor / DOLLAR) : 0)

function baseSegment(
  facts: FurnishingFacts,
  period: FurnishingPeriod,
  status: AccountStatusCode,
  condition: ComplianceConditionCode,
  closedOn: LocalDate | null,
): Metro2Account {
  const name = splitName(facts.debtor)
  const address = facts.address!
  const owed = status === '93' ? dollars(facts.balanceMinor) : 0
  return {
    timeStamp: period.timeStamp,
    identificationNumber: alphanumeric(period.identificationNumber, 20),
    cycleIdentifier: '',
    consumerAccountNumber: alphanumeric(facts.externalId, 30),
    portfolioType: 'O',
    accountType: period.accountType,
    dateOpened: facts.openedOn,
    creditLimit: 0,
    highestCredit: dollars(facts.originalMinor),
    termsDuration: '001',
    termsFrequency: 'P',
    scheduledMonthlyPayment: 0,
    actualPayment: dollars(facts.paidInMonthMinor),
    accountStatus: status,
    paymentRating: status === '62' ? 'G' : '',
    paymentHistoryProfile: NO_HISTORY,
    specialComment: status === '62' && facts.status === 'settled' ? 'AU' : '',
    complianceConditionCode: condition,
    currentBalance: owed,
    amountPastDue: owed,
    originalChargeOffAmount: 0,
    dateOfAccountInformation: period.lastDay,
    dateOfFirstDelinquency: facts.dueOn,
    dateClosed: closedOn,
    dateOfLastPayment:
      facts.lastPaymentOn !== null && facts.lastPaymentOn <= period.lastDay ? facts.lastPaymentOn : null,
    interestTypeIndicator: '',
    surname: name.surname,
    firstName: name.firstName,
    middleName: name.middleName,
    generationCode: '',
    socialSecurityNumber: 0,
    dateOfBirth: facts.debtor.dateOfBirth,
    telephone: phoneDigits(facts.phone),
    ecoaCode: '1',
    consumerInformationIndicator: '',
    countryCode: 'US',
    addressLine1: alphanumeric(address.line1 ?? '', 32),
    addressLine2: alphanumeric(address.line2 ?? '', 32),
    city: alphanumeric(address.city ?? '', 20),
    state: usState(address.region) ?? '',
    postalCode: postalDigits(address.postalCode),
    addressIndicator: '',
    residenceCode: '',
    originalCreditor: {
      name: alphanumeric(facts.originalCreditor, 30),
      classification: period.creditorClassification,
    },
  }
}
