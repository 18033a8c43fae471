import { describe, expect, it } from 'vitest'
import {
  keptRate,
  monthWindows,
  refusalsByRule,
  trailingDays,
} from '../../../src/core/analytics/dashboard-figures.ts'

const block = (...rules: string[]) =>
  JSON.stringify({ outcome: 'block', reasons: rules.map((ruleId) => ({ ruleId, message: 'x' })), packs: [] })

describe('dashboard figures', () => {
  it.each([
    ['2026-03-15', { from: '2026-03-01', to: '2026-03-15' }, { from: '2026-02-01', to: '2026-02-28' }],
    ['2026-01-01', { from: '2026-01-01', to: '2026-01-01' }, { from: '2025-12-01', to: '2025-12-31' }],
    ['2024-03-31', { from: '2024-03-01', to: '2024-03-31' }, { from: '2024-02-01', to: '2024-02-29' }],
  ])('months of %s', (asOf, thisMonth, lastMonth) => {
    expect(monthWindows(asOf)).toEqual({ thisMonth, lastMonth })
  })

  it('counts trailing windows with both ends included', () => {
    expect(trailingDays('2026-03-15', 90)).toEqual({ from: '2025-12-16', to: '2026-03-15' })
    expect(trailingDays('2026-03-15', 1)).toEqual({ from: '2026-03-15', to: '2026-03-15' })
  })

  it.each([
    [3, 1, 0.75],
    [0, 0, null],
    [1, 2, 0.3333],
    [0, 4, 0],
  ])('kept %i broken %i: %s', (kept, broken, rate) => {
    expect(keptRate(kept, broken)).toBe(rate)
  })

  it('counts refusals per rule, each rule once per refusal, most first, allows and junk ignored', () => {
    const result = refusalsByRule(
      [block('a', 'b'), block('a', 'a'), '{"outcome":"allow","reasons":[]}', 'not json', block()],
      [block('b'), block('c')],
    )
    expect(result.refused).toBe(4)
    expect(result.byRule).toEqual([
      { ruleId: 'a', atDecision: 2, atSend: 0, total: 2 },
      { ruleId: 'b', atDecision: 1, atSend: 1, total: 2 },
      { ruleId: 'c', atDecision: 0, atSend: 1, total: 1 },
    ])
  })
})
