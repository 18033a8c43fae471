/**
 * A rule pack: one jurisdiction's (or one debt kind's) rules as versioned data plus the rule families
 * that read it. Packs never hard-code a number: every window, cap, day count and limitation period is a
 * field of `settings`, so a tenant can override what the catalogue marks configurable or [U], and
 * `recoup compliance packs` can print exactly what is enforced.
 */
import type { CallFrequencyRule } from './call-frequency.ts'
import type { ComplianceDeadline } from './compliance-decision.ts'
import type { CollectorType, ComplianceRequest, ContractType } from './compliance-request.ts'
import type { ContactWindowRule } from './contact-window.ts'
import type { CreditReportingGateSettings } from './credit-reporting-gate.ts'
import type { DisputePauseSettings } from './dispute-pause.ts'
import type { LimitationExclusion, LimitationRule } from './limitation.ts'
import type { MessageContentSettings } from './message-content.ts'
import type { NiActSettings } from './ni-act-timeline.ts'
import type { PostdatedInstrumentSettings } from './postdated-instrument.ts'
import type { PreActionProtocolSettings } from './pre-action-protocol.ts'
import type { ContactMedium, LocationEvidenceMode, PreparedRequest } from './prepared-request.ts'
import { prepareRequest } from './prepared-request.ts'
import type { StatedInconvenienceSettings } from './stated-inconvenience.ts'
import type { RuleCheck } from './strictest-wins.ts'

/** One rule family's check, named for the decision trace. */
export interface NamedCheck {
  family: string
  check: RuleCheck
  /** Shown in the trace entry: which setting or preset the family used and why. */
  note?: string
}

/**
 * A NamedCheck. Build checks through this function: the check is then an argument, which the tsx
 * transform (esbuild keepNames) does not wrap in a per-request `__name` call as it does property values.
 */
export function namedCheck(family: string, check: RuleCheck, note?: string): NamedCheck {
  return note === undefined ? { family, check } : { family, check, note }
}

/** The contract every pack meets; the evaluator knows nothing else about packs. */
export interface RulePack<S = PackSettings> {
  id: string
  /** Date of the legal text the pack reflects (`YYYY-MM-DD`); changes whenever a setting changes. */
  version: string
  description: string
  settings: S
  /** Whether the pack judges this request when the request does not name packs. */
  appliesTo(req: ComplianceRequest): boolean
  /** The pack's checks for this request (families that do not concern the action are left out). */
  checks(req: ComplianceRequest): NamedCheck[]
  /** The dates the pack's rules compute for this request (validation period, limitation...). */
  deadlines?(req: ComplianceRequest): ComplianceDeadline[]
}

/** A contact window and where it applies. */
export interface WindowSetting {
  rule: ContactWindowRule
  /** Media the window times; a letter is delivered by the post, so packs leave letters out. */
  channels: readonly ContactMedium[]
  /** `intersection` (Reg F: allowed in every zone), `area_code` (Florida), `address` (business premises). */
  locationEvidence: LocationEvidenceMode
  /** Fixed by contact-window.ts: 08:00:00 is inside an 08:00 start, 21:00:00 outside a 21:00 end. */
  edges: 'start_inclusive_end_exclusive'
  /** Media exempt from a date on (`YYYY-MM-DD`, in the day zone), e.g. Florida email from 2025-05-16. */
  exemptions: readonly { channel: ContactMedium; from: string }[]
}

/** A contact cap: which proposed media it judges, which past contacts it counts, on which points. */
export interface FrequencySetting {
  rules: readonly CallFrequencyRule[]
  /** Proposed media the cap judges. */
  triggers: readonly ContactMedium[]
  /** Media of past contacts that count (`call` = history.calls; others = history.messages). */
  counts: readonly ContactMedium[]
  /** Contact points in scope: `workplace` (work phones, points at work), `personal` (the rest) or `any`. */
  contactPoints: 'any' | 'workplace' | 'personal'
}

/** A limitation rule as a pack uses it: the preset plus the periods that do not count. */
export type LimitationSetting = LimitationRule & { exclusions: readonly LimitationExclusion[] }

/**
 * Limitation periods that depend on the contract type (Florida: written 5 years, oral or open account 4).
 * A type stated but not listed is blocked (the catalogue has no figure; the period may be shorter); a
 * debt that states no type gets `unknown`: the shortest period listed, or a block.
 */
export interface ContractTypeLimitation {
  byType: Readonly<Partial<Record<ContractType, LimitationSetting>>>
  unknown: 'shortest' | 'block'
}

/** Every configurable point a pack may set; `null` or empty lists mean the family is not part of the pack. */
export interface PackSettings {
  /** Jurisdiction codes covered; a code covers its sub-codes (`US-NY` covers `US-NY-NYC`); `*` is any. */
  jurisdictions: readonly string[]
  /** The debt kind whose actions the pack judges. */
  debtKind: 'consumer' | 'commercial'
  /** Collector types the conduct rules bind (catalogue point 14); limitation binds everyone. */
  collectorTypes: readonly CollectorType[]
  contactWindows: readonly WindowSetting[]
  /** Local weekdays (1=Mon..7=Sun) contacts by the windows' media may be made on, or null for every day. */
  contactWeekdays: { ruleId: string; citation: string; weekdays: readonly number[] } | null
  frequency: readonly FrequencySetting[]
  /** Days a direct prior consent to calls covers, consent day = day 1 (catalogue point 4). */
  consentDays: number
  /** Reg F attorney, cease, workplace, employer email and opt-out rules for bound collectors. */
  contactPermission: boolean
  /** TCPA mobile consent: binds every collector type listed, whatever `collectorTypes` says. */
  tcpaCollectorTypes: readonly CollectorType[]
  validationNotice: {
    rule: { ruleId: string; citation: string }
    /** Days after the first communication the notice may be sent (catalogue point 6). */
    deadlineDays: number
    dayCount: 'calendar' | 'business'
  } | null
  /** Limitation rule per jurisdiction code, looked up by the debt's jurisdiction then the debtor's. */
  limitation: Readonly<Record<string, LimitationSetting>>
  /** Per jurisdiction code where the period depends on the contract type; wins over `limitation` there. */
  limitationByContractType?: Readonly<Record<string, ContractTypeLimitation>>
  /** A conduct rule forbidding suit or threat of suit on a time-barred debt (Reg F 1006.26(b)), or null. */
  timeBarredProhibition: { ruleId: string; citation: string; collectorTypes: readonly CollectorType[] } | null
  // Families in their own modules (conduct-families.ts); absent or null: the pack does not carry them.
  /** Consumer-stated inconvenient times and places (1006.6(b)(1)). */
  statedInconvenience?: StatedInconvenienceSettings | null
  /** Written disputes pause collection (1006.38(d)(2)); which disputes count (catalogue point 7). */
  disputePause?: DisputePauseSettings | null
  /** Mini-Miranda, opt-out notice, overshadowing phrasings. */
  messageContent?: MessageContentSettings | null
  /** Check `collector.californiaLicenseNumber` appears in written communications (Civ. Code 1788.11). */
  californiaLicense?: boolean
  /** Passive-collection gate before credit reporting (catalogue point 8). */
  creditReportingGate?: CreditReportingGateSettings | null
  /** India NI Act s.138/s.142 cheque-dishonour timeline (catalogue point 11). */
  niAct?: NiActSettings | null
  /** UK Pre-Action Protocol for Debt Claims. */
  preActionProtocol?: PreActionProtocolSettings | null
  /** Notice of intent before depositing a postdated instrument (15 USC 1692f(2)). */
  postdatedInstrument?: PostdatedInstrumentSettings | null
}

/** Computes the dates one family's rules give for a request (empty when it gives none). */
export type DeadlineFactory<S extends PackSettings = PackSettings> = (
  p: PreparedRequest,
  settings: S,
) => ComplianceDeadline[]

/** Builds one family's check from a pack's settings, or null when the family does not concern the action. */
export type FamilyFactory<S extends PackSettings = PackSettings> = (
  p: PreparedRequest,
  settings: S,
) => NamedCheck | null

/** A pack from data: `appliesTo` reads jurisdictions and debt kind; `checks` runs every family factory. */
export function definePack<S extends PackSettings>(definition: {
  id: string
  version: string
  description: string
  settings: S
  families: readonly FamilyFactory<S>[]
  /** Date computations reported as `deadlines`; default the shared set (deadline-families.ts). */
  deadlines?: readonly DeadlineFactory<S>[]
}): RulePack<S> {
  const { settings, families } = definition
  const deadlineFamilies = definition.deadlines ?? []
  const codes = new Set(settings.jurisdictions)
  const anywhere = codes.has('*')
  return {
    id: definition.id,
    version: definition.version,
    description: definition.description,
    settings,
    appliesTo(req) {
      const p = prepareRequest(req)
      const debts = settings.debtKind === 'consumer' ? p.debts.consumer : p.debts.commercial
      if (debts.length === 0) return false
      if (anywhere) return true
      for (const code of p.jurisdictionChain) if (codes.has(code)) return true
      return false
    },
    checks(req) {
      const p = prepareRequest(req)
      const out: NamedCheck[] = []
      for (const family of families) {
        const check = family(p, settings)
        if (check !== null) out.push(check)
      }
      return out
    },
    deadlines(req) {
      if (deadlineFamilies.length === 0) return []
      const p = prepareRequest(req)
      const out: ComplianceDeadline[] = []
      for (const family of deadlineFamilies) out.push(...family(p, settings))
      return out
    },
  }
}
