/**
 * Turns a playbook document into plain functions once, so the daily run evaluates each account with
 * closures and integer arithmetic only: no parsing, and no allocation beyond the outcome it returns.
 * Semantics (entry, exits, advance, required stages, gates, steps) are described in docs/playbooks.md.
 */
import { AppError } from '../errors/index.ts'
import type {
  AccountFacts,
  PlaybookAction,
  PlaybookOutcome,
  PlaybookTrace,
  ProposedPlaybookAction,
  StrategyState,
} from './account-facts.ts'
import { compileVariantPicker, type VariantPicker } from './assign-variant.ts'
import {
  collectChangePoints,
  compileCondition,
  type FactTest,
  TIME_FACTS,
  type TimeFact,
} from './compile-condition.ts'
import {
  APPROVAL_BY_DEFAULT,
  DEFAULT_SEGMENT,
  DEFAULT_VARIANT,
  type PlaybookDocument,
  type StageSpec,
} from './playbook-document.ts'
import { validatePlaybook } from './validate-playbook.ts'

/** A playbook ready to run: `appliesTo` picks accounts, `evaluate` decides one account's day. */
export interface CompiledPlaybook {
  id: string
  version: number
  /** True when the playbook is meant for this account (the run checks it; `evaluate` does not). */
  appliesTo(facts: AccountFacts): boolean
  /** Today's outcome for one account; pass the persisted state, or null when it is new to the playbook. */
  evaluate(facts: AccountFacts, state: StrategyState | null): PlaybookOutcome
  /**
   * Days after `facts.asOf` to the first day on which time alone (days past due, days in the stage,
   * days since the last response, days to the limitation date) may change what `evaluate` answers for
   * an account in `state`, its state after today's evaluation; Infinity when no day can. Every other
   * input changes only with an event. Conservative: the answer may be the same on that day.
   */
  daysUntilChange(facts: AccountFacts, state: StrategyState | null): number
  stageKeys: readonly string[]
}

type ExpectedValue = NonNullable<PlaybookTrace['expectedValue']>
type Step = { afterDays: number; action: PlaybookAction; when: FactTest | null; variants: string[] | null }
type Gate = { ppm: number; costMinor: number; minNetMinor: number }
type Exit = { test: FactTest; to: number; line: string }
type Stage = {
  key: string
  entry: FactTest | null
  entryLine: string
  holdDays: number
  advanceLimit: number
  exits: Exit[]
  steps: (Step & { requiresApproval: boolean })[]
  gate: Gate | null
}
type Segment = { name: string; when: FactTest | null; variants: string[]; pick: VariantPicker | null }

const digits = (s: string, i: number, n: number): number => {
  let v = 0
  for (let k = i; k < i + n; k++) v = v * 10 + s.charCodeAt(k) - 48
  return v
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` string, without allocating (days-from-civil). */
function dayOf(date: string): number {
  let y = digits(date, 0, 4)
  const m = digits(date, 5, 2)
  const d = digits(date, 8, 2)
  if (date.length !== 10 || !(m >= 1 && m <= 12 && d >= 1 && d <= 31))
    throw new RangeError(`bad date ${date}`)
  if (m <= 2) y -= 1
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468
}

/** floor(balance × rate) exactly in integers (rate in millionths), never above the balance. */
function expectedValue(balanceMinor: number, gate: Gate): ExpectedValue {
  const bal = balanceMinor > 0 ? balanceMinor : 0
  const recoveryMinor = Math.floor(bal / 1e6) * gate.ppm + Math.floor(((bal % 1e6) * gate.ppm) / 1e6)
  const passed = recoveryMinor - gate.costMinor >= gate.minNetMinor
  return { recoveryMinor, costMinor: gate.costMinor, thresholdMinor: gate.minNetMinor, passed }
}

function compileStages(specs: readonly StageSpec[]): Stage[] {
  const index = new Map(specs.map((s, i) => [s.key, i]))
  return specs.map((s, i) => {
    let advanceLimit = specs.length - 1
    for (let j = i + 1; j < specs.length; j++) {
      if (specs[j]?.required) {
        advanceLimit = j
        break
      }
    }
    const entry = s.entry ? compileCondition(s.entry) : null
    return {
      key: s.key,
      entry: entry?.test ?? null,
      entryLine: `enter "${s.key}": ${entry?.text ?? ''}`,
      // A required stage keeps the account at least one run, so its day-0 steps always happen.
      holdDays: Math.max(s.minDays ?? 0, s.required ? 1 : 0),
      advanceLimit,
      exits: (s.exits ?? []).map((e) => {
        const c = compileCondition(e.when)
        return { test: c.test, to: index.get(e.to) ?? -1, line: `exit "${e.label ?? e.to}": ${c.text}` }
      }),
      steps: s.steps.map((st) => ({
        afterDays: st.afterDays,
        action: Object.freeze({ ...st.action }),
        when: st.when ? compileCondition(st.when).test : null,
        variants: st.variants ? [...st.variants] : null,
        requiresApproval: st.requiresApproval ?? APPROVAL_BY_DEFAULT.has(st.action.type),
      })),
      gate: s.escalation ? { ...s.escalation, ppm: Math.round(s.escalation.recoveryRate * 1e6) } : null,
    }
  })
}

/** The change points of every condition in the playbook, per time fact, ascending. */
function changePointsOf(doc: PlaybookDocument): { fact: TimeFact; direction: number; points: number[] }[] {
  const into = new Map<TimeFact, Set<number>>()
  collectChangePoints(doc.appliesTo, into)
  for (const segment of doc.segments ?? []) collectChangePoints(segment.when, into)
  for (const stage of doc.stages) {
    collectChangePoints(stage.entry, into)
    for (const exit of stage.exits ?? []) collectChangePoints(exit.when, into)
    for (const step of stage.steps) collectChangePoints(step.when, into)
  }
  return [...into].map(([fact, points]) => ({
    fact,
    direction: TIME_FACTS[fact],
    points: [...points].sort((a, b) => a - b),
  }))
}

/** Compiles a playbook document; throws AppError('invalid_playbook') listing problems with JSON Pointers. */
export function compilePlaybook(doc: PlaybookDocument): CompiledPlaybook {
  const problems = validatePlaybook(doc)
  if (problems.length > 0) {
    const text = problems.map((p) => `${p.path}: ${p.message}`).join('; ')
    throw new AppError('invalid_playbook', `playbook ${doc.id} is invalid: ${text}`, problems)
  }
  const { id, version } = doc
  const stages = compileStages(doc.stages)
  const stageIndex = new Map(stages.map((s, i) => [s.key, i]))
  const segments: Segment[] = (doc.segments ?? []).map((s) => ({
    name: s.name,
    when: s.when ? compileCondition(s.when).test : null,
    variants: s.variants?.map((v) => v.name) ?? [DEFAULT_VARIANT],
    pick: s.variants ? compileVariantPicker(id, s.name, s.variants) : null,
  }))
  const fallback: Segment = { name: DEFAULT_SEGMENT, when: null, variants: [DEFAULT_VARIANT], pick: null }
  const applies = compileCondition(doc.appliesTo).test
  // Stamps mark stages already visited in the current evaluation (cycle guard without allocating).
  const visited = new Int32Array(stages.length)
  let stamp = 0
  let cachedAsOf = ''
  let cachedDay = 0

  function evaluate(facts: AccountFacts, state: StrategyState | null): PlaybookOutcome {
    let segment = fallback
    for (const s of segments) {
      if (s.when === null || s.when(facts)) {
        segment = s
        break
      }
    }
    const ours = state !== null && state.playbookId === id
    const variant =
      ours && segment.variants.includes(state.variant)
        ? state.variant
        : segment.pick === null
          ? DEFAULT_VARIANT
          : segment.pick(facts.accountKey)
    if (facts.asOf !== cachedAsOf) {
      cachedDay = dayOf(facts.asOf)
      cachedAsOf = facts.asOf
    }
    const fired: string[] = []
    // An unknown stage (retired in this version, or another playbook's) restarts at the first stage.
    const known = ours ? stageIndex.get(state.stage) : undefined
    let at = known ?? 0
    let enteredOn = known === undefined ? facts.asOf : state!.stageEnteredOn
    let nextStep = known === undefined ? 0 : Math.min(state!.nextStep, stages[at]!.steps.length)
    let daysIn = known === undefined ? 0 : cachedDay - dayOf(enteredOn)
    if (known === undefined) fired.push(`start "${stages[0]!.key}"`)
    let ev: ExpectedValue | undefined
    let unsettled = false
    stamp = (stamp + 1) | 0
    visited[at] = stamp
    for (;;) {
      const stage = stages[at]!
      let to = -1
      for (const exit of stage.exits) {
        if (exit.test(facts)) {
          to = exit.to
          fired.push(exit.line)
          break
        }
      }
      if (to < 0 && daysIn >= stage.holdDays) {
        // Furthest stage first, never past the next required stage.
        for (let j = stage.advanceLimit; j > at; j--) {
          const c = stages[j]!
          if (c.entry === null || !c.entry(facts)) continue
          if (c.gate !== null) {
            const figures = expectedValue(facts.balanceMinor, c.gate)
            if (!figures.passed) {
              ev ??= figures
              fired.push(
                `gate "${c.key}" failed: ${figures.recoveryMinor} - ${figures.costMinor} < ${figures.thresholdMinor}`,
              )
              continue
            }
            ev = figures
          }
          to = j
          fired.push(c.entryLine)
          break
        }
      }
      if (to < 0) break
      if (visited[to] === stamp) {
        fired.push(`stopped: "${stages[to]!.key}" was already visited in this run`)
        unsettled = true
        break
      }
      visited[to] = stamp
      at = to
      enteredOn = facts.asOf
      nextStep = 0
      daysIn = 0
    }
    const stage = stages[at]!
    const actions: ProposedPlaybookAction[] = []
    for (; nextStep < stage.steps.length; nextStep++) {
      const step = stage.steps[nextStep]!
      if (step.afterDays > daysIn) break
      if (step.when !== null && !step.when(facts)) continue
      if (step.variants !== null && !step.variants.includes(variant)) continue
      const { action, requiresApproval } = step
      actions.push({ action, stage: stage.key, step: nextStep, requiresApproval })
    }
    const unchanged =
      known !== undefined &&
      state!.playbookVersion === version &&
      state!.variant === variant &&
      state!.stage === stage.key &&
      state!.stageEnteredOn === enteredOn &&
      state!.nextStep === nextStep
    const next: StrategyState = unchanged
      ? state!
      : {
          playbookId: id,
          playbookVersion: version,
          variant,
          stage: stage.key,
          stageEnteredOn: enteredOn,
          nextStep,
        }
    const fromStage = known === undefined ? null : state!.stage
    const trace: PlaybookTrace = { segment: segment.name, variant, fromStage, toStage: stage.key, fired }
    if (ev) trace.expectedValue = ev
    const outcome: PlaybookOutcome = { state: next, stageChanged: fromStage !== stage.key, actions, trace }
    if (unsettled) outcome.unsettled = true
    return outcome
  }

  const timeFacts = changePointsOf(doc)

  function daysUntilChange(facts: AccountFacts, state: StrategyState | null): number {
    let days = Number.POSITIVE_INFINITY
    for (const { fact, direction, points } of timeFacts) {
      const x = facts[fact]
      if (x === null) continue
      if (direction > 0) {
        for (const c of points) {
          if (c > x) {
            days = Math.min(days, c - x)
            break
          }
        }
      } else {
        for (let i = points.length - 1; i >= 0; i--) {
          const c = points[i]!
          if (c <= x) {
            days = Math.min(days, x - c + 1)
            break
          }
        }
      }
    }
    if (state === null || state.playbookId !== id) return days
    const at = stageIndex.get(state.stage)
    if (at === undefined || state.playbookVersion !== version) return 1
    const stage = stages[at]!
    const daysIn = dayOf(facts.asOf) - dayOf(state.stageEnteredOn)
    if (stage.holdDays > daysIn) days = Math.min(days, stage.holdDays - daysIn)
    const step = stage.steps[state.nextStep]
    if (step) days = Math.min(days, Math.max(1, step.afterDays - daysIn))
    return days
  }

  return { id, version, appliesTo: applies, evaluate, daysUntilChange, stageKeys: stages.map((s) => s.key) }
}
