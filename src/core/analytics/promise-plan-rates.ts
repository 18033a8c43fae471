import { type ReportTable, ratio } from './report-table.ts'

export interface PromiseRow {
  dueOn: string
  state: 'open' | 'kept' | 'partially_kept' | 'broken'
}

export interface PlanRow {
  createdOn: string
  status: 'active' | 'completed' | 'broken' | 'cancelled'
}

/**
 * Promise-kept rate by the month promises fell due (kept / decided, a partly kept promise not kept,
 * open ones not yet decided) and plan completion rate by the month plans were made (completed /
 * (completed + broken); active and cancelled plans are counted but not in the rate).
 */
export function promisePlanRates(promises: readonly PromiseRow[], plans: readonly PlanRow[]): ReportTable {
  const months = new Map<string, number[]>()
  const at = (month: string) => {
    let row = months.get(month)
    if (!row) {
      row = new Array(8).fill(0)
      months.set(month, row)
    }
    return row
  }
  const PROMISE = { kept: 0, partially_kept: 1, broken: 2, open: 3 } as const
  const PLAN = { completed: 4, broken: 5, active: 6, cancelled: 7 } as const
  for (const p of promises) {
    const row = at(p.dueOn.slice(0, 7))
    row[PROMISE[p.state]] = (row[PROMISE[p.state]] ?? 0) + 1
  }
  for (const p of plans) {
    const row = at(p.createdOn.slice(0, 7))
    row[PLAN[p.status]] = (row[PLAN[p.status]] ?? 0) + 1
  }
  const rows = [...months.keys()].sort().map((month) => {
    const [kept, partial, broken, open, completed, plansBroken, active, cancelled] = months.get(
      month,
    ) as number[] as [number, number, number, number, number, number, number, number]
    return [
      month,
      kept,
      partial,
      broken,
      open,
      ratio(kept, kept + partial + broken),
      completed,
      plansBroken,
      active,
      cancelled,
      ratio(completed, completed + plansBroken),
    ]
  })
  return {
    report: 'promises-plans',
    columns: [
      'month',
      'promises_kept',
      'promises_partially_kept',
      'promises_broken',
      'promises_open',
      'promise_kept_rate',
      'plans_completed',
      'plans_broken',
      'plans_active',
      'plans_cancelled',
      'plan_completion_rate',
    ],
    rows,
    notes: [
      'Promises by the month they fell due; promise_kept_rate = kept / (kept + partially kept + broken).',
      'Plans by the month they were made; plan_completion_rate = completed / (completed + broken).',
    ],
  }
}
