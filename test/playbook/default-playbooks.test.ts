import { describe, expect, it } from 'vitest'
import type {
  AccountFacts,
  ProposedPlaybookAction,
  StrategyState,
} from '../../src/core/playbook/account-facts.ts'
import { type CompiledPlaybook, compilePlaybook } from '../../src/core/playbook/compile-playbook.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import { facts } from '../core/playbook/playbook-fixtures.ts'

const [b2b, consumer] = loadDefaultPlaybooks().map(compilePlaybook) as [CompiledPlaybook, CompiledPlaybook]

type Day = { day: number; stage: string; actions: ProposedPlaybookAction[]; ev: boolean | undefined }

/** Runs one account through `days` daily runs, its days past due growing by one a day. */
function simulate(playbook: CompiledPlaybook, start: Partial<AccountFacts>, days: number): Day[] {
  let state: StrategyState | null = null
  const out: Day[] = []
  const base = facts(start)
  for (let day = 0; day < days; day++) {
    const asOf = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)
    const f = { ...base, asOf, daysPastDue: base.daysPastDue + day }
    if (f.daysUntilLimitation !== null) f.daysUntilLimitation = (base.daysUntilLimitation ?? 0) - day
    const o = playbook.evaluate(f, state)
    state = o.state
    out.push({ day, stage: o.state.stage, actions: o.actions, ev: o.trace.expectedValue?.passed })
  }
  return out
}

const stagesOf = (run: Day[]) => run.map((d) => d.stage).filter((s, i, all) => all[i - 1] !== s)
const actionsOf = (run: Day[]) =>
  run.flatMap((d) => d.actions.map((a) => ({ day: d.day, approval: a.requiresApproval, ...a.action })))

describe('b2b-invoice playbook', () => {
  const invoice = { debtKind: 'commercial' as const, daysPastDue: -10, balanceMinor: 500_000 }

  it('applies to commercial debts only', () => {
    expect([b2b.appliesTo(facts(invoice)), b2b.appliesTo(facts())]).toEqual([true, false])
  })

  it('keeps customers the scorecard rates low risk on the friendly cadence ten days longer, without SMS', () => {
    const firmDay = (run: Day[]) => run.find((d) => d.stage === 'firm_reminder')?.day
    const unscored = simulate(b2b, { ...invoice, hasPhone: true }, 40)
    const high = simulate(b2b, { ...invoice, hasPhone: true, riskScore: 450, riskBand: 'high' }, 40)
    const low = simulate(b2b, { ...invoice, hasPhone: true, riskScore: 580, riskBand: 'low' }, 40)
    expect(firmDay(unscored)).toBe(25) // daysPastDue 15
    expect(firmDay(high)).toBe(25)
    expect(firmDay(low)).toBe(35) // daysPastDue 25
    expect(actionsOf(low).some((a) => a.type === 'send_message' && a.channel === 'sms')).toBe(false)
    const segment = b2b.evaluate(facts({ ...invoice, riskBand: 'low' }), null).trace.segment
    expect(segment).toBe('low_risk')
  })

  it('walks an unpaid invoice up the ladder to agency and write-off review', () => {
    const run = simulate(b2b, invoice, 400)
    expect(stagesOf(run)).toEqual([
      'current',
      'pre_due',
      'friendly_reminder',
      'firm_reminder',
      'final_notice',
      'formal_demand',
      'agency_placement',
      'write_off_review',
    ])
    const actions = actionsOf(run)
    const dpd = (type: string, extra: Record<string, unknown> = {}) =>
      actions.find((a) => a.type === type && Object.entries(extra).every(([k, v]) => (a as never)[k] === v))
    expect(dpd('apply_charge', { policy: 'statutory' })?.day).toBe(40)
    expect(dpd('produce_document', { document: 'demand_letter' })).toMatchObject({ day: 55, approval: true })
    expect(dpd('place_with_agency')).toMatchObject({ day: 85, approval: true })
    expect(dpd('recommend_write_off')).toMatchObject({ day: 375, approval: true })
  })

  it('skips the formal demand when it costs more than it can recover, then reviews write-off', () => {
    const run = simulate(b2b, { ...invoice, balanceMinor: 15_000 }, 200)
    expect(stagesOf(run)).toEqual([
      'current',
      'pre_due',
      'friendly_reminder',
      'firm_reminder',
      'final_notice',
      'write_off_review',
    ])
    expect(run.find((d) => d.ev === false)?.day).toBe(55)
  })

  it('holds on a dispute and on an open promise', () => {
    expect(
      b2b.evaluate(facts({ ...invoice, daysPastDue: 20, disputeState: 'open' }), null).actions,
    ).toMatchObject([{ stage: 'disputed', action: { type: 'create_task', task: 'review' } }])
    expect(b2b.evaluate(facts({ ...invoice, daysPastDue: 50, promiseState: 'open' }), null).state.stage).toBe(
      'promise',
    )
  })
})

describe('consumer-agency playbook', () => {
  const debt = { daysPastDue: 200, balanceMinor: 800_000, daysUntilLimitation: 1500 }

  it('sends the validation notice first and nothing else during the validation period', () => {
    const run = simulate(consumer, debt, 60)
    const actions = actionsOf(run)
    expect(actions[0]).toMatchObject({ day: 0, type: 'produce_document', document: 'validation_notice' })
    expect(actions.slice(1).every((a) => a.day >= 35)).toBe(true)
    expect(actions[1]).toMatchObject({ day: 35, type: 'send_message', tone: 'friendly' })
  })

  it('climbs soft, firm and final contact to a gated legal review for an in-time debt', () => {
    const run = simulate(consumer, debt, 200)
    expect(stagesOf(run)).toEqual(['validation', 'soft', 'firm', 'final_contact', 'legal_review'])
    expect(
      actionsOf(run).find((a) => a.type === 'place_with_agency' && a.agency === 'counsel'),
    ).toMatchObject({
      day: 125,
      approval: true,
    })
    expect(run[125]?.ev).toBe(true)
  })

  it.each([
    ['time-barred', -10],
    ['about to be time-barred', 60],
    ['of unknown limitation', null],
  ])('never proposes a legal step for a debt %s', (_, daysUntilLimitation) => {
    const run = simulate(consumer, { ...debt, daysUntilLimitation }, 400)
    const legal = actionsOf(run).filter(
      (a) =>
        a.type === 'place_with_agency' ||
        (a.type === 'create_task' && a.task === 'approve_escalation') ||
        (a.type === 'produce_document' && a.document !== 'validation_notice'),
    )
    expect(legal).toEqual([])
    expect(actionsOf(run).some((a) => a.type === 'recommend_write_off')).toBe(true)
  })

  it('evaluates 100,000 synthetic accounts, twice, with a stable 90/10 split', () => {
    let seed = 42
    const next = (n: number) => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0
      return seed % n
    }
    const variants = new Map<string, number>()
    let validationFirst = 0
    for (let i = 0; i < 100_000; i++) {
      const f = facts({
        accountKey: `C-${i}`,
        daysPastDue: next(900),
        balanceMinor: next(2_000_000),
        daysUntilLimitation: next(10) === 0 ? null : next(3000) - 500,
        promiseState: next(5) === 0 ? 'open' : 'none',
        hasEmail: next(2) === 0,
      })
      const first = consumer.evaluate(f, null)
      const again = consumer.evaluate(f, first.state)
      if (again.actions.length > 0 || again.state !== first.state)
        throw new Error(`not idempotent for ${f.accountKey}`)
      if (first.actions[0]?.action.type === 'produce_document') validationFirst++
      variants.set(first.state.variant, (variants.get(first.state.variant) ?? 0) + 1)
    }
    expect(validationFirst).toBe(100_000)
    expect(Math.abs((variants.get('champion') ?? 0) / 100_000 - 0.9)).toBeLessThan(0.01)
  })
})
