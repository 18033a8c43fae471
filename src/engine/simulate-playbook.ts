/**
 * Replays history day by day through the playbooks without sending or writing anything: each account's
 * balance on each day comes from its recorded ledger, so treatment stops on the day the real debtor
 * paid. Strategy state lives in memory only (persisted state is ignored: the replay starts afresh).
 */
import { dayNumber, fromDayNumber } from '../core/calendar/local-date.ts'
import type { AccountSnapshot } from '../core/engine/account-snapshot.ts'
import type { HistoryEntry } from '../core/engine/history-entry.ts'
import type { PlaybookAction } from '../core/playbook/account-facts.ts'
import { type AccountDecision, decideAccountSafely, type EngineContext } from './decide-account.ts'

export type { HistoryEntry }

/** The replay's input: accounts, their ledgers, the window, and an engine context without its day. */
export interface SimulationInput extends Omit<EngineContext, 'asOf'> {
  snapshots: readonly AccountSnapshot[]
  /** Each account's entries effective on or before `to`, ordered by day. */
  ledger: ReadonlyMap<number, readonly HistoryEntry[]>
  from: string
  to: string
}

/** Counts for one playbook stage and variant (or for all of them). */
export interface SimulationTally {
  /** Times an account entered the stage (its first placement included). */
  entered: number
  /** Entries from an earlier stage of the playbook while the account still owed money. */
  escalated: number
  actions: number
  /** Actions that would have gone out (status pending), including those deferred to a later time. */
  wouldSend: number
  awaitingApproval: number
  blocked: number
  /** Actions compliance moved to a later allowed time (counted in wouldSend or awaitingApproval too). */
  deferred: number
  /** Accounts whose recorded payment cleared the balance while they were in this stage. */
  paid: number
  /** Proposed actions by `type:detail`, e.g. `send_message:email`. */
  byAction: Record<string, number>
  blockedByRule: Record<string, number>
}

/** One row of the report: a stage of a playbook, for one variant. */
export interface SimulationRow extends SimulationTally {
  playbookId: string
  stage: string
  variant: string
}

/** What the playbooks would have done over the window. */
export interface SimulationReport {
  from: string
  to: string
  days: number
  playbooks: { id: string; version: number }[]
  accounts: { replayed: number; treated: number; openAtEnd: number }
  /** Accounts that could not be decided on some day (by external id, with the first reason); left out from then on. */
  undecided: { account: string; on: string; reason: string }[]
  /** Treatment stopped by a real payment, and any actions the playbook still proposed that day. */
  stoppedByPayment: { accounts: number; actionsAfterPayment: number }
  totals: SimulationTally
  rows: SimulationRow[]
}

interface Replay {
  snapshot: AccountSnapshot
  entries: readonly HistoryEntry[]
  cursor: number
  /** Under treatment: a playbook took it on and it still owed money at its last evaluation. */
  treated: boolean
  everTreated: boolean
  /** The engine could not decide it: left out of the rest of the replay. */
  failed: boolean
}

const emptyTally = (): SimulationTally => ({
  entered: 0,
  escalated: 0,
  actions: 0,
  wouldSend: 0,
  awaitingApproval: 0,
  blocked: 0,
  deferred: 0,
  paid: 0,
  byAction: {},
  blockedByRule: {},
})

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1
}

/** Replays `from`..`to` (inclusive) and tallies the playbooks' decisions per stage and variant. */
export function simulatePlaybooks(input: SimulationInput): SimulationReport {
  const { snapshots, ledger, from, to, ...base } = input
  const rows = new Map<string, SimulationRow>()
  const totals = emptyTally()
  const stopped = { accounts: 0, actionsAfterPayment: 0 }
  // Each tally goes to its row and to the totals independently, so the two can be checked against each other.
  const tally = (playbookId: string, stage: string, variant: string, apply: (t: SimulationTally) => void) => {
    const key = `${playbookId}\u0000${stage}\u0000${variant}`
    const row = rows.get(key) ?? { playbookId, stage, variant, ...emptyTally() }
    rows.set(key, row)
    apply(row)
    apply(totals)
  }
  const replays: Replay[] = snapshots.map((s) => ({
    snapshot: { ...s, balanceMinor: 0, originalMinor: 0, lastPaymentOn: null, state: null },
    entries: [...(ledger.get(s.accountId) ?? [])].sort((a, b) => compare(a.effectiveOn, b.effectiveOn)),
    cursor: 0,
    treated: false,
    everTreated: false,
    failed: false,
  }))
  const undecided: SimulationReport['undecided'] = []
  const first = dayNumber(from)
  const last = dayNumber(to)
  for (let day = first; day <= last; day++) {
    const context: EngineContext = { ...base, asOf: fromDayNumber(day) }
    for (const replay of replays) {
      advance(replay, context.asOf)
      const s = replay.snapshot
      // Not yet opened, or paid and closed: the daily run would not load it either.
      if (!replay.treated && (s.originalMinor <= 0 || s.balanceMinor <= 0)) continue
      if (replay.failed) continue
      const previous = s.state
      const result = decideAccountSafely(s, context)
      if ('error' in result) {
        // As in the daily run, one account the engine cannot decide never stops the replay.
        replay.failed = true
        undecided.push({ account: s.externalId, on: context.asOf, reason: result.error.reason })
        continue
      }
      const { decision } = result
      if (!decision) continue
      s.state = decision.outcome.state
      replay.everTreated = true
      const paidToday = s.balanceMinor <= 0
      if (paidToday && previous && s.lastPaymentOn === context.asOf) {
        stopped.accounts++
        stopped.actionsAfterPayment += decision.actions.length
        tally(decision.playbook.id, previous.stage, previous.variant, (t) => t.paid++)
      }
      replay.treated = !paidToday
      record(decision, !paidToday, tally)
    }
  }
  const order = new Map(base.playbooks.map((p, i) => [p.id, { i, stages: p.stageKeys }]))
  const rank = (r: SimulationRow) => {
    const p = order.get(r.playbookId)
    return (p?.i ?? 0) * 10_000 + (p?.stages.indexOf(r.stage) ?? 0)
  }
  return {
    from,
    to,
    days: Math.max(0, last - first + 1),
    playbooks: base.playbooks.map((p) => ({ id: p.id, version: p.version })),
    accounts: {
      replayed: replays.length,
      treated: replays.filter((r) => r.everTreated).length,
      openAtEnd: replays.filter((r) => r.treated).length,
    },
    undecided,
    stoppedByPayment: stopped,
    totals,
    rows: [...rows.values()].sort((a, b) => rank(a) - rank(b) || compare(a.variant, b.variant)),
  }
}

/** Applies the entries effective by `asOf`: each account's cursor only moves forward, once per entry. */
function advance(replay: Replay, asOf: string): void {
  const s = replay.snapshot
  for (; replay.cursor < replay.entries.length; replay.cursor++) {
    const e = replay.entries[replay.cursor]!
    if (e.effectiveOn > asOf) break
    s.balanceMinor += e.amountMinor
    if (e.kind === 'charge') s.originalMinor += e.amountMinor
    if (e.kind === 'payment') s.lastPaymentOn = e.effectiveOn
  }
}

type Tally = (playbookId: string, stage: string, variant: string, apply: (t: SimulationTally) => void) => void

/**
 * Counts one day's decision: the stage move and each action's fate. A move to a later stage is an
 * escalation only while money is owed: the move a payment triggers (to "resolved") is not one.
 */
function record(decision: AccountDecision, owing: boolean, tally: Tally): void {
  const { playbook, outcome, previous } = decision
  const { stage, variant } = outcome.state
  if (outcome.stageChanged) {
    const from = previous?.playbookId === playbook.id ? playbook.stageKeys.indexOf(previous.stage) : -1
    const escalated = owing && from >= 0 && playbook.stageKeys.indexOf(stage) > from
    tally(playbook.id, stage, variant, (t) => {
      t.entered++
      if (escalated) t.escalated++
    })
  }
  for (const action of decision.actions) {
    tally(playbook.id, action.proposed.stage, variant, (t) => {
      t.actions++
      bump(t.byAction, actionLabel(action.proposed.action))
      if (action.status === 'pending') t.wouldSend++
      else if (action.status === 'awaiting_approval') t.awaitingApproval++
      else {
        t.blocked++
        for (const reason of action.compliance.reasons) bump(t.blockedByRule, reason.ruleId)
      }
      if (action.compliance.outcome === 'deferred') t.deferred++
    })
  }
}

/** `send_message:email`, `create_task:call`, `apply_charge:interest`: type plus what distinguishes it. */
export function actionLabel(action: PlaybookAction): string {
  switch (action.type) {
    case 'send_message':
      return `${action.type}:${action.channel}`
    case 'create_task':
      return `${action.type}:${action.task}`
    case 'produce_document':
      return `${action.type}:${action.document}`
    case 'apply_charge':
      return `${action.type}:${action.charge}`
    default:
      return action.type
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
