/**
 * The compliance contract: one proposed action with everything the rules need to judge it. The same
 * shape is read by `recoup compliance check` (as JSON, validated against docs/compliance-check.schema.json),
 * built by the daily run from the database, and, later, accepted by the HTTP API. Instants are ISO 8601
 * with `Z` or an explicit offset; calendar dates are `YYYY-MM-DD`; amounts are integer minor units.
 */
import type { CallResult } from './call-frequency.ts'
import type { ComplianceDeadline, ComplianceDecision } from './compliance-decision.ts'
import type { Consent, ContactChannel, ContactPurpose } from './contact-permission.ts'
import type { LimitationEventKind } from './limitation.ts'

/** What is proposed. Contacts carry a channel; legal and reporting actions do not. */
export type ProposedActionKind =
  | 'contact'
  | 'legal_notice'
  | 'threat_of_suit'
  | 'suit'
  | 'credit_report'
  | 'agency_placement'
  | 'fee'
  | 'interest'
  /** Australia: a creditor's statutory demand on a company (Corporations Act 2001 s.459E). */
  | 'statutory_demand'
  /** Australia: a bankruptcy notice on an individual (Bankruptcy Act 1966 s.40). */
  | 'bankruptcy_notice'
  /** US: depositing a postdated cheque or other payment instrument (15 USC 1692f(2); facts in `instrument`). */
  | 'deposit_postdated_instrument'

/** Who is collecting: Reg F and the FDCPA bind third parties and debt buyers; some states bind creditors too. */
export type CollectorType = 'third_party' | 'debt_buyer' | 'original_creditor'

export interface ProposedAction {
  kind: ProposedActionKind
  /** The proposed instant. */
  at: string
  /** Contacts only. `visit` is an in-person visit at home. */
  channel?: ContactChannel | 'visit'
  /** Contacts only; default `collection`. */
  purpose?: ContactPurpose
  /** Calls only; omitted is treated as autodialed (fail safe for the TCPA). */
  dialing?: 'manual' | 'autodialed' | 'prerecorded'
  /** Contacts only: which of `contactPoints` is used. */
  contactPointId?: string
  /** The debts this action is about (ids from `debts`); default all of them. */
  debtIds?: readonly string[]
  /** Message or letter text when known: checked for mini-Miranda, opt-out and overshadowing. */
  content?: ActionContent
  /** Credit reports only: the report carries the "disputed by consumer" flag (15 USC 1692e(8)). */
  reportAsDisputed?: boolean
  /** `deposit_postdated_instrument` only: the cheque or other payment instrument to deposit. */
  instrument?: PostdatedInstrumentFacts
}

/** A postdated cheque or other payment instrument the collector holds (15 USC 1692f(2)). */
export interface PostdatedInstrumentFacts {
  /** The date written on the instrument; unknown: treated as postdated by more than 5 days. */
  instrumentDate?: string | null
  /** The date the collector accepted (received) it; unknown: treated as postdated by more than 5 days. */
  acceptedOn?: string | null
  /** The date the written notice of intent to deposit was sent; null or absent: none was sent. */
  noticeOfIntentSentOn?: string | null
}

/** What kind of contract the debt arises from; selects the limitation period where the law distinguishes. */
export type ContractType = 'written' | 'oral' | 'open_account' | 'promissory_note' | 'judgment'

/**
 * The tenant's choices on points the catalogue marks configurable; absent: the pack's conservative
 * default. The trace notes which value was used and where it came from.
 */
export interface TenantComplianceSettings {
  /**
   * Credit reporting (catalogue open question 8): `after_full_wait` (default) furnishes from the day after
   * the 14 full days following the sending day (day 15); `last_wait_day` allows day 14 itself.
   */
  creditReportingFurnishFrom?: 'after_full_wait' | 'last_wait_day'
  /**
   * Limitation where the jurisdiction's period depends on the contract type and the debt states none:
   * `shortest` (default) applies the shortest period listed; `block` blocks suits and threats of suit.
   */
  unknownContractType?: 'shortest' | 'block'
}

export interface ActionContent {
  text: string
  /** The first communication with the consumer about the debt (full mini-Miranda needed). */
  firstCommunication?: boolean
}

/** One piece of location evidence pointing at an IANA zone. */
export interface ZoneEvidence {
  source: 'address' | 'postal_code' | 'area_code' | 'stated'
  timeZone: string
}

/** A time the consumer said is inconvenient (weekdays 1=Mon..7=Sun, local `HH:MM` range). */
export interface StatedInconvenientTime {
  statedAt: string
  weekdays?: readonly number[]
  from: string
  to: string
}

export interface DebtorFacts {
  kind: 'person' | 'business'
  /** Where the debtor lives or trades: `US-MA`, `US-NY-NYC`, `IN`, `GB`, `DE`, `AE`... */
  jurisdiction: string
  timeZoneEvidence: readonly ZoneEvidence[]
  attorney?: { name: string; address: string; knownAt: string } | null
  ceaseReceivedAt?: string | null
  employerProhibitsWorkContact?: boolean
  directConsentToContact?: boolean
  mediumOptOuts?: readonly { channel: ContactChannel; at: string }[]
  inconvenientTimes?: readonly StatedInconvenientTime[]
  /** Places the consumer said are inconvenient, e.g. `work`, `home`. */
  inconvenientPlaces?: readonly { place: 'home' | 'work'; statedAt: string }[]
}

export interface ContactPointFacts {
  id: string
  kind: 'phone' | 'email' | 'postal'
  phoneType?: 'mobile' | 'landline' | 'work'
  employerProvided?: boolean
  /** The point reaches the debtor at work (a work phone, an office address). */
  atWorkplace?: boolean
  optedOutAt?: string | null
  consent: Consent
  consentRevokedAt?: string | null
  /** Zone from this point's own evidence (area code); also listed in `debtor.timeZoneEvidence`. */
  timeZone?: string | null
  /** The debtor emailed or texted us from this point. */
  debtorUsedAt?: string | null
}

export interface DisputeFacts {
  receivedAt: string
  written: boolean
  /** Disputed amount, or null for the whole debt. */
  amountMinor: number | null
  /** When verification (or a judgment copy) was sent; collection may resume afterwards. */
  verificationSentAt?: string | null
  resolvedAt?: string | null
}

export interface DebtFacts {
  id: string
  kind: 'consumer' | 'commercial'
  jurisdiction: string
  currency: string
  balanceMinor: number
  /** Date the limitation period runs from (default trigger: first missed due date). */
  accrualOn?: string | null
  /** The contract the debt arises from; selects the limitation period where the jurisdiction distinguishes. */
  contractType?: ContractType | null
  limitationEvents?: readonly { on: string; kind: LimitationEventKind; writtenEvidence: boolean }[]
  /** Date of the first communication with the consumer about the debt. */
  firstCommunicationOn?: string | null
  validationNoticeSentOn?: string | null
  disputes?: readonly DisputeFacts[]
  /** Bounced cheque (India NI Act s.138): when the bank informed of dishonour, and notice dates. */
  dishonouredCheque?: {
    chequeDate: string
    presentedOn: string
    bankInformedOn: string
    demandNoticeSentOn?: string | null
    demandNoticeReceivedOn?: string | null
  } | null
  /** UK Pre-Action Protocol for Debt Claims: date of the Letter of Claim. */
  letterOfClaimOn?: string | null
  /** Date the payment became overdue (credit reporting); default `accrualOn`. */
  overdueSince?: string | null
  /** Date a written notice of the overdue payment was given (Australia: Privacy Act s.6Q(1)(c)). */
  overdueNoticeOn?: string | null
  /** Date the consumer was told the default may be disclosed to a credit reporting body (s.21D(3)(d)). */
  creditReportingNoticeOn?: string | null
  /** Date legal proceedings about the debt were started; null: none (claims that they began mislead). */
  proceedingsStartedOn?: string | null
  /** Date of a final judgment for the debt (Australia: a bankruptcy notice needs one). */
  judgmentOn?: string | null
  /** Hardship requests (Australia: National Credit Code s.72, answer within 21 days). */
  hardshipRequests?: readonly { receivedAt: string; answeredAt?: string | null }[]
}

/** Contacts already made (or attempted), used by frequency caps and one-time allowances. */
export interface ContactHistory {
  calls?: readonly {
    at: string
    debtIds: readonly string[]
    result: CallResult
    /** Which of `contactPoints` was called; lets workplace and personal-number caps count apart. */
    contactPointId?: string
  }[]
  /** Texts, emails, letters, visits. */
  messages?: readonly {
    at: string
    channel: ContactChannel | 'visit'
    debtIds: readonly string[]
    purpose?: ContactPurpose
    /** Which of `contactPoints` was used, when known. */
    contactPointId?: string
    /** A postal notice came back undeliverable, or an email bounced. */
    undeliverableAt?: string | null
  }[]
  /** Last conversation with the consumer (right-party contact), any channel. */
  lastConversationAt?: string | null
  /** Direct prior consent per debt for calls (1006.14(b)(3)(i)). */
  callConsentGivenAt?: Readonly<Record<string, string | null>>
}

export interface ComplianceRequest {
  action: ProposedAction
  collector: {
    type: CollectorType
    /** The collector's California license number, shown on written and digital communications (Civ. Code 1788.11). */
    californiaLicenseNumber?: string | null
  }
  debtor: DebtorFacts
  contactPoints?: readonly ContactPointFacts[]
  debts: readonly DebtFacts[]
  history?: ContactHistory
  /** Pack ids to apply instead of choosing by jurisdiction (e.g. to test one pack). */
  packs?: readonly string[]
  /**
   * The tenant's explicit default pack for jurisdictions no pack covers (`BR`, `US-ZZ`), by id. Absent or
   * null: such actions are blocked (unknown means blocked); the trace says when the default was used.
   */
  defaultPack?: string | null
  /** The tenant's settings for configurable points (credit-reporting day, unknown contract type). */
  settings?: TenantComplianceSettings
}

/** The evaluator's answer: the strictest-wins decision plus which packs and families were applied. */
export interface ComplianceResult extends ComplianceDecision {
  packs: readonly { id: string; version: string }[]
  /** Every family consulted, in order, with its own outcome (the trace); `note` explains a default. */
  checks: readonly { family: string; packId: string; outcome: 'allow' | 'block'; note?: string }[]
  /** Dates the applied rules compute (validation period, first furnishing day, last day to sue...). */
  deadlines: readonly ComplianceDeadline[]
}
