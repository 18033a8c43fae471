import { addDays, type LocalDate } from '../calendar/local-date.ts'

/**
 * The pure folds of the staff dashboard (docs/api.md, "Dashboard"): the month windows in the tenant's
 * calendar, the promise-kept rate, and compliance refusals counted per rule id.
 */

/** A closed range of calendar days. */
export interface DayWindow {
  readonly from: LocalDate
  readonly to: LocalDate
}

/** This month up to `asOf`, and the whole month before it. */
export function monthWindows(asOf: LocalDate): { thisMonth: DayWindow; lastMonth: DayWindow } {
  const thisStart = `${asOf.slice(0, 7)}-01`
  const lastEnd = addDays(thisStart, -1)
  return {
    thisMonth: { from: thisStart, to: asOf },
    lastMonth: { from: `${lastEnd.slice(0, 7)}-01`, to: lastEnd },
  }
}

/** The `days` days ending with `asOf` (both included). */
export function trailingDays(asOf: LocalDate, days: number): DayWindow {
  return { from: addDays(asOf, -(days - 1)), to: asOf }
}

/** Kept over kept plus broken (partly kept and open promises left out), 4 decimals; null when none. */
export function keptRate(kept: number, broken: number): number | null {
  const decided = kept + broken
  return decided === 0 ? null : Math.round((kept / decided) * 10_000) / 10_000
}

/** One rule's refusals: by the decision-time check, by the send-time check, and both. */
export interface RuleRefusals {
  readonly ruleId: string
  readonly atDecision: number
  readonly atSend: number
  readonly total: number
}

/** The rule ids of a stored compliance result (`{outcome, reasons: [{ruleId}]}`), each once. */
export function refusedRuleIds(complianceJson: string): string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(complianceJson)
  } catch {
    return []
  }
  const result = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as {
    outcome?: unknown
    reasons?: unknown
  }
  if (result.outcome !== 'block' || !Array.isArray(result.reasons)) return []
  const ids = result.reasons.flatMap((r) =>
    typeof r === 'object' && r !== null && typeof (r as { ruleId?: unknown }).ruleId === 'string'
      ? [(r as { ruleId: string }).ruleId]
      : [],
  )
  return [...new Set(ids)]
}

/**
 * Refusals per rule id, most first (then by id). A refusal citing two rules counts once for each, so
 * the per-rule counts can add up to more than the refusals; `refused` counts each once.
 */
export function refusalsByRule(atDecision: readonly string[], atSend: readonly string[]) {
  const rules = new Map<string, { atDecision: number; atSend: number }>()
  let refused = 0
  const count = (list: readonly string[], key: 'atDecision' | 'atSend') => {
    for (const json of list) {
      const ids = refusedRuleIds(json)
      if (ids.length === 0) continue
      refused++
      for (const id of ids) {
        const entry = rules.get(id) ?? { atDecision: 0, atSend: 0 }
        entry[key]++
        rules.set(id, entry)
      }
    }
  }
  count(atDecision, 'atDecision')
  count(atSend, 'atSend')
  const byRule: RuleRefusals[] = [...rules.entries()]
    .map(([ruleId, n]) => ({ ruleId, ...n, total: n.atDecision + n.atSend }))
    .sort((a, b) => b.total - a.total || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
  return { refused, byRule }
}
