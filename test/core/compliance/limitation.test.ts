import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, dayNumber, fromDayNumber } from '../../../src/core/calendar/local-date.ts'
import {
  type LimitationEvent,
  type LimitationInput,
  type LimitationRule,
  limitationEndsOn,
  timeBarredDecision,
  US_REG_F_TIME_BARRED,
} from '../../../src/core/compliance/limitation.ts'
import {
  LIMITATION_PRESETS,
  type LimitationPresetName,
} from '../../../src/core/compliance/limitation-presets.ts'

const ends = (name: LimitationPresetName, accrualOn: string, events: LimitationEvent[] = []) => {
  const preset = LIMITATION_PRESETS[name]
  return limitationEndsOn({ accrualOn, rule: preset, events, exclusions: preset.exclusions })
}
const ack = (on: string, writtenEvidence = true): LimitationEvent => ({
  on,
  kind: 'acknowledgment',
  writtenEvidence,
})
const pay = (on: string, writtenEvidence = true): LimitationEvent => ({
  on,
  kind: 'part_payment',
  writtenEvidence,
})

describe('limitationEndsOn: presets', () => {
  it.each<[string, LimitationPresetName, string, LimitationEvent[], string, boolean]>([
    // [case, preset, accrualOn, events, endsOn, restarted]
    ['MA plain expiry', 'usMassachusetts', '2019-03-10', [], '2025-03-10', false],
    ['MA leap-day accrual', 'usMassachusetts', '2020-02-29', [], '2026-02-28', false],
    ['CA plain expiry', 'usCalifornia', '2020-06-30', [], '2024-06-30', false],
    ['CA leap-day accrual onto a leap year', 'usCalifornia', '2020-02-29', [], '2024-02-29', false],
    ['NY plain expiry', 'usNewYork', '2021-01-15', [], '2024-01-15', false],
    ['NY leap-day accrual', 'usNewYork', '2020-02-29', [], '2023-02-28', false],
    [
      'NY payment after expiry does not revive',
      'usNewYork',
      '2021-01-15',
      [pay('2024-02-01')],
      '2024-01-15',
      false,
    ],
    [
      'NY payment before expiry does not restart',
      'usNewYork',
      '2021-01-15',
      [pay('2023-01-01')],
      '2024-01-15',
      false,
    ],
    ['TX plain expiry', 'usTexas', '2018-05-01', [], '2022-05-01', false],
    [
      'TX payment after expiry does not revive',
      'usTexas',
      '2018-05-01',
      [pay('2023-01-10')],
      '2022-05-01',
      false,
    ],
    ['TX acknowledgment does not restart', 'usTexas', '2018-05-01', [ack('2021-05-01')], '2022-05-01', false],
    ['FL written contract', 'usFloridaWritten', '2019-01-31', [], '2024-01-31', false],
    ['FL open account', 'usFloridaOpenAccount', '2019-01-31', [], '2023-01-31', false],
    ['FL leap-day accrual', 'usFloridaOpenAccount', '2016-02-29', [], '2020-02-29', false],
    ['India plain expiry', 'india', '2015-01-10', [], '2018-01-10', false],
    ['India leap-day accrual', 'india', '2016-02-29', [], '2019-02-28', false],
    // Fresh period from 1 Dec 2017 would end 1 Dec 2020, inside the COVID exclusion: 262 days were left
    // on 15 Mar 2020, counted again from 1 Mar 2022.
    [
      'India written acknowledgment before expiry',
      'india',
      '2015-01-10',
      [ack('2017-12-01')],
      '2022-11-17',
      true,
    ],
    ['India acknowledgment on the last day', 'india', '2014-01-10', [ack('2017-01-10')], '2020-01-10', true],
    ['India acknowledgment after expiry', 'india', '2015-01-10', [ack('2018-01-11')], '2018-01-10', false],
    [
      'India oral acknowledgment ignored',
      'india',
      '2014-01-10',
      [ack('2016-06-01', false)],
      '2017-01-10',
      false,
    ],
    [
      'India unwritten part payment ignored',
      'india',
      '2014-01-10',
      [pay('2016-06-01', false)],
      '2017-01-10',
      false,
    ],
    ['India written part payment', 'india', '2014-01-10', [pay('2016-06-01')], '2019-06-01', true],
    // COVID exclusion: all 716 days (15 Mar 2020 - 28 Feb 2022) fall inside the period.
    ['India COVID exclusion, whole overlap', 'india', '2019-06-01', [], '2024-05-17', false],
    // Accrual inside the exclusion: the clock effectively starts after 28 Feb 2022.
    ['India COVID exclusion, accrual inside', 'india', '2021-06-01', [], '2025-02-28', false],
    ['India period ending before COVID', 'india', '2016-03-14', [], '2019-03-14', false],
    ['UK plain expiry', 'unitedKingdom', '2015-04-01', [], '2021-04-01', false],
    ['UK leap-day accrual', 'unitedKingdom', '2016-02-29', [], '2022-02-28', false],
    [
      'UK part payment before expiry (no writing needed)',
      'unitedKingdom',
      '2015-04-01',
      [pay('2021-03-31', false)],
      '2027-03-31',
      true,
    ],
    ['UK part payment after expiry', 'unitedKingdom', '2015-04-01', [pay('2021-04-02')], '2021-04-01', false],
    [
      'UK written acknowledgment before expiry',
      'unitedKingdom',
      '2015-04-01',
      [ack('2020-01-01')],
      '2026-01-01',
      true,
    ],
    [
      'UK oral acknowledgment ignored',
      'unitedKingdom',
      '2015-04-01',
      [ack('2020-01-01', false)],
      '2021-04-01',
      false,
    ],
    // Two events: the second restarts the fresh period started by the first.
    [
      'UK chained part payments',
      'unitedKingdom',
      '2010-01-01',
      [pay('2019-01-01'), pay('2015-06-01')],
      '2025-01-01',
      true,
    ],
  ])('%s', (_, name, accrualOn, events, endsOn, restarted) => {
    const result = ends(name, accrualOn, events)
    expect(result.endsOn).toBe(endsOn)
    expect(result.restartedBy !== null).toBe(restarted)
    expect(result.ruleId).toBe(LIMITATION_PRESETS[name].ruleId)
    expect(result.trace.length).toBe(1 + events.length)
  })

  it('names the restarting event and explains ignored ones', () => {
    const result = ends('india', '2015-01-10', [ack('2016-01-01', false), ack('2017-12-01')])
    expect(result.restartedBy).toEqual(ack('2017-12-01'))
    expect(result.trace[1]).toContain('written evidence')
    expect(result.trace[2]).toContain('2022-11-17')
  })

  it("revives an expired period under 'any_time'", () => {
    const rule: LimitationRule = { ruleId: 'x', citation: 'c', years: 4, revival: 'any_time' }
    const result = limitationEndsOn({ accrualOn: '2010-01-01', rule, events: [pay('2020-05-05', false)] })
    expect(result.endsOn).toBe('2024-05-05')
  })

  it('counts overlapping exclusions once', () => {
    const rule: LimitationRule = { ruleId: 'x', citation: 'c', years: 1, revival: 'none' }
    const exclusions = [
      { from: '2021-03-01', to: '2021-03-10' },
      { from: '2021-03-05', to: '2021-03-12' },
    ]
    expect(limitationEndsOn({ accrualOn: '2021-01-01', rule, exclusions }).endsOn).toBe('2022-01-13')
  })

  it.each<[string, Partial<LimitationInput> & { rule?: LimitationRule }, string]>([
    ['bad accrual date', { accrualOn: '2021-02-30' }, 'invalid_date'],
    [
      'zero years',
      { rule: { ruleId: 'x', citation: 'c', years: 0, revival: 'none' } },
      'invalid_limitation_years',
    ],
    ['reversed exclusion', { exclusions: [{ from: '2021-02-02', to: '2021-02-01' }] }, 'invalid_exclusion'],
    ['bad event date', { events: [ack('2021-1-5')] }, 'invalid_date'],
  ])('rejects %s', (_, patch, code) => {
    const input: LimitationInput = { accrualOn: '2020-01-01', rule: LIMITATION_PRESETS.usTexas, ...patch }
    expect(() => limitationEndsOn(input)).toThrow(expect.objectContaining({ code }))
  })
})

describe('timeBarredDecision', () => {
  const limitation = ends('usNewYork', '2021-01-15')

  it.each<['suit' | 'threat_of_suit' | 'contact', string, 'allow' | 'block']>([
    ['suit', '2024-01-15', 'allow'],
    ['suit', '2024-01-16', 'block'],
    ['threat_of_suit', '2024-01-15', 'allow'],
    ['threat_of_suit', '2024-01-16', 'block'],
    ['contact', '2024-01-16', 'allow'],
    ['contact', '2030-01-01', 'allow'],
  ])('%s on %s: %s', (actionKind, asOf, outcome) => {
    const decision = timeBarredDecision({ actionKind, asOf, limitation })
    expect(decision.outcome).toBe(outcome)
    expect(decision.earliestAllowedAt).toBeNull()
    if (outcome === 'allow') expect(decision.reasons).toEqual([])
  })

  it('gives the rule, citation and end date, plus the prohibition when asked', () => {
    const decision = timeBarredDecision({
      actionKind: 'threat_of_suit',
      asOf: '2024-02-01',
      inputs: { accrualOn: '2021-01-15', rule: LIMITATION_PRESETS.usNewYork },
      prohibition: US_REG_F_TIME_BARRED,
    })
    expect(decision.reasons.map((r) => [r.ruleId, r.citation])).toEqual([
      ['us-ny.limitation.consumer-credit', 'CPLR 214-i'],
      ['us.reg-f.time-barred-debt', '12 CFR 1006.26(b)'],
    ])
    expect(decision.reasons[0]?.message).toContain('2024-01-15')
    expect(decision.reasons[0]?.message).toContain('threat of suit')
  })

  it('rejects a bad as-of date', () => {
    expect(() => timeBarredDecision({ actionKind: 'suit', asOf: '2024-13-01', limitation })).toThrow(
      expect.objectContaining({ code: 'invalid_date' }),
    )
  })
})

describe('limitationEndsOn: properties', () => {
  const names = Object.keys(LIMITATION_PRESETS) as LimitationPresetName[]
  const day = fc.integer({ min: dayNumber('1990-01-01'), max: dayNumber('2040-12-31') })
  const event = fc.record({
    on: day.map(fromDayNumber),
    kind: fc.constantFrom<LimitationEvent['kind']>('acknowledgment', 'part_payment'),
    writtenEvidence: fc.boolean(),
  })
  const revival = fc.constantFrom<LimitationRule['revival']>('none', 'before_expiry', 'any_time')

  it('endsOn is monotone in accrualOn (every preset, with its exclusions)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), day, fc.integer({ min: 0, max: 800 }), (name, a, gap) => {
        const earlier = ends(name, fromDayNumber(a)).endsOn
        const later = ends(name, fromDayNumber(a + gap)).endsOn
        expect(dayNumber(earlier)).toBeLessThanOrEqual(dayNumber(later))
      }),
      { numRuns: 500 },
    )
  })

  it("with revival 'none' events never change endsOn", () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), day, fc.array(event, { maxLength: 5 }), (name, a, events) => {
        const rule = { ...LIMITATION_PRESETS[name], revival: 'none' as const }
        const accrualOn = fromDayNumber(a)
        const plain = limitationEndsOn({ accrualOn, rule, exclusions: rule.exclusions })
        const withEvents = limitationEndsOn({ accrualOn, rule, events, exclusions: rule.exclusions })
        expect(withEvents.endsOn).toBe(plain.endsOn)
        expect(withEvents.restartedBy).toBeNull()
      }),
    )
  })

  it('events never shorten the period, and a restart always lengthens it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        revival,
        day,
        fc.array(event, { maxLength: 5 }),
        (name, rev, a, events) => {
          const rule = { ...LIMITATION_PRESETS[name], revival: rev }
          const accrualOn = fromDayNumber(a)
          const plain = limitationEndsOn({ accrualOn, rule, exclusions: rule.exclusions })
          const result = limitationEndsOn({ accrualOn, rule, events, exclusions: rule.exclusions })
          expect(dayNumber(result.endsOn)).toBeGreaterThanOrEqual(dayNumber(plain.endsOn))
          if (result.restartedBy) expect(dayNumber(result.endsOn)).toBeGreaterThan(dayNumber(plain.endsOn))
        },
      ),
    )
  })

  it('a qualifying event on the last day restarts the period', () => {
    fc.assert(
      fc.property(day, (a) => {
        const { endsOn } = ends('unitedKingdom', fromDayNumber(a))
        const revived = ends('unitedKingdom', fromDayNumber(a), [pay(endsOn)])
        expect(revived.restartedBy?.on).toBe(endsOn)
        const late = ends('unitedKingdom', fromDayNumber(a), [pay(addDays(endsOn, 1))])
        expect(late.endsOn).toBe(endsOn)
      }),
    )
  })
})
