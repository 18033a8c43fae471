import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type InboundContact,
  type InconvenientTime,
  type StatedInconvenienceInput,
  statedInconvenienceDecision,
  wallClockInstant,
} from '../../../src/core/compliance/stated-inconvenience.ts'
import { zoneOffsetAt } from '../../../src/core/compliance/zone-offsets.ts'

const NY = 'America/New_York'
const LA = 'America/Los_Angeles'
const LONDON = 'Europe/London'
const STATED = '2026-01-01T00:00:00Z'
const nights: InconvenientTime = { statedAt: STATED, from: '21:00', to: '08:00' }

const decide = (proposedAt: string, times: InconvenientTime[], zones = [NY], extra = {}) =>
  statedInconvenienceDecision({ proposedAt, channel: 'call', evidenceZones: zones, times, ...extra })

describe('statedInconvenienceDecision: times', () => {
  it.each([
    // 21:00-08:00 stated for every day, New York (EDT, UTC-4): from inclusive, to exclusive.
    ['07:59:59 blocked', '2026-06-15T11:59:59Z', [nights], [NY], '2026-06-15T12:00:00.000Z'],
    ['08:00:00 allowed', '2026-06-15T12:00:00Z', [nights], [NY], 'allow'],
    ['20:59:59 allowed', '2026-06-16T00:59:59Z', [nights], [NY], 'allow'],
    ['21:00:00 blocked', '2026-06-16T01:00:00Z', [nights], [NY], '2026-06-16T12:00:00.000Z'],
    // Spring forward (Sun 8 Mar 2026): the range ends at 08:00 EDT; fall back (Sun 1 Nov): 08:00 EST.
    ['spring 00:00 EST', '2026-03-08T05:00:00Z', [nights], [NY], '2026-03-08T12:00:00.000Z'],
    ['fall 00:00 EDT', '2026-11-01T04:00:00Z', [nights], [NY], '2026-11-01T13:00:00.000Z'],
    ['London spring 00:30 GMT', '2026-03-29T00:30:00Z', [nights], [LONDON], '2026-03-29T07:00:00.000Z'],
    ['London fall 07:30 GMT', '2026-10-25T07:30:00Z', [nights], [LONDON], '2026-10-25T08:00:00.000Z'],
    // An end that does not exist (02:30 on spring-forward day) is reached at the change, 03:00 EDT.
    [
      'gap end',
      '2026-03-08T06:30:00Z',
      [{ statedAt: STATED, from: '01:00', to: '02:30' }],
      [NY],
      '2026-03-08T07:00:00.000Z',
    ],
    // A repeated end (01:30 on fall-back day): the first pass ends at 01:30 EDT, the second at 01:30 EST.
    [
      'repeat, 1st pass',
      '2026-11-01T05:00:00Z',
      [{ statedAt: STATED, from: '00:30', to: '01:30' }],
      [NY],
      '2026-11-01T05:30:00.000Z',
    ],
    [
      'repeat, 2nd pass',
      '2026-11-01T06:10:00Z',
      [{ statedAt: STATED, from: '00:30', to: '01:30' }],
      [NY],
      '2026-11-01T06:30:00.000Z',
    ],
    // Weekdays: Monday 15 June 2026 09:00-17:00 only.
    [
      'Mon 09:00',
      '2026-06-15T13:00:00Z',
      [{ statedAt: STATED, weekdays: [1], from: '09:00', to: '17:00' }],
      [NY],
      '2026-06-15T21:00:00.000Z',
    ],
    [
      'Mon 08:59:59',
      '2026-06-15T12:59:59Z',
      [{ statedAt: STATED, weekdays: [1], from: '09:00', to: '17:00' }],
      [NY],
      'allow',
    ],
    [
      'Tue 09:00',
      '2026-06-16T13:00:00Z',
      [{ statedAt: STATED, weekdays: [1], from: '09:00', to: '17:00' }],
      [NY],
      'allow',
    ],
    // An overnight range belongs to the day it starts: Friday 18:00 to Saturday 09:00.
    [
      'Sat 08:00 after Fri',
      '2026-06-20T12:00:00Z',
      [{ statedAt: STATED, weekdays: [5], from: '18:00', to: '09:00' }],
      [NY],
      '2026-06-20T13:00:00.000Z',
    ],
    [
      'Sat 18:00',
      '2026-06-20T22:00:00Z',
      [{ statedAt: STATED, weekdays: [5], from: '18:00', to: '09:00' }],
      [NY],
      'allow',
    ],
    // Equal times: a whole day. Sundays (7) all day ends at Monday 00:00 EDT.
    [
      'Sunday all day',
      '2026-06-21T15:00:00Z',
      [{ statedAt: STATED, weekdays: [7], from: '00:00', to: '00:00' }],
      [NY],
      '2026-06-22T04:00:00.000Z',
    ],
    // Any zone: 09:00 ET is 06:00 PT, inside the Pacific night; allowed at 08:00 PT.
    ['ET+PT', '2026-06-15T13:00:00Z', [nights], [NY, LA], '2026-06-15T15:00:00.000Z'],
    // Adjacent ranges chain: the night ends at 08:00 Tuesday, then 08:00-10:00 Tuesdays.
    [
      'chained',
      '2026-06-16T03:00:00Z',
      [nights, { statedAt: STATED, weekdays: [2], from: '08:00', to: '10:00' }],
      [NY],
      '2026-06-16T14:00:00.000Z',
    ],
    // Statements bind from statedAt, inclusive.
    [
      'stated later',
      '2026-06-15T02:00:00Z',
      [{ ...nights, statedAt: '2026-06-15T02:00:01Z' }],
      [NY],
      'allow',
    ],
    [
      'stated at that instant',
      '2026-06-15T02:00:00Z',
      [{ ...nights, statedAt: '2026-06-15T02:00:00Z' }],
      [NY],
      '2026-06-15T12:00:00.000Z',
    ],
    // Every hour of every day: nothing to wait for.
    ['always', '2026-06-15T02:00:00Z', [{ statedAt: STATED, from: '00:00', to: '00:00' }], [NY], null],
    // No zone or an unknown zone while a time is stated: blocked with no time.
    ['no zones', '2026-06-15T16:00:00Z', [nights], [], null],
    ['unknown zone', '2026-06-15T16:00:00Z', [nights], ['Mars/Olympus'], null],
    ['no statements, no zones', '2026-06-15T16:00:00Z', [], [], 'allow'],
  ] as const)('%s', (_name, proposedAt, times, zones, expected) => {
    const decision = decide(proposedAt, [...times], [...zones])
    if (expected === 'allow') {
      expect(decision).toEqual({ outcome: 'allow', reasons: [], earliestAllowedAt: null })
    } else {
      expect(decision.outcome).toBe('block')
      expect(decision.earliestAllowedAt).toBe(expected)
      expect(decision.reasons[0]).toMatchObject({ ruleId: 'us.reg-f.stated-inconvenient-time' })
    }
  })

  it('names the stated range and the zone', () => {
    const [reason] = decide('2026-06-15T13:00:00Z', [nights], [NY, LA]).reasons
    expect(reason?.message).toBe(`the consumer said 21:00-08:00 every day is inconvenient (${LA})`)
    expect(reason?.citation).toBe('12 CFR 1006.6(b)(1); 15 USC 1692c(a)(1)')
  })

  it.each([
    [{ statedAt: STATED, from: '24:00', to: '08:00' }, /times\[0\]\.from "24:00" is not HH:MM/],
    [{ statedAt: STATED, from: '9:00', to: '08:00' }, /is not HH:MM/],
    [{ statedAt: STATED, weekdays: [0], from: '09:00', to: '10:00' }, /weekdays has 0/],
    [{ statedAt: STATED, weekdays: [], from: '09:00', to: '10:00' }, /weekdays is empty/],
  ])('rejects %j', (time, message) => {
    expect(() => decide('2026-06-15T13:00:00Z', [time])).toThrow(
      expect.objectContaining({ code: 'invalid_inconvenient_time', message: expect.stringMatching(message) }),
    )
  })

  it('rejects a malformed instant', () => {
    expect(() => decide('2026-06-15 13:00', [nights])).toThrow(
      expect.objectContaining({ code: 'invalid_instant' }),
    )
    expect(() => decide('2026-06-15T13:00:00Z', [{ ...nights, statedAt: 'yesterday' }])).toThrow(
      expect.objectContaining({ code: 'invalid_instant' }),
    )
  })
})

describe('statedInconvenienceDecision: places and the one response', () => {
  const work = { place: 'work' as const, statedAt: STATED }
  const base: StatedInconvenienceInput = {
    proposedAt: '2026-06-16T02:30:00Z',
    channel: 'call',
    evidenceZones: [NY],
    times: [nights],
  }
  const call: InboundContact = { at: '2026-06-16T02:00:00Z', channel: 'call', responsesSent: 0 }

  it.each([
    [
      'work contact, work stated',
      { proposedAt: '2026-06-15T16:00:00Z', place: 'work', places: [work] },
      'block',
    ],
    [
      'home contact, work stated',
      { proposedAt: '2026-06-15T16:00:00Z', place: 'home', places: [work] },
      'allow',
    ],
    ['no place', { proposedAt: '2026-06-15T16:00:00Z', place: null, places: [work] }, 'allow'],
    [
      'stated later',
      {
        proposedAt: '2026-06-15T16:00:00Z',
        place: 'work',
        places: [{ ...work, statedAt: '2026-07-01T00:00:00Z' }],
      },
      'allow',
    ],
    ['answer same medium in 30 min', { inbound: call }, 'allow'],
    ['answer at exactly 60 min', { proposedAt: '2026-06-16T03:00:00Z', inbound: call }, 'allow'],
    ['answer at 60 min 1 s', { proposedAt: '2026-06-16T03:00:01Z', inbound: call }, 'block'],
    ['answer by another medium', { channel: 'sms', inbound: call }, 'block'],
    ['second answer', { inbound: { ...call, responsesSent: 1 } }, 'block'],
    ['answer before the inbound', { proposedAt: '2026-06-16T01:59:00Z', inbound: call }, 'block'],
    ['inbound at a convenient time', { inbound: { ...call, at: '2026-06-16T00:45:00Z' } }, 'block'],
    [
      'answer to the stated place',
      {
        proposedAt: '2026-06-15T16:10:00Z',
        place: 'work',
        places: [work],
        inbound: { ...call, at: '2026-06-15T16:00:00Z', place: 'work' },
      },
      'allow',
    ],
  ] as const)('%s', (_name, extra, expected) => {
    const decision = statedInconvenienceDecision({ ...base, ...extra })
    expect(decision.outcome).toBe(expected)
    if (expected === 'block' && 'places' in extra) {
      expect(decision.earliestAllowedAt).toBeNull()
      expect(decision.reasons.map((r) => r.ruleId)).toContain('us.reg-f.stated-inconvenient-place')
    }
  })
})

describe('statedInconvenienceDecision: properties', () => {
  const zones = [NY, LA, LONDON, 'Asia/Kolkata', 'Pacific/Auckland', 'Australia/Lord_Howe']
  const hhmm = fc
    .integer({ min: 0, max: 95 })
    .map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`)
  const range = fc.record({
    statedAt: fc.constant(STATED),
    weekdays: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 6 }), {
      nil: undefined,
    }),
    from: hhmm,
    to: hhmm,
  })
  // 2026 and 2027, covering both hemispheres' DST changes.
  const instant = fc.integer({ min: Date.UTC(2026, 0, 2), max: Date.UTC(2027, 11, 31) })

  it('earliestAllowedAt is allowed, and the millisecond before it is not', () => {
    fc.assert(
      fc.property(
        fc.array(range, { minLength: 1, maxLength: 3 }),
        fc.subarray(zones, { minLength: 1, maxLength: 3 }),
        instant,
        (times, evidenceZones, at) => {
          const d = decide(new Date(at).toISOString(), times, evidenceZones)
          if (d.outcome === 'allow' || d.earliestAllowedAt === null) return
          const earliest = Date.parse(d.earliestAllowedAt)
          expect(earliest).toBeGreaterThan(at)
          expect(decide(d.earliestAllowedAt, times, evidenceZones).outcome).toBe('allow')
          expect(decide(new Date(earliest - 1).toISOString(), times, evidenceZones).outcome).toBe('block')
        },
      ),
      { numRuns: 500 },
    )
  })

  it('adding a statement or a zone never turns a block into an allow', () => {
    fc.assert(
      fc.property(
        fc.array(range, { maxLength: 2 }),
        range,
        fc.constantFrom(...zones),
        instant,
        (times, extra, zone, at) => {
          const proposedAt = new Date(at).toISOString()
          if (decide(proposedAt, times, [NY]).outcome === 'allow') return
          expect(decide(proposedAt, [...times, extra], [NY]).outcome).toBe('block')
          expect(decide(proposedAt, times, [NY, zone]).outcome).toBe('block')
        },
      ),
    )
  })

  it('wallClockInstant lands on the wall time, or on the change that skips it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, at) => {
        const wall = Math.floor(at / 60_000) * 60_000
        const t = wallClockInstant(zone, wall, Number.NEGATIVE_INFINITY)
        const shows = (instant: number) => instant + zoneOffsetAt(zone, instant)
        if (shows(t) !== wall) {
          expect(shows(t)).toBeGreaterThan(wall)
          expect(shows(t - 1)).toBeLessThan(wall)
        }
        expect(wallClockInstant(zone, wall, t)).toBeGreaterThan(t)
      }),
    )
  })
})
