import { formatAmount } from '../../core/money/money.ts'
import type { AccountTimeline } from '../../store/engine/explain.repository.ts'

interface TraceAction {
  step: number
  action: {
    type: string
    channel?: string
    template?: string
    tone?: string
    document?: string
    task?: string
  }
  status: string
  scheduledAt: string | null
  compliance: {
    outcome: string
    proposedAt: string
    reasons: { ruleId: string; citation: string; message: string }[]
  }
}

interface StoredTrace {
  playbook: { id: string; version: number }
  segment: string
  variant: string
  fired: string[]
  expectedValue?: { recoveryMinor: number; costMinor: number; thresholdMinor: number; passed: boolean }
  actions: TraceAction[]
}

/** The decision timeline as text: each day's stage move, the conditions that fired, each action's verdict. */
export function formatTimeline(timeline: AccountTimeline): string {
  const { account, decisions, state } = timeline
  const lines = [
    `account ${account.external_id} (${account.debt_kind}, ${account.jurisdiction}, ${account.currency}, due ${account.due_on}, ${account.status})`,
    state
      ? `now: playbook ${state.playbook_id} v${state.playbook_version}, variant ${state.variant}, stage ${state.stage} since ${state.stage_entered_on}`
      : 'not yet in a playbook',
  ]
  if (decisions.length === 0) lines.push('no decisions recorded')
  for (const d of decisions) {
    const trigger = d.trigger === 'daily' ? 'daily run' : `event ${d.trigger_ref}`
    if (d.error !== null) {
      // The engine could not decide the account that day: nothing moved, nothing was scheduled.
      lines.push('', `${d.as_of}  ${trigger}: NOT DECIDED: ${d.error}`)
      continue
    }
    const trace = JSON.parse(d.trace) as StoredTrace
    const move =
      d.from_stage === d.to_stage ? `stays in ${d.to_stage}` : `${d.from_stage ?? '(new)'} -> ${d.to_stage}`
    lines.push(
      '',
      `${d.as_of}  ${trigger}: ${move}  [${trace.playbook.id} v${trace.playbook.version}, segment ${trace.segment}, variant ${trace.variant}]`,
    )
    for (const fired of trace.fired) lines.push(`    because ${fired}`)
    if (trace.expectedValue) {
      const ev = trace.expectedValue
      const money = (minor: number) => `${formatAmount(minor, account.currency)} ${account.currency}`
      lines.push(
        `    expected value: recovery ${money(ev.recoveryMinor)} - cost ${money(ev.costMinor)} vs threshold ${money(ev.thresholdMinor)}: ${ev.passed ? 'passed' : 'not passed'}`,
      )
    }
    for (const a of trace.actions) {
      const what = [
        a.action.type,
        a.action.channel,
        a.action.template ?? a.action.document ?? a.action.task,
        a.action.tone,
      ]
        .filter(Boolean)
        .join(' ')
      const when = a.scheduledAt ? `at ${a.scheduledAt}` : 'not scheduled'
      lines.push(`    step ${a.step}: ${what} -> ${a.status} ${when} (compliance: ${a.compliance.outcome})`)
      for (const r of a.compliance.reasons) lines.push(`        ${r.ruleId} [${r.citation}]: ${r.message}`)
    }
  }
  return `${lines.join('\n')}\n`
}
