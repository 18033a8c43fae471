import type { ReportTable } from './report-table.ts'

export interface BlockedAction {
  /** When the blocked action was decided (ISO instant). */
  createdAt: string
  jurisdiction: string
  actionType: string
  channel: string | null
  ruleIds: string[]
}

/**
 * Actions the compliance packs blocked, counted by month, rule and jurisdiction (and action and
 * channel): an action blocked by two rules counts once under each rule, and once in `actions`.
 */
export function complianceBlocks(blocked: readonly BlockedAction[]): ReportTable {
  const counts = new Map<string, number>()
  for (const b of blocked) {
    const rules = b.ruleIds.length > 0 ? b.ruleIds : ['(no reason recorded)']
    for (const rule of new Set(rules)) {
      const key = [b.createdAt.slice(0, 7), rule, b.jurisdiction, b.actionType, b.channel ?? ''].join(
        '\u0000',
      )
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  }
  const rows = [...counts.entries()]
    .map(([key, n]) => [...key.split('\u0000'), n] as (string | number)[])
    .sort(
      (x, y) =>
        String(x[0]).localeCompare(String(y[0])) ||
        (y[5] as number) - (x[5] as number) ||
        String(x[1]).localeCompare(String(y[1])),
    )
  return {
    report: 'compliance-blocks',
    columns: ['month', 'rule', 'jurisdiction', 'action', 'channel', 'blocked'],
    rows,
    notes: [`${blocked.length} blocked actions; an action blocked by several rules counts under each.`],
  }
}
