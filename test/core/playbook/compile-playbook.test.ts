import { describe, expect, it } from 'vitest'
import type { AccountFacts, StrategyState } from '../../../src/core/playbook/account-facts.ts'
import { compilePlaybook } from '../../../src/core/playbook/compile-playbook.ts'
import { facts, ladder } from './playbook-fixtures.ts'

const playbook = compilePlaybook(ladder)

function state(stage: string, stageEnteredOn: string, nextStep: number, variant = 'default'): StrategyState {
  return { playbookId: 'ladder', playbookVersion: 2, variant, stage, stageEnteredOn, nextStep }
}

const cases: {
  name: string
  facts: Partial<AccountFacts>
  state: StrategyState | null
  stage: string
  changed: boolean
  steps: string[]
  nextStep?: number
  fired?: string[]
  ev?: { recoveryMinor: number; costMinor: number; thresholdMinor: number; passed: boolean }
}[] = [
  {
    name: 'new account before due',
    facts: { daysPastDue: -3 },
    state: null,
    stage: 'start',
    changed: true,
    steps: [],
    fired: ['start "start"'],
  },
  {
    name: 'new account jumps to the furthest stage whose entry holds',
    facts: { daysPastDue: 20 },
    state: null,
    stage: 'firm',
    changed: true,
    steps: ['firm#0'],
    fired: ['start "start"', 'enter "firm": daysPastDue >= 15'],
  },
  {
    name: 'advance stops at the first required stage and records the gate figures',
    facts: { daysPastDue: 90, balanceMinor: 100_000 },
    state: null,
    stage: 'demand',
    changed: true,
    steps: ['demand#0!'],
    ev: { recoveryMinor: 50_000, costMinor: 1000, thresholdMinor: 5000, passed: true },
  },
  {
    name: 'a failing gate keeps the account in the nearer stage',
    facts: { daysPastDue: 35, balanceMinor: 10_001 },
    state: state('firm', '2024-02-20', 1),
    stage: 'firm',
    changed: false,
    steps: [],
    fired: ['gate "demand" failed: 5000 - 1000 < 5000'],
    ev: { recoveryMinor: 5000, costMinor: 1000, thresholdMinor: 5000, passed: false },
  },
  {
    name: 'a required stage holds the account on the day it was entered',
    facts: { daysPastDue: 90 },
    state: state('demand', '2024-03-01', 1),
    stage: 'demand',
    changed: false,
    steps: [],
  },
  {
    name: 'after a day in the required stage it advances past it',
    facts: { daysPastDue: 91 },
    state: state('demand', '2024-02-29', 1),
    stage: 'agency',
    changed: true,
    steps: ['agency#0!'],
  },
  {
    name: 'exits fire before advance, in order',
    facts: { daysPastDue: 40, balanceMinor: 0, disputeState: 'open' },
    state: state('firm', '2024-02-01', 1),
    stage: 'done',
    changed: true,
    steps: [],
    fired: ['exit "paid": balanceMinor <= 0'],
  },
  {
    name: 'an exit into a hold stage runs its day-0 steps',
    facts: { daysPastDue: 20, disputeState: 'open' },
    state: state('firm', '2024-02-20', 1),
    stage: 'hold',
    changed: true,
    steps: ['hold#0'],
  },
  {
    name: 'minDays blocks advance but not exits; the exit target then advances',
    facts: { daysPastDue: 20, disputeState: 'resolved_for_creditor' },
    state: state('hold', '2024-02-29', 1),
    stage: 'firm',
    changed: true,
    steps: ['firm#0'],
    fired: ['exit "dispute closed": disputeState != "open"', 'enter "firm": daysPastDue >= 15'],
  },
  {
    name: 'due steps: afterDays counts from stage entry',
    facts: { daysPastDue: 5 },
    state: state('soft', '2024-02-27', 1),
    stage: 'soft',
    changed: false,
    steps: ['soft#1'],
    nextStep: 2,
  },
  {
    name: 'a step whose condition fails is skipped for good',
    facts: { daysPastDue: 5, hasPhone: false },
    state: state('soft', '2024-02-27', 1),
    stage: 'soft',
    changed: false,
    steps: [],
    nextStep: 2,
  },
  {
    name: 'steps not yet due wait',
    facts: { daysPastDue: 4 },
    state: state('soft', '2024-02-28', 1),
    stage: 'soft',
    changed: false,
    steps: [],
    nextStep: 1,
  },
  {
    name: 'missed days catch up; variant steps only for their variant',
    facts: { daysPastDue: 12 },
    state: state('soft', '2024-02-20', 0),
    stage: 'soft',
    changed: false,
    steps: ['soft#0', 'soft#1'],
    nextStep: 3,
  },
  {
    name: 'a stage missing from this version restarts the playbook',
    facts: { daysPastDue: 2 },
    state: state('retired', '2024-01-01', 4),
    stage: 'soft',
    changed: true,
    steps: ['soft#0'],
  },
]

describe('compilePlaybook evaluate', () => {
  it.each(cases)('$name', (c) => {
    const outcome = playbook.evaluate(facts(c.facts), c.state)
    expect(outcome.state.stage).toBe(c.stage)
    expect(outcome.stageChanged).toBe(c.changed)
    expect(outcome.actions.map((a) => `${a.stage}#${a.step}${a.requiresApproval ? '!' : ''}`)).toEqual(
      c.steps,
    )
    if (c.nextStep !== undefined) expect(outcome.state.nextStep).toBe(c.nextStep)
    if (c.fired) expect(outcome.trace.fired).toEqual(c.fired)
    expect(outcome.trace.expectedValue).toEqual(c.ev)
    expect(outcome.trace.toStage).toBe(c.stage)
    expect(outcome.trace.variant).toBe(outcome.state.variant)
    if (c.changed) expect(outcome.state.stageEnteredOn).toBe('2024-03-01')
  })

  it('returns the input state object when nothing changed', () => {
    const s = state('done', '2024-01-01', 0)
    const outcome = playbook.evaluate(facts({ balanceMinor: 0 }), s)
    expect(outcome.state).toBe(s)
    expect(outcome).toMatchObject({
      stageChanged: false,
      actions: [],
      trace: { fromStage: 'done', fired: [] },
    })
  })

  it('moves an account to the new version without changing its stage', () => {
    const outcome = playbook.evaluate(facts({ daysPastDue: 5 }), {
      ...state('soft', '2024-02-28', 1),
      playbookVersion: 1,
    })
    expect(outcome.state).toEqual(state('soft', '2024-02-28', 1))
    expect(outcome.stageChanged).toBe(false)
  })

  it('runs variant steps only for the variant, keeping a persisted variant', () => {
    const big = facts({ daysPastDue: 12, balanceMinor: 2_000_000 })
    const b = playbook.evaluate(big, state('soft', '2024-02-20', 2, 'b'))
    const a = playbook.evaluate(big, state('soft', '2024-02-20', 2, 'a'))
    expect([a.actions.length, b.actions.length]).toEqual([0, 1])
    expect([a.trace.segment, a.state.variant, b.state.variant]).toEqual(['big', 'a', 'b'])
  })

  it('re-hashes a persisted variant that the segment no longer has', () => {
    const outcome = playbook.evaluate(
      facts({ balanceMinor: 2_000_000 }),
      state('start', '2024-02-20', 0, 'gone'),
    )
    expect(['a', 'b']).toContain(outcome.state.variant)
  })

  it('stops a cycle of exits instead of looping', () => {
    const flip = compilePlaybook({
      id: 'flip',
      version: 1,
      stages: [
        { key: 'x', steps: [], exits: [{ when: { fact: 'hasPhone', eq: true }, to: 'y' }] },
        { key: 'y', steps: [], exits: [{ when: { fact: 'hasPhone', eq: true }, to: 'x' }] },
      ],
    })
    const outcome = flip.evaluate(facts(), null)
    expect(outcome.state.stage).toBe('y')
    expect(outcome.trace.fired.at(-1)).toBe('stopped: "x" was already visited in this run')
  })

  it('rejects an invalid document with the problems as details', () => {
    expect(() =>
      compilePlaybook({ ...ladder, stages: [...ladder.stages, { key: 'soft', steps: [] }] }),
    ).toThrow(/duplicate stage key "soft"/)
  })

  it('computes expected recovery exactly in integers for large balances', () => {
    const gated = compilePlaybook({
      id: 'g',
      version: 1,
      stages: [
        { key: 'a', steps: [] },
        {
          key: 'b',
          entry: { fact: 'daysPastDue', gte: 0 },
          escalation: { recoveryRate: 0.35, costMinor: 0, minNetMinor: 0 },
          steps: [],
        },
      ],
    })
    const ev = (balanceMinor: number) => gated.evaluate(facts({ balanceMinor }), null).trace.expectedValue
    expect(ev(123_456_789_012_345)?.recoveryMinor).toBe(43_209_876_154_320)
    expect(ev(3)?.recoveryMinor).toBe(1)
    expect(ev(-500)?.recoveryMinor).toBe(0)
  })
})
