/**
 * Call-frequency rules (Reg F 12 CFR 1006.14(b)(2)-(4) and state/city caps): may we place a call about
 * these debts, given the calls already placed? Days are calendar days in `timeZone`; "N consecutive days"
 * is any run of N calendar days, and every such window that contains the proposed call's day is checked.
 * The decision depends only on the proposed day (and, on a consent day, whether the call follows the
 * consent), so `earliestAllowedAt` is always a local midnight or a consent instant.
 */
import { parseInstant } from '../calendar/instant.ts'
import { AppError } from '../errors/index.ts'
import type { ComplianceDecision, ComplianceReason } from './compliance-decision.ts'
import { decodeInstant, instantMs } from './instant-ms.ts'
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
  /**
   * `reg_f` (default): busy/not-in-service and consented calls are not counted (1006.14(b)(3)); `none`:
   * every attempt counts; `made`: only contacts actually made count (a conversation, a voicemail left, a
   * consented call, a message delivered), not attempts (Australia).
   */
  exclusions?: 'reg_f' | 'none' | 'made'
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
const ALL_DEBTS = '*'

/** A call record with its instant (epoch ms) and local day number already computed in the cap zone. */
export interface TimedCall {
  at: number
  day: number
  debtIds: readonly string[]
  result: CallResult
}

type Call = TimedCall

interface Context {
  input: Omit<CallFrequencyInput, 'proposedAt' | 'history'>
  zone: string
  debtIds: string[]
  calls: readonly Call[]
  consents: Map<string, { at: number; day: number }>
  consentDays: number
  /** Days of the counted calls per cap rule and key (debt id or ALL_DEBTS): they do not depend on `at`. */
  countedDays: { rule: CallCapRule; key: string; days: number[] }[]
}

/** Decides whether a call about `debtIds` at `proposedAt` keeps every debt within every cap. */
export function callFrequencyDecision(input: CallFrequencyInput): ComplianceDecision {
  const decide = prepareCallFrequency(input)
  return decide(parseInstant(input.proposedAt, 'proposedAt'))
}

/**
 * The same decision with rules validated and the history read once, for callers that judge many
 * instants (the evaluator's strictest-wins search): returns a function of the instant in epoch ms.
 */
export function prepareCallFrequency(
  input: Omit<CallFrequencyInput, 'proposedAt'>,
): (at: number, probe?: boolean) => ComplianceDecision {
  return prepareTimedCallFrequency(input, null)
}

/** `records` with instants parsed and days counted in `zone` (a known IANA zone), for prepareTimedCallFrequency. */
export function timedCalls(records: readonly CallRecord[], zone: string, field = 'history'): TimedCall[] {
  const calls: TimedCall[] = []
  for (let i = 0; i < records.length; i++) {
    const call = records[i] as CallRecord
    const callAt = decodeInstant(call.at) ?? parseInstant(call.at, `${field}[${i}].at`)
    calls.push({ at: callAt, day: dayIn(zone, callAt), debtIds: call.debtIds, result: call.result })
  }
  return calls
}

/**
 * prepareCallFrequency for a caller that already holds the history as timed calls in `input.timeZone`
 * (the evaluator parses a request's history once for every cap); `input.history` is then ignored.
 */
export function prepareTimedCallFrequency(
  input: Omit<CallFrequencyInput, 'proposedAt' | 'history'> & { history?: readonly CallRecord[] },
  timed: readonly TimedCall[] | null,
): (at: number, probe?: boolean) => ComplianceDecision {
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
  const debtIds = input.debtIds.length === 1 ? [...input.debtIds] : [...new Set(input.debtIds)].sort()
  if (debtIds.length === 0) throw new AppError('invalid_call', 'a call must be about at least one debt')
  const calls = timed ?? timedCalls(input.history ?? [], zone)
  let consents = NO_CONSENTS
  for (const debtId in input.consentGivenAt ?? {}) {
    const text = input.consentGivenAt?.[debtId]
    if (text == null) continue
    const consentAt = instantMs(text, `consentGivenAt.${debtId}`)
    if (consents === NO_CONSENTS) consents = new Map()
    consents.set(debtId, { at: consentAt, day: dayIn(zone, consentAt) })
  }
  const context: Context = { input, zone, debtIds, calls, consents, consentDays, countedDays: [] }
  return (at, probe = false) => decide(context, at, probe)
}

/** The decision at `at`; a probe (strictest-wins search) needs no reasons, so none are written. */
function decide(context: Context, at: number, probe: boolean): ComplianceDecision {
  const reasons: ComplianceReason[] = []
  if (evaluate(context, at, probe ? null : reasons))
    return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
  // The decision changes only at local midnights and consent instants, so those are the only candidates,
  // tried in time order; messages are built only for the proposed instant.
  const day = dayIn(context.zone, at)
  const last = day + CALL_FREQUENCY_HORIZON_DAYS
  const consentTimes: number[] = []
  for (const consent of context.consents.values()) {
    if (consent.day <= last && consent.at > at) consentTimes.push(consent.at)
  }
  consentTimes.sort((x, y) => x - y)
  let k = 0
  for (let d = day + 1; d <= last + 1; d++) {
    const midnight = d <= last ? startOfDay(d, context.zone) : Number.POSITIVE_INFINITY
    for (; k < consentTimes.length && (consentTimes[k] as number) < midnight; k++) {
      const candidate = consentTimes[k] as number
      if (evaluate(context, candidate, null)) return blocked(reasons, candidate)
    }
    if (d <= last && midnight > at && evaluate(context, midnight, null)) return blocked(reasons, midnight)
  }
  return { outcome: 'block', reasons, earliestAllowedAt: null }
}

function blocked(reasons: ComplianceReason[], at: number): ComplianceDecision {
  return { outcome: 'block', reasons, earliestAllowedAt: new Date(at).toISOString() }
}

/** The calendar day number of `instant` on the wall clock of `zone`. */
function dayIn(zone: string, instant: number): number {
  return Math.floor((instant + zoneOffsetAt(zone, instant)) / DAY_MS)
}

/** Whether a direct prior consent for `debtId` covers `call` (1006.14(b)(3)(i)). */
function covered(context: Context, debtId: string, call: Call): boolean {
  const consent = context.consents.get(debtId)
  return consent !== undefined && call.at >= consent.at && call.day < consent.day + context.consentDays
}

type Exclusions = NonNullable<CallCapRule['exclusions']>

/** Whether `call` counts for `key` (a debt id or ALL_DEBTS) under a cap's exclusions. */
function counts(context: Context, mode: Exclusions, key: string, call: Call): boolean {
  if (key !== ALL_DEBTS && !call.debtIds.includes(key)) return false
  if (mode === 'none') return true
  if (mode === 'made') {
    const r = call.result
    return r === 'conversation' || r === 'voicemail' || r === 'consented'
  }
  // Not connected (busy, not in service) or within a consent: excluded by 1006.14(b)(3).
  const result = call.result
  if (result === 'busy' || result === 'not_in_service' || result === 'consented') return false
  if (context.consents.size === 0) return true
  if (key !== ALL_DEBTS) return !covered(context, key, call)
  return !call.debtIds.every((debtId) => covered(context, debtId, call))
}

/**
 * True when a call at `at` passes every rule. With `reasons`, every violation is described there;
 * without, the first violation ends the evaluation (the search only needs yes or no).
 */
function evaluate(context: Context, at: number, reasons: ComplianceReason[] | null): boolean {
  const { input, debtIds, calls } = context
  const day = dayIn(context.zone, at)
  const proposed: Call = { at, day, debtIds, result: 'voicemail' }
  let ok = true
  for (const rule of input.caps) {
    if ('quietDays' in rule) {
      for (const debtId of debtIds) {
        if (context.consents.size > 0 && covered(context, debtId, proposed)) continue
        let latest = Number.NEGATIVE_INFINITY
        for (const c of calls) {
          if (c.result === 'conversation' && c.day <= day && c.day > latest && c.debtIds.includes(debtId)) {
            latest = c.day
          }
        }
        if (latest <= day - rule.quietDays) continue
        if (reasons === null) return false
        ok = false
        reasons.push({
          ruleId: rule.ruleId,
          citation: rule.citation,
          message:
            `debt "${debtId}": telephone conversation on ${dateText(latest)} (${input.timeZone}); ` +
            `no call about it through ${dateText(latest + rule.quietDays - 1)} (${rule.quietDays}-day quiet period)`,
        })
      }
      continue
    }
    const regF = rule.exclusions ?? 'reg_f'
    const keys = rule.unit === 'per_debt' ? debtIds : PER_CONSUMER
    for (const key of keys) {
      if (!counts(context, regF, key, proposed)) continue
      const days = countedDays(context, rule, regF, key)
      const w = rule.windowDays
      // Calls per day over the 2w-1 days any window containing `day` can reach, then a sliding sum.
      const span = 2 * w - 1
      const perDay = span <= SCRATCH.length ? SCRATCH.fill(0, 0, span) : new Int32Array(span)
      const base = day - w + 1
      for (const d of days) if (d >= base && d < base + span) perDay[d - base]!++
      let n = 0
      for (let i = 0; i < w; i++) n += perDay[i]!
      let first = base
      while (n + 1 <= rule.maxCalls && first < day) {
        n += perDay[first - base + w]! - perDay[first - base]!
        first++
      }
      if (n + 1 > rule.maxCalls) {
        const lastDay = first + w - 1
        if (reasons === null) return false
        ok = false
        const who = key === ALL_DEBTS ? 'all debts of this consumer' : `debt "${key}"`
        reasons.push({
          ruleId: rule.ruleId,
          citation: rule.citation,
          message:
            `${who}: ${n} counted call(s) from ${dateText(first)} to ${dateText(lastDay)} (${input.timeZone}); ` +
            `this call would make ${n + 1}, over the limit of ${rule.maxCalls} in ${rule.windowDays} days`,
        })
      }
    }
  }
  return ok
}

const PER_CONSUMER = [ALL_DEBTS]
/** Shared when no consent was given (most requests): never written to. */
const NO_CONSENTS: Map<string, { at: number; day: number }> = new Map()
/** Reused per-day counts: evaluation is synchronous, so one buffer serves every call. */
const SCRATCH = new Int32Array(256)

/** The days of the calls that count for `key` under `rule`, computed once per prepared history. */
function countedDays(context: Context, rule: CallCapRule, regF: Exclusions, key: string): number[] {
  for (const entry of context.countedDays) if (entry.rule === rule && entry.key === key) return entry.days
  const days: number[] = []
  for (const c of context.calls) if (counts(context, regF, key, c)) days.push(c.day)
  context.countedDays.push({ rule, key, days })
  return days
}

function validateRules(rules: readonly CallFrequencyRule[]): void {
  for (const rule of rules) {
    const ok =
      'quietDays' in rule
        ? whole(rule.quietDays, 1)
        : whole(rule.maxCalls, 0) &&
          whole(rule.windowDays, 1) &&
          (rule.unit === 'per_debt' || rule.unit === 'per_consumer')
    if (!ok)
      throw new AppError('invalid_call_frequency_rule', `rule ${rule.ruleId} has invalid numbers or unit`)
  }
}

const whole = (value: number, min: number) => Number.isInteger(value) && value >= min

/**
 * The first instant whose local calendar day is `day` (its 00:00, or the end of a gap that skips
 * midnight). The offset at the guessed midnight answers almost always; when a DST change is near,
 * bisection on the Intl-derived day gives the exact millisecond.
 */
function startOfDay(day: number, zone: string): number {
  const guess = day * DAY_MS - zoneOffsetAt(zone, day * DAY_MS - zoneOffsetAt(zone, day * DAY_MS))
  if (dayIn(zone, guess) === day && dayIn(zone, guess - 1) < day) return guess
  // UTC offsets lie within -12h..+14h, so local midnight lies within this bracket.
  let lo = day * DAY_MS - 16 * HOUR_MS
  let hi = day * DAY_MS + 15 * HOUR_MS
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2)
    if (dayIn(zone, mid) >= day) hi = mid
    else lo = mid
  }
  return hi
}

const dateText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)
