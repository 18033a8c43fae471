import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { callFrequencyDecision } from '../../../src/core/compliance/call-frequency.ts'
import { CALL_FREQUENCY_PRESETS } from '../../../src/core/compliance/call-frequency-presets.ts'
import type { ComplianceDecision } from '../../../src/core/compliance/compliance-decision.ts'
import { contactWindowDecision } from '../../../src/core/compliance/contact-window.ts'
import { CONTACT_WINDOW_PRESETS } from '../../../src/core/compliance/contact-window-presets.ts'
import { type RuleCheck, strictestWins } from '../../../src/core/compliance/strictest-wins.ts'

const HOUR = 3_600_000

/** A rule that allows only the listed [from, to) hour ranges since the epoch of the test. */
function hoursRule(ruleId: string, ranges: [number, number][], base: number): RuleCheck {
  return (at) => {
    const hour = (Date.parse(at) - base) / HOUR
    if (ranges.some(([from, to]) => hour >= from && hour < to))
      return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
    const next = ranges
      .map(([from]) => from)
      .filter((from) => from > hour)
      .sort((a, b) => a - b)[0]
    const decision: ComplianceDecision = {
      outcome: 'block',
      reasons: [{ ruleId, citation: 'test', message: `${ruleId} blocks hour ${hour}` }],
      earliestAllowedAt: next === undefined ? null : new Date(base + next * HOUR).toISOString(),
    }
    return decision
  }
}

const BASE = Date.parse('2026-01-05T00:00:00Z')
const at = (hour: number) => new Date(BASE + hour * HOUR).toISOString()

describe('strictest wins', () => {
  it('allows only when every rule allows', () => {
    const a = hoursRule('a', [[0, 10]], BASE)
    const b = hoursRule('b', [[5, 20]], BASE)
    expect(strictestWins(at(6), [a, b]).outcome).toBe('allow')
    const blocked = strictestWins(at(2), [a, b])
    expect(blocked.outcome).toBe('block')
    expect(blocked.reasons.map((r) => r.ruleId)).toEqual(['b'])
    expect(blocked.earliestAllowedAt).toBe(at(5))
  })

  it('keeps searching when the time one rule opens is closed by another', () => {
    const a = hoursRule(
      'a',
      [
        [3, 4],
        [30, 40],
      ],
      BASE,
    )
    const b = hoursRule(
      'b',
      [
        [10, 20],
        [35, 50],
      ],
      BASE,
    )
    const decision = strictestWins(at(0), [a, b])
    expect(decision.reasons.map((r) => r.ruleId)).toEqual(['a', 'b'])
    expect(decision.earliestAllowedAt).toBe(at(35))
  })

  it('gives no time when a blocker knows none, or when the rules never overlap', () => {
    expect(strictestWins(at(0), [hoursRule('a', [], BASE)]).earliestAllowedAt).toBeNull()
    const disjoint = [
      hoursRule(
        'a',
        [
          [1, 2],
          [5, 6],
        ],
        BASE,
      ),
      hoursRule('b', [[3, 4]], BASE),
    ]
    expect(strictestWins(at(0), disjoint)).toMatchObject({ outcome: 'block', earliestAllowedAt: null })
  })

  it('combines real families: a call at 07:00 New York after 7 calls this week waits for both', () => {
    const window = (proposedAt: string) =>
      contactWindowDecision({
        ...CONTACT_WINDOW_PRESETS.usRegF,
        proposedAt,
        evidenceZones: ['America/New_York'],
      })
    const history = Array.from({ length: 7 }, (_, i) => ({
      at: `2026-03-0${2 + (i % 5)}T15:00:00Z`,
      debtIds: ['debt-1'],
      result: 'voicemail' as const,
    }))
    const frequency = (proposedAt: string) =>
      callFrequencyDecision({
        proposedAt,
        debtIds: ['debt-1'],
        history,
        timeZone: 'America/New_York',
        caps: [CALL_FREQUENCY_PRESETS.usRegF7In7, CALL_FREQUENCY_PRESETS.usRegFConversation],
      })
    const decision = strictestWins('2026-03-07T12:00:00Z', [window, frequency])
    expect(decision.outcome).toBe('block')
    expect(decision.reasons.map((r) => r.ruleId)).toEqual([
      'us.reg-f.inconvenient-time',
      'us.reg-f.call-frequency',
    ])
    // The two 2 March calls leave the 7-day window on 9 March; 08:00 that day is already daylight time.
    expect(decision.earliestAllowedAt).toBe('2026-03-09T12:00:00.000Z')
    const allowedAt = decision.earliestAllowedAt as string
    expect(window(allowedAt).outcome).toBe('allow')
    expect(frequency(allowedAt).outcome).toBe('allow')
  })

  it('property: the earliest allowed time is allowed by every rule and no earlier hour is', () => {
    const ranges = fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 12 })), {
      maxLength: 6,
    })
    fc.assert(
      fc.property(
        fc.array(ranges, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 100 }),
        (rules, start) => {
          const checks = rules.map((r, i) =>
            hoursRule(
              `r${i}`,
              r
                .map(([from, length]) => [from, from + length] as [number, number])
                .sort((x, y) => x[0] - y[0]),
              BASE,
            ),
          )
          const decision = strictestWins(at(start), checks)
          const allowedAt = (hour: number) => checks.every((check) => check(at(hour)).outcome === 'allow')
          if (decision.outcome === 'allow') {
            expect(allowedAt(start)).toBe(true)
            return
          }
          expect(allowedAt(start)).toBe(false)
          if (decision.earliestAllowedAt !== null) {
            const hour = (Date.parse(decision.earliestAllowedAt) - BASE) / HOUR
            expect(allowedAt(hour)).toBe(true)
            for (let h = start; h < hour; h++) expect(allowedAt(h)).toBe(false)
          }
        },
      ),
    )
  })
})
