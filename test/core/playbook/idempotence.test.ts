import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AccountFacts, StrategyState } from '../../../src/core/playbook/account-facts.ts'
import { compilePlaybook } from '../../../src/core/playbook/compile-playbook.ts'
import { loadDefaultPlaybooks } from '../../../src/playbook/default-playbooks.ts'
import { arbitraryFacts, ladder } from './playbook-fixtures.ts'

const playbooks = [compilePlaybook(ladder), ...loadDefaultPlaybooks().map(compilePlaybook)]

/** A few earlier days of the same account with drifting facts, so the state is a realistic one. */
const history = fc.array(
  fc.record({
    gap: fc.integer({ min: 0, max: 40 }),
    change: fc.record(
      {
        balanceMinor: fc.integer({ min: -10, max: 900_000 }),
        promiseState: fc.constantFrom('none' as const, 'open' as const, 'broken' as const),
        disputeState: fc.constantFrom('none' as const, 'open' as const, 'resolved_for_creditor' as const),
        planState: fc.constantFrom('none' as const, 'active' as const, 'broken' as const),
        daysUntilLimitation: fc.option(fc.integer({ min: -100, max: 900 })),
      },
      { requiredKeys: [] },
    ),
  }),
  { maxLength: 8 },
)

function shift(f: AccountFacts, days: number, change: Partial<AccountFacts>): AccountFacts {
  const asOf = new Date(Date.parse(f.asOf) + days * 86_400_000).toISOString().slice(0, 10)
  return { ...f, ...change, asOf, daysPastDue: f.daysPastDue + days }
}

describe('evaluation is idempotent within a day', () => {
  it.each(playbooks.map((p) => [p.id, p] as const))(
    '%s: re-evaluating with the returned state changes nothing',
    (_, p) => {
      fc.assert(
        fc.property(arbitraryFacts, history, (start, days) => {
          let f = start
          let state: StrategyState | null = null
          for (const day of days) {
            state = p.evaluate(f, state).state
            f = shift(f, day.gap, day.change)
          }
          const first = p.evaluate(f, state)
          const second = p.evaluate(f, first.state)
          expect(second.actions).toEqual([])
          expect(second.stageChanged).toBe(false)
          expect(second.state).toBe(first.state)
          expect(first.trace.variant).toBe(first.state.variant)
        }),
        { numRuns: 300 },
      )
    },
  )
})
