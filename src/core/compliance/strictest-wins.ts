import type { ComplianceDecision } from './compliance-decision.ts'
import { decodeInstant } from './instant-ms.ts'

/**
 * One rule family evaluated at an instant (ISO string): what the evaluator combines. With `probe`, the
 * caller reads only `outcome` and `earliestAllowedAt` (the search for a common time), so a check may
 * skip writing reasons; checks that ignore it are still correct.
 */
export type RuleCheck = (at: string, probe?: boolean) => ComplianceDecision

/** How many re-evaluations the search for a common allowed time may take before giving up. */
export const MAX_SEARCH_STEPS = 64

/**
 * Combines rule families strictest-wins: the action is allowed only when every family allows it, and the
 * reasons are those of every family that blocks at the proposed time. `earliestAllowedAt` is found by
 * moving to the latest of the blockers' own earliest times and evaluating every family again there,
 * until all allow (a later rule may block where an earlier one opened); null when any blocker knows no
 * allowed time or no common time appears within MAX_SEARCH_STEPS moves.
 */
export function strictestWins(
  proposedAt: string,
  checks: readonly RuleCheck[],
  /** The checks' decisions at `proposedAt` when the caller already has them (the evaluator's trace). */
  first: readonly ComplianceDecision[] = checks.map((check) => check(proposedAt)),
): ComplianceDecision {
  const blockers = first.filter((d) => d.outcome === 'block')
  if (blockers.length === 0) return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
  const reasons = blockers.flatMap((d) => d.reasons)
  let candidate = latestEarliest(blockers)
  for (let step = 0; candidate !== null && step < MAX_SEARCH_STEPS; step++) {
    const at: string = candidate
    const stillBlocking = checks.map((check) => check(at, true)).filter((d) => d.outcome === 'block')
    if (stillBlocking.length === 0) return { outcome: 'block', reasons, earliestAllowedAt: at }
    const next = latestEarliest(stillBlocking)
    // A rule that names no later time, or names this same time, can never be satisfied by waiting.
    candidate = next !== null && ms(next) > ms(at) ? next : null
  }
  return { outcome: 'block', reasons, earliestAllowedAt: null }
}

/** The latest earliest-allowed time among blocking decisions, or null when one of them has none. */
function latestEarliest(blockers: readonly ComplianceDecision[]): string | null {
  let latest: string | null = null
  for (const decision of blockers) {
    if (decision.earliestAllowedAt === null) return null
    if (latest === null || ms(decision.earliestAllowedAt) > ms(latest)) {
      latest = decision.earliestAllowedAt
    }
  }
  return latest
}

/** Epoch ms of an instant the checks produced (usually `toISOString` output, decoded without Date.parse). */
function ms(text: string): number {
  return decodeInstant(text) ?? Date.parse(text)
}
