/**
 * Call-frequency rules (Reg F 12 CFR 1006.14(b)(2)-(4) and state/city caps): may we place a call about
 * these debts, given the calls already placed? Days are calendar days in `timeZone`; "N consecutive days"
 * is any run of N calendar days, and every such window that contains the proposed call's day is checked.
 * The decision depends only on the proposed day (and, on a consent day, whether the call follows the
 * consent), so `earliestAllowedAt` is always a local midnight or a consent instant.
 */
import { parseInstant } from '../calendar/instant.ts'
import { AppError } from '../errors.ts'
import type { ComplianceDecision, ComplianceReason } from './compliance-decision.ts'
import { zoneOffsetAt } from './zone-offsets.ts'

/** What happened on a call. `consented`: placed within a direct prior consent (1006.14(b)(3)(i)). */
export type CallResult = 'conversation' | 'voicemail' | 'no_answer' | 'busy' | 'not_in_service' | 'consented'

/** A call already placed (or attempted); `debtIds` are the debts it was about. */
export interface CallRecord {
  at: string
  debtIds: readonly string[]
  result: CallResult
}

/** At most `maxCalls` counted calls in any `windowDays` consecutive calendar days. */
export interface CallCapRule {
  ruleId: string
  citation: string
  maxCalls: number
  windowDays: number
  /** `per_debt`: each debt counted separately (a call about two debts counts for each); `per_consumer`: every call to the person counts once. */
  unit: 'per_debt' | 'per_consumer'
  /** `reg_f` (default): busy/not-in-service and consented calls are not counted (1006.14(b)(3)); `none`: every attempt counts. */
  exclusions?: 'reg_f' | 'none'
}

/** No call about a debt on the `quietDays` days starting with the day of a conversation about it (day 1). */
export interface ConversationQuietRule {
  ruleId: string
  citation: string
  quietDays: number
}

export type CallFrequencyRule = CallCapRule | ConversationQuietRule

export interface CallFrequencyInput {
  /** The proposed call instant: ISO 8601 with `Z` or an explicit offset. */
  proposedAt: string
  /** The debts the proposed call is about (at least one). */
  debtIds: readonly string[]
  /** Every call to this person; calls after `proposedAt` count too (they share its windows). */
  history: readonly CallRecord[]
  /** Instant of the latest direct prior consent per debt, if any. */
  consentGivenAt?: Readonly<Record<string, string | null>>
  /** Calendar days a consent covers, the consent's day being day 1 ("at most 7", 1006.14(b)(3)(i)). */
  consentDays?: number
  /** IANA zone in which days are counted: the consumer's (catalogue open question 3). */
  timeZone: string
  /** Cap rules and conversation quiet-period rules; all must allow the call. */
  caps: readonly CallFrequencyRule[]
}

/** How many calendar days after the proposed day `earliestAllowedAt` is searched. */
export const CALL_FREQUENCY_HORIZON_DAYS = 30
export const DEFAULT_CONSENT_DAYS = 7

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const NOT_CONNECTED: ReadonlySet<CallResult> = new Set(['busy', 'not_in_service'])
const ALL_DEBTS = '*'

interface Call {
  at: number
  day: number
  debtIds: readonly string[]
  result: CallResult
}

interface Context {
  input: CallFrequencyInput
  debtIds: string[]
  calls: Call[]
  consents: Map<string, { at: number; day: number }>
  consentDays: number
  dayOf: (instant: number) => number
}

/** Decides whether a call about `debtIds` at `proposedAt` keeps every debt within every cap. */
export function callFrequencyDecision(input: CallFrequencyInput): ComplianceDecision {
  const zone = input.timeZone
  try {
    zoneOffsetAt(zone, 0)
  } catch {
    throw new AppError('invalid_time_zone', `timeZone "${zone}" is not a known IANA zone`)
  }
  validateRules(input.caps)
  const consentDays = input.consentDays ?? DEFAULT_CONSENT_DAYS
  if (!Number.isInteger(consentDays) || consentDays < 0) {
    throw new AppError('invalid_call_frequency_rule', 'consentDays must be a whole number of days, 0 or more')
  }
  const debtIds = [...new Set(input.debtIds)].sort()
  if (debtIds.length === 0) throw new AppError('invalid_call', 'a call must be about at least one debt')
  const dayOf = (instant: number) => Math.floor((instant + zoneOffsetAt(zone, instant)) / DAY_MS)
  const at = parseInstant(input.proposedAt, 'proposedAt')
  const calls = input.history.map((call, i): Call => {
    const callAt = parseInstant(call.at, `history[${i}].at`)
    return { at: callAt, day: dayOf(callAt), debtIds: call.debtIds, result: call.result }
  })
  const consents = new Map<string, { at: number; day: number }>()
  for (const [debtId, text] of Object.entries(input.consentGivenAt ?? {})) {
    if (text == null) continue
    const consentAt = parseInstant(text, `consentGivenAt.${debtId}`)
    consents.set(debtId, { at: consentAt, day: dayOf(consentAt) })
  }
  const context: Context = { input, debtIds, calls, consents, consentDays, dayOf }

  const reasons = evaluate(context, at)
  if (reasons.length === 0) return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
  // The decision changes only at local midnights and consent instants, so those are the only candidates.
  const day = dayOf(at)
  const last = day + CALL_FREQUENCY_HORIZON_DAYS
  const candidates: number[] = []
  for (let d = day + 1; d <= last; d++) candidates.push(startOfDay(d, dayOf))
  for (const consent of consents.values()) if (consent.day <= last) candidates.push(consent.at)
  for (const candidate of candidates.filter((c) => c > at).sort((a, b) => a - b)) {
    if (evaluate(context, candidate).length === 0) {
      return { outcome: 'block', reasons, earliestAllowedAt: new Date(candidate).toISOString() }
    }
  }
  return { outcome: 'block', reasons, earliestAllowedAt: null }
}

function evaluate(context: Context, at: number): ComplianceReason[] {
  const { input, debtIds, calls } = context
  const day = context.dayOf(at)
  const proposed: Call = { at, day, debtIds, result: 'voicemail' }
  const covered = (debtId: string, call: Call) => {
    const consent = context.consents.get(debtId)
    return consent !== undefined && call.at >= consent.at && call.day < consent.day + context.consentDays
  }
  const reasons: ComplianceReason[] = []
  for (const rule of input.caps) {
    const reason = (message: string) => ({ ruleId: rule.ruleId, citation: rule.citation, message })
    if ('quietDays' in rule) {
      for (const debtId of debtIds) {
        if (covered(debtId, proposed)) continue
        const talks = calls.filter(
          (c) => c.result === 'conversation' && c.debtIds.includes(debtId) && c.day <= day,
        )
        const latest = Math.max(...talks.map((c) => c.day)) // -Infinity when there was none
        if (latest > day - rule.quietDays) {
          reasons.push(
            reason(
              `debt "${debtId}": telephone conversation on ${dateText(latest)} (${input.timeZone}); ` +
                `no call about it through ${dateText(latest + rule.quietDays - 1)} (${rule.quietDays}-day quiet period)`,
            ),
          )
        }
      }
      continue
    }
    const regF = (rule.exclusions ?? 'reg_f') === 'reg_f'
    const counts = (key: string, call: Call): boolean => {
      if (key !== ALL_DEBTS && !call.debtIds.includes(key)) return false
      if (!regF) return true
      if (NOT_CONNECTED.has(call.result) || call.result === 'consented') return false
      const scope = key === ALL_DEBTS ? call.debtIds : [key]
      return !scope.every((debtId) => covered(debtId, call))
    }
    for (const key of rule.unit === 'per_debt' ? debtIds : [ALL_DEBTS]) {
      if (!counts(key, proposed)) continue
      const days = calls.filter((c) => counts(key, c)).map((c) => c.day)
      for (let first = day - rule.windowDays + 1; first <= day; first++) {
        const lastDay = first + rule.windowDays - 1
        const n = days.filter((d) => d >= first && d <= lastDay).length
        if (n + 1 <= rule.maxCalls) continue
        const who = key === ALL_DEBTS ? 'all debts of this consumer' : `debt "${key}"`
        reasons.push(
          reason(
            `${who}: ${n} counted call(s) from ${dateText(first)} to ${dateText(lastDay)} (${input.timeZone}); ` +
              `this call would make ${n + 1}, over the limit of ${rule.maxCalls} in ${rule.windowDays} days`,
          ),
        )
        break
      }
    }
  }
  return reasons
}

function validateRules(rules: readonly CallFrequencyRule[]): void {
  const whole = (value: number, min: number) => Number.isInteger(value) && value >= min
  for (const rule of rules) {
    const ok =
      'quietDays' in rule
        ? whole(rule.quietDays, 1)
        : whole(rule.maxCalls, 0) &&
          whole(rule.windowDays, 1) &&
          ['per_debt', 'per_consumer'].includes(rule.unit)
    if (!ok)
      throw new AppError('invalid_call_frequency_rule', `rule ${rule.ruleId} has invalid numbers or unit`)
  }
}

/**
 * The first instant whose local calendar day is `day` (its 00:00, or the end of a gap that skips
 * midnight). Found by bisection on the Intl-derived day, so it is exact to the millisecond across DST.
 */
function startOfDay(day: number, dayOf: (instant: number) => number): number {
  // UTC offsets lie within -12h..+14h, so local midnight lies within this bracket.
  let lo = day * DAY_MS - 16 * HOUR_MS
  let hi = day * DAY_MS + 15 * HOUR_MS
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2)
    if (dayOf(mid) >= day) hi = mid
    else lo = mid
  }
  return hi
}

const dateText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)
