/**
 * Limitation periods: the last day a creditor may sue on a debt, and the decision that blocks suits and
 * threats of suit on a time-barred debt (12 CFR 1006.26(b) in the US). The rule pack decides when the
 * cause of action accrued and passes that date in; see docs/compliance-limitation.md.
 */
import { requireLocalDate } from '../calendar/instant.ts'
import { dayNumber, daysInMonth, fromDayNumber, type LocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import type { ComplianceDecision } from './compliance-decision.ts'

/** How an acknowledgment or part payment affects a running or expired period. */
export type LimitationRevival = 'none' | 'before_expiry' | 'any_time'

/** Something the debtor did that may start a fresh period. */
export type LimitationEventKind = 'acknowledgment' | 'part_payment'

export interface LimitationRule {
  /** Stable identifier, e.g. `in.limitation-act.money-claim`. */
  ruleId: string
  /** The legal source, e.g. `Limitation Act 1963, Schedule; ss.18, 19`. */
  citation: string
  /** Length of the period in calendar years (whole, >= 1). */
  years: number
  /**
   * `none`: events never restart the period (NY, TX). `before_expiry`: a qualifying event dated on or
   * before the current last day starts a fresh period from the event (India, UK). `any_time`: a
   * qualifying event restarts the period even after it expired.
   */
  revival: LimitationRevival
  /** Event kinds that count only with written evidence (India: both; UK: acknowledgments). Default none. */
  writtenEvidenceRequiredFor?: readonly LimitationEventKind[]
}

export interface LimitationEvent {
  on: LocalDate
  kind: LimitationEventKind
  /** A signed writing (acknowledgment) or a writing evidencing the payment (part payment). */
  writtenEvidence: boolean
}

/** A period that does not count towards limitation, both ends inclusive. */
export interface LimitationExclusion {
  from: LocalDate
  to: LocalDate
}

export interface LimitationInput {
  /** The date the cause of action accrued; the rule pack chooses the trigger (default: first missed due date). */
  accrualOn: LocalDate
  rule: LimitationRule
  events?: readonly LimitationEvent[]
  exclusions?: readonly LimitationExclusion[]
}

export interface LimitationResult {
  ruleId: string
  citation: string
  /** The last day a suit may be filed; the day after it the debt is time-barred. */
  endsOn: LocalDate
  /** The event that started the period now running, or null when it runs from accrual. */
  restartedBy: LimitationEvent | null
  /** One line per step, for audit screens. */
  trace: string[]
}

/** The last day to sue under `rule`, after qualifying acknowledgments, part payments and exclusions. */
export function limitationEndsOn(input: LimitationInput): LimitationResult {
  const { rule } = input
  const accrualOn = requireLocalDate(input.accrualOn, 'accrualOn')
  if (!Number.isSafeInteger(rule.years) || rule.years < 1) {
    throw new AppError('invalid_limitation_years', `years must be a whole number >= 1, not ${rule.years}`)
  }
  const exclusions = (input.exclusions ?? []).map((x, i) => {
    const from = dayNumber(requireLocalDate(x.from, `exclusions[${i}].from`))
    const to = dayNumber(requireLocalDate(x.to, `exclusions[${i}].to`))
    if (to < from)
      throw new AppError('invalid_exclusion', `exclusion ${x.from}..${x.to} ends before it starts`)
    return { from, to }
  })
  const events = (input.events ?? [])
    .map((e, i) => ({ ...e, on: requireLocalDate(e.on, `events[${i}].on`) }))
    .sort((a, b) => dayNumber(a.on) - dayNumber(b.on))

  let start = accrualOn
  let endsOn = periodEnd(start, rule.years, exclusions)
  let restartedBy: LimitationEvent | null = null
  const trace = [`${rule.ruleId}: accrued ${start}; ${rule.years} years end on ${endsOn}`]
  for (const event of events) {
    const label = `${event.kind} on ${event.on}`
    const why = disqualification(event, rule, start, endsOn)
    if (why) {
      trace.push(`${label} ignored: ${why}`)
      continue
    }
    const candidate = periodEnd(event.on, rule.years, exclusions)
    if (dayNumber(candidate) <= dayNumber(endsOn)) {
      trace.push(`${label} would end on ${candidate}, not after ${endsOn}: no change`)
      continue
    }
    start = event.on
    endsOn = candidate
    restartedBy = event
    trace.push(`${label} starts a fresh period ending on ${endsOn}`)
  }
  return { ruleId: rule.ruleId, citation: rule.citation, endsOn, restartedBy, trace }
}

/** Why `event` does not restart the period now running from `start`, or null when it does. */
function disqualification(e: LimitationEvent, rule: LimitationRule, start: LocalDate, end: LocalDate) {
  if (rule.revival === 'none') return 'this rule never restarts the period'
  if (dayNumber(e.on) <= dayNumber(start)) return `not after the start of the running period (${start})`
  if (rule.revival === 'before_expiry' && dayNumber(e.on) > dayNumber(end)) {
    return `after the period expired on ${end}; an expired period is not revived`
  }
  if (!e.writtenEvidence && (rule.writtenEvidenceRequiredFor ?? []).includes(e.kind)) {
    return `a ${e.kind.replace('_', ' ')} counts only with written evidence`
  }
  return null
}

/**
 * `start` + `years` calendar years (29 February → 28 February in a common year), then pushed later by
 * every excluded day inside the period, repeated until the extension reaches no further excluded days.
 * The day of accrual itself is not in the period, so excluded days are counted in (start, end].
 */
function periodEnd(start: LocalDate, years: number, exclusions: readonly { from: number; to: number }[]) {
  const startDay = dayNumber(start)
  const base = dayNumber(addYears(start, years))
  let end = base
  for (;;) {
    const next = base + excludedDays(startDay + 1, end, exclusions)
    if (next === end) return fromDayNumber(end)
    end = next
  }
}

/** Days in [from, to] covered by at least one exclusion (overlapping exclusions count once). */
function excludedDays(from: number, to: number, exclusions: readonly { from: number; to: number }[]) {
  const clipped = exclusions
    .map((x) => ({ from: Math.max(x.from, from), to: Math.min(x.to, to) }))
    .filter((x) => x.from <= x.to)
    .sort((a, b) => a.from - b.from)
  let total = 0
  let covered = from - 1
  for (const x of clipped) {
    if (x.to <= covered) continue
    total += x.to - Math.max(x.from, covered + 1) + 1
    covered = x.to
  }
  return total
}

/** The anniversary `years` later; a 29 February anniversary in a common year lands on 28 February. */
export function addYears(date: LocalDate, years: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const year = y + years
  const day = Math.min(d, daysInMonth(year, m))
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The Reg F rule against suing or threatening to sue on a time-barred debt, for US packs. */
export const US_REG_F_TIME_BARRED = {
  ruleId: 'us.reg-f.time-barred-debt',
  citation: '12 CFR 1006.26(b)',
} as const

export type TimeBarredActionKind = 'suit' | 'threat_of_suit' | 'contact'

export type TimeBarredInput = {
  actionKind: TimeBarredActionKind
  /** The creditor's "today" (or the filing date of a suit). */
  asOf: LocalDate
  /** A rule that forbids the action on a time-barred debt (e.g. `US_REG_F_TIME_BARRED`): a second reason. */
  prohibition?: { ruleId: string; citation: string }
} & ({ limitation: LimitationResult } | { inputs: LimitationInput })

/**
 * Blocks a suit or a threat of suit after the last day to sue. Contact about a time-barred debt is
 * allowed here; the disclosures it may need are a separate rule. The block has no `earliestAllowedAt`:
 * only a later revival, which this decision cannot foresee, would lift it.
 */
export function timeBarredDecision(input: TimeBarredInput): ComplianceDecision {
  const asOf = requireLocalDate(input.asOf, 'asOf')
  const limitation = 'limitation' in input ? input.limitation : limitationEndsOn(input.inputs)
  const barred = dayNumber(asOf) > dayNumber(limitation.endsOn)
  if (!barred || input.actionKind === 'contact')
    return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
  const action = input.actionKind === 'suit' ? 'a suit' : 'a threat of suit'
  const message =
    `the debt is time-barred: the last day to sue was ${limitation.endsOn}; ${action} on ${asOf} ` +
    'is not allowed'
  const rules = [limitation, ...(input.prohibition ? [input.prohibition] : [])]
  return {
    outcome: 'block',
    reasons: rules.map((r) => ({ ruleId: r.ruleId, citation: r.citation, message })),
    earliestAllowedAt: null,
  }
}
