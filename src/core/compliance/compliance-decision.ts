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
