/**
 * The answer every compliance rule family gives: allow or block, why, and when the action would next be
 * allowed. Rules are combined strictest-wins by later code, so a decision carries every reason, not one.
 */

/** One rule's explanation, with the rule's stable id and its legal citation. */
export interface ComplianceReason {
  /** Stable identifier of the rule, e.g. `us.reg-f.inconvenient-time`. */
  ruleId: string
  /** The legal source, e.g. `12 CFR 1006.6(b)(1)(i)`. */
  citation: string
  /** A sentence an agent can act on. */
  message: string
}

/** The outcome of evaluating one proposed action against one or more rules. */
export interface ComplianceDecision {
  outcome: 'allow' | 'block'
  /** Empty when allowed; one or more reasons when blocked. */
  reasons: ComplianceReason[]
  /** ISO instant at which the blocked action would be allowed, or null (allowed now, or no such time). */
  earliestAllowedAt: string | null
}

/**
 * A date a rule computes (issue #9, "deadlines as outputs"): the validation period's end, the first day a
 * debt may be furnished to a bureau, the last day to sue. Reported alongside the verdict, never instead.
 */
export interface ComplianceDeadline {
  /** Stable name, e.g. `validation_period.ends_on`, `limitation.last_day_to_sue`. */
  name: string
  /** The calendar date (`YYYY-MM-DD`) in the zone the rule counts days in. */
  date: string
  ruleId: string
  citation: string
  /** The debt the date belongs to, or null when it concerns the action as a whole. */
  debtId: string | null
}
