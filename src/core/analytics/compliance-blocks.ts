import type { ReportTable } from './report-table.ts'

export interface BlockedAction {
  /** When the blocked action was decided (ISO instant). */
  createdAt: string
  jurisdiction: string
  actionType: string
  channel: string | null
  ruleIds: string[]
}

/** Blocked actions of one month, rule, jurisdiction, action and channel ('' for none). */
export interface BlockCount {
  month: string
  rule: string
  jurisdiction: string
  actionType: string
  channel: string
  blocked: number
}

/** The rule of an action blocked without a recorded rule id. */
export const NO_REASON = '(no reason recorded)'

/**
 * Actions the compliance packs blocked, counted by month, rule and jurisdiction (and action and
 * channel): an action blocked by two rules counts once under each rule, and once in `actions`.
 */
export function complianceBlocks(blocked: readonly BlockedAction[]): ReportTable {
  const counts = new Map<string, BlockCount>()
  for (const b of blocked) {
    const rules = b.ruleIds.length > 0 ? b.ruleIds : [NO_REASON]
    for (const rule of new Set(rules)) {
      const month = b.createdAt.slice(0, 7)
      const channel = b.channel ?? ''
      const key = [month, rule, b.jurisdiction, b.actionType, channel].join('\u0000')
      const c = counts.get(key)
      if (c) c.blocked++
      else
        counts.set(key, {
          month,
          rule,
          jurisdiction: b.jurisdiction,
          actionType: b.actionType,
          channel,
          blocked: 1,
        })
    }
  }
  return complianceBlocksTable([...counts.values()], blocked.length)
}

/** The table from the counts (from `complianceBlocks` or the database) and the number of blocked actions. */
export function complianceBlocksTable(counts: readonly BlockCount[], actions: number): ReportTable {
  const rows = counts
    .map((c) => [c.month, c.rule, c.jurisdiction, c.actionType, c.channel, c.blocked] as (string | number)[])
    .sort(
      (x, y) =>
        String(x[0]).localeCompare(String(y[0])) ||
        (y[5] as number) - (x[5] as number) ||
        String(x[1]).localeCompare(String(y[1])) ||
        // Then by jurisdiction, action and channel, so the order never depends on how rows arrived.
        String(x[2]).localeCompare(String(y[2])) ||
        String(x[3]).localeCompare(String(y[3])) ||
        String(x[4]).localeCompare(String(y[4])),
    )
  return {
    report: 'compliance-blocks',
    columns: ['month', 'rule', 'jurisdiction', 'action', 'channel', 'blocked'],
    rows,
    notes: [`${actions} blocked actions; an action blocked by several rules counts under each.`],
  }
}
