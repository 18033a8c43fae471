import { type ReportTable, ratio } from './report-table.ts'

export interface PromiseRow {
  dueOn: string
  state: 'open' | 'kept' | 'partially_kept' | 'broken'
}

export interface PlanRow {
  createdOn: string
  status: 'active' | 'completed' | 'broken' | 'cancelled'
}

/** How many promises (by the month they fell due) or plans (by the month made) were in one state. */
export interface StateCount {
  month: string
  kind: 'promise' | 'plan'
  state: string
  count: number
}

/** The promise and plan rates from each row (see `promisePlanTable`). */
export function promisePlanRates(promises: readonly PromiseRow[], plans: readonly PlanRow[]): ReportTable {
  const counts = new Map<string, StateCount>()
  const add = (month: string, kind: StateCount['kind'], state: string) => {
    const key = `${month}|${kind}|${state}`
    const c = counts.get(key)
    if (c) c.count++
    else counts.set(key, { month, kind, state, count: 1 })
  }
  for (const p of promises) add(p.dueOn.slice(0, 7), 'promise', p.state)
  for (const p of plans) add(p.createdOn.slice(0, 7), 'plan', p.status)
  return promisePlanTable([...counts.values()])
}

/**
 * Promise-kept rate by the month promises fell due (kept / decided, a partly kept promise not kept,
 * open ones not yet decided) and plan completion rate by the month plans were made (completed /
 * (completed + broken); active and cancelled plans are counted but not in the rate).
 */
export function promisePlanTable(counts: readonly StateCount[]): ReportTable {
  const months = new Map<string, number[]>()
  const at = (month: string) => {
    let row = months.get(month)
    if (!row) {
      row = new Array(8).fill(0)
      months.set(month, row)
    }
    return row
  }
  const COLUMN: Record<string, number> = {
    'promise:kept': 0,
    'promise:partially_kept': 1,
    'promise:broken': 2,
    'promise:open': 3,
    'plan:completed': 4,
    'plan:broken': 5,
    'plan:active': 6,
    'plan:cancelled': 7,
  }
  for (const c of counts) {
    const column = COLUMN[`${c.kind}:${c.state}`]
    if (column === undefined) continue
    const row = at(c.month)
    row[column] = (row[column] ?? 0) + c.count
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
