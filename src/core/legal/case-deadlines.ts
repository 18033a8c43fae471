/**
 * A legal case's deadlines and its opening gate, computed from the case's facts (docs/legal-cases.md).
 * Pure. Each deadline and each refusal carries its legal basis (rule id + citation). The NI Act dates
 * come from compliance/ni-act-timeline.ts, the Letter of Claim wait from compliance/pre-action-protocol.ts
 * and the last day to sue from compliance/limitation.ts (the app passes the packs' period in), so one
 * rule is written once.
 *
 * Periods "from" a date exclude that date; month periods end on the corresponding day, clamped to the
 * end of a shorter month (ni-act-timeline's addMonths).
 */
import { addDays, type LocalDate } from '../calendar/local-date.ts'
import type { ComplianceReason } from '../compliance/compliance-decision.ts'
import { addYears } from '../compliance/limitation.ts'
import { addMonths, IN_NI_ACT, niActTimeline, niComplaintDecision } from '../compliance/ni-act-timeline.ts'
import { firstClaimDay, preActionProtocolDecision } from '../compliance/pre-action-protocol.ts'
import type { CaseFacts } from './case-facts.ts'
import { type CaseKind, SUIT_KINDS } from './case-kinds.ts'

type Rule = { readonly ruleId: string; readonly citation: string }

/** The rules this module cites that no compliance pack holds. */
export const CASE_RULES = {
  s12a: {
    ruleId: 'in.cca.s12a-mediation',
    citation:
      'Commercial Courts Act 2015 s.12A(1), (3); Patil Automation v Rakheja Engineers (2022) 10 SCC 1',
  },
  ukStatutoryDemand: {
    ruleId: 'uk.insolvency.statutory-demand',
    citation: 'Insolvency Act 1986 s.268(1)(a) (individuals), s.123(1)(a) (companies)',
  },
  ukThreshold: {
    ruleId: 'uk.insolvency.threshold',
    citation: 'Insolvency Act 1986 s.267(4) (£5,000, SI 2015/922); s.123(1)(a) (£750)',
  },
  ibcDemand: {
    ruleId: 'in.ibc.s8-demand-notice',
    citation: 'Insolvency and Bankruptcy Code 2016 s.8(2), s.9(1)',
  },
  ibcThreshold: {
    ruleId: 'in.ibc.default-threshold',
    citation: 'Insolvency and Bankruptcy Code 2016 s.4 (Rs 1 crore, notification S.O. 1205(E), 24 Mar 2020)',
  },
  openDispute: {
    ruleId: 'legal.open-dispute',
    citation: 'house rule: no proceedings while a dispute is unanswered (15 USC 1692g(b) where it binds)',
  },
  ukJudgmentPayment: { ruleId: 'uk.cpr.judgment-payment', citation: 'CPR 40.11 (14 days)' },
  ukEnforcement: {
    ruleId: 'uk.limitation.judgment',
    citation: 'Limitation Act 1980 s.24(1); CPR 83.2(3)(a) (6 years)',
  },
  inExecution: {
    ruleId: 'in.limitation.execution',
    citation: 'Limitation Act 1963 Schedule, Art. 136 (12 years)',
  },
  ukJudgmentInterest: {
    ruleId: 'uk.judgment-interest',
    citation:
      'Judgments Act 1838 s.17; County Courts (Interest on Judgment Debts) Order 1991 art.2 (8%, judgments of £5,000 or more)',
  },
  inJudgmentInterest: {
    ruleId: 'in.cpc.s34-interest',
    citation: 'Code of Civil Procedure 1908 s.34 (rate fixed by the decree; up to 6% or the contract rate)',
  },
  ni: IN_NI_ACT,
} as const

/** Days the UK statutory demand runs (s.268(1)(a), s.123(1)(a)) and the IBC s.9(1) wait. */
export const UK_STATUTORY_DEMAND_DAYS = 21
export const IBC_DEMAND_DAYS = 10
/** Months of s.12A mediation and of its extension. */
export const S12A_MONTHS = 3
export const S12A_EXTENSION_MONTHS = 2

/** One date the case must meet (`last_day`) or may act from (`earliest_day`), with its basis. */
export interface CaseDeadline {
  /** Stable per case: `ni.notice`, `ni.complaint`, `limitation`, `pre-action`, ... */
  readonly id: string
  readonly label: string
  readonly on: LocalDate
  readonly type: 'last_day' | 'earliest_day'
  /** `filing`: for filing the case (a draft's tasks); `hearing`: a hearing's; `judgment`: enforcement. */
  readonly phase: 'filing' | 'hearing' | 'judgment'
  readonly ruleId: string
  readonly citation: string
}

/** The last day to sue as the applicable compliance pack computed it (compliance/limitation.ts). */
export interface CaseLimitation {
  readonly endsOn: LocalDate
  readonly ruleId: string
  readonly citation: string
}

/** What the deadlines and the gate read. */
export interface CaseDeadlineInput {
  readonly kind: CaseKind
  /** The debt's jurisdiction: `IN`, `GB`, `US-NY`... */
  readonly jurisdiction: string
  readonly debtKind: 'consumer' | 'commercial'
  readonly debtorKind: 'person' | 'business'
  readonly facts: CaseFacts
  readonly limitation: CaseLimitation | null
  /** Set once there is a judgment: its date. */
  readonly judgmentOn?: LocalDate | null
}

const inCountry = (jurisdiction: string, country: string) =>
  jurisdiction === country || jurisdiction.startsWith(`${country}-`)
const isUk = (j: string) => inCountry(j, 'GB')
const isIndia = (j: string) => inCountry(j, 'IN')

/** Whether s.12A mediation binds this case: a commercial suit in India (not summary, not urgent relief). */
function s12aApplies(input: CaseDeadlineInput): boolean {
  return (
    isIndia(input.jurisdiction) &&
    input.debtKind === 'commercial' &&
    (input.kind === 'recovery_suit' || input.kind === 'summary_suit') &&
    input.facts.urgentInterimRelief !== true
  )
}

/** The last day of s.12A mediation applied for on `appliedOn` (3 months, +2 when extended). */
export function mediationEndsOn(appliedOn: LocalDate, extended: boolean): LocalDate {
  return addMonths(appliedOn, S12A_MONTHS + (extended ? S12A_EXTENSION_MONTHS : 0))
}

const demandDays = (j: string) => (isIndia(j) ? IBC_DEMAND_DAYS : UK_STATUTORY_DEMAND_DAYS)
const demandRule = (j: string): Rule => (isIndia(j) ? CASE_RULES.ibcDemand : CASE_RULES.ukStatutoryDemand)

/** Every deadline the case's facts give, in date order. */
export function caseDeadlines(input: CaseDeadlineInput): CaseDeadline[] {
  const out: CaseDeadline[] = []
  const add = (d: Omit<CaseDeadline, 'ruleId' | 'citation' | 'phase'>, rule: Rule) =>
    out.push({
      ...d,
      phase: d.id.startsWith('judgment.') ? 'judgment' : 'filing',
      ruleId: rule.ruleId,
      citation: rule.citation,
    })
  const { facts, kind, jurisdiction } = input
  if (kind === 'ni_act_138' && facts.cheque) {
    const t = niActTimeline(facts.cheque)
    add(
      { id: 'ni.notice', label: 'send the demand notice', on: t.noticeBy, type: 'last_day' },
      IN_NI_ACT.notice,
    )
    if (t.paymentBy)
      add(
        { id: 'ni.payment', label: "the drawer's 15 days to pay end", on: t.paymentBy, type: 'last_day' },
        IN_NI_ACT.notice,
      )
    if (t.causeOfActionOn)
      add(
        {
          id: 'ni.cause-of-action',
          label: 'the complaint may be filed',
          on: t.causeOfActionOn,
          type: 'earliest_day',
        },
        IN_NI_ACT.complaint,
      )
    if (t.complaintBy)
      add(
        { id: 'ni.complaint', label: 'file the complaint', on: t.complaintBy, type: 'last_day' },
        IN_NI_ACT.complaint,
      )
  }
  const suit = SUIT_KINDS.includes(kind)
  if ((suit || kind === 'insolvency_petition' || kind === 'statutory_demand') && input.limitation) {
    const l = input.limitation
    add({ id: 'limitation', label: 'file before the debt is time-barred', on: l.endsOn, type: 'last_day' }, l)
  }
  if (suit && isUk(jurisdiction) && facts.letterOfClaimOn) {
    const rule = {
      ruleId: 'uk.pap-debt.letter-of-claim',
      citation: 'Pre-Action Protocol for Debt Claims (1 Oct 2017)',
    }
    add(
      {
        id: 'pre-action',
        label: 'the 30 days after the Letter of Claim end; a claim may be issued',
        on: firstClaimDay(facts.letterOfClaimOn),
        type: 'earliest_day',
      },
      rule,
    )
  }
  if ((s12aApplies(input) || kind === 'pre_institution_mediation') && facts.mediation) {
    const m = facts.mediation
    const ends = mediationEndsOn(m.appliedOn, m.extended === true)
    add(
      { id: 's12a.ends', label: 'the s.12A mediation period ends', on: ends, type: 'last_day' },
      CASE_RULES.s12a,
    )
    add(
      {
        id: 's12a.suit',
        label: 'the commercial suit may be filed',
        on: m.concludedOn && m.concludedOn <= ends ? addDays(m.concludedOn, 1) : addDays(ends, 1),
        type: 'earliest_day',
      },
      CASE_RULES.s12a,
    )
  }
  if ((kind === 'insolvency_petition' || kind === 'statutory_demand') && facts.statutoryDemand) {
    const days = demandDays(jurisdiction)
    add(
      {
        id: 'demand.expires',
        label: `the demand's ${days} days end; the petition may be presented`,
        on: addDays(facts.statutoryDemand.servedOn, days + 1),
        type: 'earliest_day',
      },
      demandRule(jurisdiction),
    )
  }
  if (input.judgmentOn) {
    const on = input.judgmentOn
    if (isUk(jurisdiction)) {
      add(
        {
          id: 'judgment.payment',
          label: 'payment under the judgment is due',
          on: addDays(on, 14),
          type: 'last_day',
        },
        CASE_RULES.ukJudgmentPayment,
      )
      add(
        {
          id: 'judgment.enforce-by',
          label: 'enforce the judgment (later needs permission)',
          on: addYears(on, 6),
          type: 'last_day',
        },
        CASE_RULES.ukEnforcement,
      )
    } else if (isIndia(jurisdiction)) {
      add(
        {
          id: 'judgment.enforce-by',
          label: 'apply for execution of the decree',
          on: addYears(on, 12),
          type: 'last_day',
        },
        CASE_RULES.inExecution,
      )
    }
  }
  return out.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id < b.id ? -1 : 1))
}

/** The gate's answer: allowed, or refused with every reason and the first day it would pass, if known. */
export interface CaseGateResult {
  readonly outcome: 'allow' | 'block'
  readonly reasons: readonly ComplianceReason[]
  readonly earliestAllowedOn: LocalDate | null
}

/** Gate input: the deadline facts plus the filing day, the claim and the disputes. */
export interface CaseGateInput extends CaseDeadlineInput {
  readonly filedOn: LocalDate
  readonly claimMinor: number
  readonly currency: string
  /** Disputes on the case's accounts: one neither answered nor resolved blocks any proceedings. */
  readonly disputes: readonly {
    readonly verificationSentAt: string | null
    readonly resolvedAt: string | null
  }[]
}

/** Insolvency thresholds in minor units by currency. */
const UK_THRESHOLD = { person: 500_000, business: 75_000 } as const
const IBC_THRESHOLD_MINOR = 1_000_000_000

/**
 * Whether a case may be filed on `filedOn`: no proceedings while a dispute is unanswered, none on a
 * time-barred debt, an NI Act complaint only between the cause of action and its deadline, a UK claim
 * against an individual only after the Letter of Claim's 30 days, an Indian commercial suit only after
 * s.12A mediation, an insolvency petition only after the demand's period and above the threshold.
 */
export function caseGate(input: CaseGateInput): CaseGateResult {
  const reasons: ComplianceReason[] = []
  let earliest: LocalDate | null = null
  let permanent = false
  const block = (rule: Rule, message: string, from: LocalDate | null) => {
    reasons.push({ ruleId: rule.ruleId, citation: rule.citation, message })
    if (from === null) permanent = true
    else if (earliest === null || from > earliest) earliest = from
  }
  const { kind, facts, filedOn, jurisdiction } = input
  const noonUtc = `${filedOn}T12:00:00Z`
  if (input.disputes.some((d) => d.verificationSentAt === null && d.resolvedAt === null))
    block(
      CASE_RULES.openDispute,
      'an account of the case has a dispute that is neither answered nor resolved',
      null,
    )
  const suit = SUIT_KINDS.includes(kind)
  if ((suit || kind === 'insolvency_petition' || kind === 'statutory_demand') && input.limitation) {
    const l = input.limitation
    if (filedOn > l.endsOn)
      block(
        l,
        `the debt is time-barred: the last day to sue was ${l.endsOn}; filing on ${filedOn} is not allowed`,
        null,
      )
  }
  if (kind === 'ni_act_138') {
    if (!facts.cheque)
      block(IN_NI_ACT.complaint, 'an NI Act s.138 case needs the dishonoured cheque facts', null)
    else {
      const d = niComplaintDecision({ ...facts.cheque, at: noonUtc })
      if (d.outcome === 'block') {
        const t = niActTimeline(facts.cheque)
        const from = d.earliestAllowedAt ? t.causeOfActionOn : null
        for (const r of d.reasons) block(r, r.message, from)
      }
    }
  }
  if (suit && isUk(jurisdiction) && input.debtorKind === 'person') {
    const d = preActionProtocolDecision({
      at: noonUtc,
      actionKind: 'suit',
      debtorKind: 'individual',
      letterOfClaimOn: facts.letterOfClaimOn ?? null,
    })
    if (d.outcome === 'block')
      for (const r of d.reasons)
        block(r, r.message, facts.letterOfClaimOn ? firstClaimDay(facts.letterOfClaimOn) : null)
  }
  if (s12aApplies(input)) {
    const m = facts.mediation
    if (!m)
      block(
        CASE_RULES.s12a,
        'a commercial suit not seeking urgent interim relief needs pre-institution mediation first (s.12A)',
        null,
      )
    else {
      const ends = mediationEndsOn(m.appliedOn, m.extended === true)
      const concluded = m.concludedOn != null && m.concludedOn <= filedOn
      if (!concluded && filedOn <= ends)
        block(
          CASE_RULES.s12a,
          `the s.12A mediation applied for on ${m.appliedOn} runs until ${ends} unless it concludes sooner`,
          m.concludedOn && m.concludedOn > filedOn ? addDays(m.concludedOn, 1) : addDays(ends, 1),
        )
    }
  }
  if (kind === 'insolvency_petition') {
    const rule = demandRule(jurisdiction)
    const days = demandDays(jurisdiction)
    if (!facts.statutoryDemand) block(rule, 'an insolvency petition needs a demand served first', null)
    else {
      const from = addDays(facts.statutoryDemand.servedOn, days + 1)
      if (filedOn < from)
        block(
          rule,
          `the demand served on ${facts.statutoryDemand.servedOn} gives ${days} days; petition from ${from}`,
          from,
        )
    }
    if (isUk(jurisdiction) && input.currency === 'GBP') {
      const threshold = UK_THRESHOLD[input.debtorKind]
      if (input.claimMinor < threshold)
        block(CASE_RULES.ukThreshold, `the debt is below the £${threshold / 100} petition threshold`, null)
    }
    if (isIndia(jurisdiction) && input.currency === 'INR' && input.claimMinor < IBC_THRESHOLD_MINOR)
      block(CASE_RULES.ibcThreshold, 'the default is below the Rs 1 crore threshold of IBC s.4', null)
  }
  if (reasons.length === 0) return { outcome: 'allow', reasons, earliestAllowedOn: null }
  return { outcome: 'block', reasons, earliestAllowedOn: permanent ? null : earliest }
}

/** The post-judgment interest rule of the jurisdiction: the default rate (percent a year) and basis. */
export function judgmentInterestRule(
  jurisdiction: string,
  judgmentMinor: number,
  currency: string,
): { readonly rate: string | null; readonly ruleId: string; readonly citation: string } | null {
  if (isUk(jurisdiction)) {
    const county = currency === 'GBP' && judgmentMinor < 500_000
    return { ...CASE_RULES.ukJudgmentInterest, rate: county ? null : '8' }
  }
  if (isIndia(jurisdiction)) return { ...CASE_RULES.inJudgmentInterest, rate: null }
  return null
}
