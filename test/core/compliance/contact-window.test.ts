import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ContactWindow, contactWindowDecision } from '../../../src/core/compliance/contact-window.ts'
import { CONTACT_WINDOW_PRESETS } from '../../../src/core/compliance/contact-window-presets.ts'
import { zoneOffsetAt } from '../../../src/core/compliance/zone-offsets.ts'

const { usRegF, indiaRbi, ukDefault } = CONTACT_WINDOW_PRESETS
const NY = 'America/New_York'
const LA = 'America/Los_Angeles'
const DENVER = 'America/Denver'
const LONDON = 'Europe/London'

const decide = (proposedAt: string, evidenceZones: string[], rule: { window: ContactWindow } = usRegF) =>
  contactWindowDecision({ ...usRegF, ...rule, proposedAt, evidenceZones })

/** Independent oracle: the local wall-clock milliseconds of the day, straight from Intl. */
const oracleFormats = new Map<string, Intl.DateTimeFormat>()
function wallMsOfDay(zone: string, instant: number): number {
  let format = oracleFormats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    oracleFormats.set(zone, format)
  }
  const [h, m, s] = format.format(instant).split(':').map(Number)
  return ((h! * 60 + m!) * 60 + s!) * 1000 + (((instant % 1000) + 1000) % 1000)
}
const hhmm = (text: string) => (Number(text.slice(0, 2)) * 60 + Number(text.slice(3))) * 60_000
function oracleInside(zone: string, instant: number, window: ContactWindow): boolean {
  const [time, start, end] = [wallMsOfDay(zone, instant), hhmm(window.start), hhmm(window.end)]
  return start < end ? time >= start && time < end : time >= start || time < end
}

describe('contactWindowDecision: boundaries and catalogue examples', () => {
  it.each([
    // Reg F 08:00-21:00 in New York (EDT, UTC-4), start inclusive, end exclusive.
    ['07:59:59 blocked', '2026-06-15T11:59:59Z', [NY], usRegF, '2026-06-15T12:00:00.000Z'],
    ['08:00:00 allowed', '2026-06-15T12:00:00Z', [NY], usRegF, 'allow'],
    ['20:59:59 allowed', '2026-06-16T00:59:59Z', [NY], usRegF, 'allow'],
    ['21:00:00 blocked', '2026-06-16T01:00:00Z', [NY], usRegF, '2026-06-16T12:00:00.000Z'],
    ['offset input', '2026-06-15T07:59:59.999-04:00', [NY], usRegF, '2026-06-15T12:00:00.000Z'],
    // Official interpretation: Eastern mobile + Pacific address → 11:00-21:00 ET.
    ['ET+PT 10:59 ET', '2026-06-15T14:59:00Z', [NY, LA], usRegF, '2026-06-15T15:00:00.000Z'],
    ['ET+PT 11:00 ET', '2026-06-15T15:00:00Z', [LA, NY], usRegF, 'allow'],
    ['ET+PT 20:59 ET', '2026-06-16T00:59:00Z', [NY, LA], usRegF, 'allow'],
    ['ET+PT 21:00 ET', '2026-06-16T01:00:00Z', [NY, LA], usRegF, '2026-06-16T15:00:00.000Z'],
    // Eastern mobile + Mountain landline → 10:00-21:00 ET.
    ['ET+MT 09:59 ET', '2026-01-15T14:59:59Z', [NY, DENVER], usRegF, '2026-01-15T15:00:00.000Z'],
    ['ET+MT 10:00 ET', '2026-01-15T15:00:00Z', [NY, DENVER], usRegF, 'allow'],
    // India RBI 08:00-19:00 IST (UTC+5:30).
    ['IN 18:59:59', '2026-02-02T13:29:59Z', ['Asia/Kolkata'], indiaRbi, 'allow'],
    ['IN 19:00:00', '2026-02-02T13:30:00Z', ['Asia/Kolkata'], indiaRbi, '2026-02-03T02:30:00.000Z'],
    // New York spring forward, Sun 8 Mar 2026: that day's 08:00 is EDT (12:00Z), not EST (13:00Z).
    ['NY spring 00:00 EST', '2026-03-08T05:00:00Z', [NY], usRegF, '2026-03-08T12:00:00.000Z'],
    ['NY spring 07:59:59 EDT', '2026-03-08T11:59:59Z', [NY], usRegF, '2026-03-08T12:00:00.000Z'],
    ['NY spring 20:59:59 EDT', '2026-03-09T00:59:59Z', [NY], usRegF, 'allow'],
    ['NY spring 21:00 EDT', '2026-03-09T01:00:00Z', [NY], usRegF, '2026-03-09T12:00:00.000Z'],
    ['NY eve of spring 21:00 EST', '2026-03-08T02:00:00Z', [NY], usRegF, '2026-03-08T12:00:00.000Z'],
    // New York fall back, Sun 1 Nov 2026: that day's 08:00 is EST (13:00Z).
    ['NY fall 00:00 EDT', '2026-11-01T04:00:00Z', [NY], usRegF, '2026-11-01T13:00:00.000Z'],
    ['NY fall 07:30 EST', '2026-11-01T12:30:00Z', [NY], usRegF, '2026-11-01T13:00:00.000Z'],
    ['NY fall 20:59:59 EST', '2026-11-02T01:59:59Z', [NY], usRegF, 'allow'],
    ['NY fall 21:00 EST', '2026-11-02T02:00:00Z', [NY], usRegF, '2026-11-02T13:00:00.000Z'],
    // London spring forward, Sun 29 Mar 2026 (08:00 BST = 07:00Z); fall back Sun 25 Oct 2026.
    ['LON spring 00:00 GMT', '2026-03-29T00:00:00Z', [LONDON], ukDefault, '2026-03-29T07:00:00.000Z'],
    ['LON spring 20:59:59 BST', '2026-03-29T19:59:59Z', [LONDON], ukDefault, 'allow'],
    ['LON spring 21:00 BST', '2026-03-29T20:00:00Z', [LONDON], ukDefault, '2026-03-30T07:00:00.000Z'],
    ['LON fall 00:00 BST', '2026-10-24T23:00:00Z', [LONDON], ukDefault, '2026-10-25T08:00:00.000Z'],
    ['LON fall 07:59:59 GMT', '2026-10-25T07:59:59Z', [LONDON], ukDefault, '2026-10-25T08:00:00.000Z'],
    ['LON fall 21:00 GMT', '2026-10-25T21:00:00Z', [LONDON], ukDefault, '2026-10-26T08:00:00.000Z'],
    // Start times that do not exist (02:30 on spring-forward day) open at the change, 03:00 EDT;
    // start times that repeat (01:30 on fall-back day) open at their first occurrence, then again.
    [
      'gap start',
      '2026-03-08T05:00:00Z',
      [NY],
      { window: { start: '02:30', end: '05:00' } },
      '2026-03-08T07:00:00.000Z',
    ],
    [
      'repeat start, 1st',
      '2026-11-01T04:00:00Z',
      [NY],
      { window: { start: '01:30', end: '05:00' } },
      '2026-11-01T05:30:00.000Z',
    ],
    [
      'repeat start, 2nd',
      '2026-11-01T06:10:00Z',
      [NY],
      { window: { start: '01:30', end: '05:00' } },
      '2026-11-01T06:30:00.000Z',
    ],
    [
      'overnight window',
      '2026-06-15T12:00:00Z',
      [NY],
      { window: { start: '22:00', end: '06:00' } },
      '2026-06-16T02:00:00.000Z',
    ],
    // Zones 12 hours apart with 08:00-19:00 windows never overlap: no allowed time within 14 days.
    ['disjoint zones', '2026-06-15T12:00:00Z', [LONDON, 'Pacific/Auckland'], indiaRbi, null],
  ] as const)('%s', (_name, proposedAt, zones, rule, expected) => {
    const decision = decide(proposedAt, [...zones], rule)
    if (expected === 'allow') {
      expect(decision).toEqual({ outcome: 'allow', reasons: [], earliestAllowedAt: null })
    } else {
      expect(decision.outcome).toBe('block')
      expect(decision.earliestAllowedAt).toBe(expected)
      expect(decision.reasons.length).toBeGreaterThan(0)
    }
  })

  it('names each failing zone with its local time and the rule', () => {
    const decision = decide('2026-06-15T13:30:00Z', [NY, LA, NY])
    expect(decision.reasons).toEqual([
      {
        ruleId: 'us.reg-f.inconvenient-time',
        citation: '12 CFR 1006.6(b)(1)(i); 15 USC 1692c(a)(1)',
        message:
          'local time 06:30:00 (2026-06-15) in America/Los_Angeles is outside the permitted window 08:00-21:00',
      },
    ])
  })

  it('blocks without location evidence or with an unknown zone, with no later time', () => {
    expect(decide('2026-06-15T15:00:00Z', [])).toMatchObject({
      outcome: 'block',
      earliestAllowedAt: null,
      reasons: [{ message: expect.stringContaining('no location evidence') }],
    })
    const unknown = decide('2026-06-15T15:00:00Z', [NY, 'Mars/Olympus_Mons', ''])
    expect(unknown.outcome).toBe('block')
    expect(unknown.earliestAllowedAt).toBeNull()
    expect(unknown.reasons.map((r) => r.message)).toEqual([
      'location evidence names unknown time zone ""',
      'location evidence names unknown time zone "Mars/Olympus_Mons"',
    ])
  })

  it.each([
    ['2026-06-15 12:00', { start: '08:00', end: '21:00' }, 'invalid_instant'],
    ['2026-06-15T12:00:00', { start: '08:00', end: '21:00' }, 'invalid_instant'],
    ['2026-06-15T12:00:00Z', { start: '8:00', end: '21:00' }, 'invalid_contact_window'],
    ['2026-06-15T12:00:00Z', { start: '08:00', end: '24:00' }, 'invalid_contact_window'],
    ['2026-06-15T12:00:00Z', { start: '08:00', end: '08:00' }, 'invalid_contact_window'],
  ])('rejects bad input %j %j with %s', (proposedAt, window, code) => {
    expect(() => decide(proposedAt, [NY], { window })).toThrow(expect.objectContaining({ code }))
  })

  it('every preset is a valid window', () => {
    for (const preset of Object.values(CONTACT_WINDOW_PRESETS)) {
      const decision = contactWindowDecision({
        ...preset,
        proposedAt: '2026-06-15T12:00:00Z',
        evidenceZones: [NY],
      })
      expect(['allow', 'block']).toContain(decision.outcome)
    }
  })
})

const ZONES = [
  NY,
  LA,
  DENVER,
  LONDON,
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Dubai',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Europe/Dublin',
  'UTC',
]
const FROM = Date.UTC(2019, 0, 1)
const TO = Date.UTC(2031, 0, 1)
const MINUTE = 60_000
const arbZones = fc.uniqueArray(fc.constantFrom(...ZONES), { minLength: 1, maxLength: 3 })
const DST_CHANGES = [
  ['2026-03-08T07:00:00Z', NY], // spring forward
  ['2026-11-01T06:00:00Z', NY], // fall back
  ['2026-03-29T01:00:00Z', LONDON],
  ['2026-10-25T01:00:00Z', LONDON],
  ['2026-04-04T14:00:00Z', 'Pacific/Auckland'],
  ['2026-10-03T15:30:00Z', 'Australia/Lord_Howe'],
] as const
/** Uniform instants and zones, or (half the time) instants around a DST change of one of the zones. */
const arbCase = fc.oneof(
  fc.tuple(fc.integer({ min: FROM, max: TO }), arbZones),
  fc.constantFrom(...DST_CHANGES).chain(([change, zone]) =>
    fc.tuple(
      fc.integer({ min: Date.parse(change) - 2 * 86_400_000, max: Date.parse(change) + 86_400_000 }),
      arbZones.map((zones) => [zone, ...zones.filter((z) => z !== zone)]),
    ),
  ),
)
const arbTime = fc
  .integer({ min: 0, max: 1439 })
  .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)
const arbWindow = fc
  .tuple(arbTime, arbTime)
  .filter(([start, end]) => start !== end)
  .map(([start, end]): ContactWindow => ({ start, end }))
const iso = (instant: number) => new Date(instant).toISOString()

describe('contactWindowDecision: properties', () => {
  it('an allowed instant is inside the window in every evidence zone', () => {
    fc.assert(
      fc.property(arbCase, arbWindow, ([at, zones], window) => {
        const decision = decide(iso(at), zones, { window })
        expect(decision.outcome === 'allow').toBe(zones.every((zone) => oracleInside(zone, at, window)))
      }),
      { numRuns: 500 },
    )
  })

  it('earliestAllowedAt is allowed and nothing allowed comes before it', () => {
    fc.assert(
      fc.property(arbCase, arbWindow, ([at, zones], window) => {
        const decision = decide(iso(at), zones, { window })
        if (decision.outcome === 'allow') return
        const allowedAt = (t: number) => zones.every((zone) => oracleInside(zone, t, window))
        const earliest = decision.earliestAllowedAt === null ? null : Date.parse(decision.earliestAllowedAt)
        const limit = earliest ?? at + 14 * 86_400_000
        if (earliest !== null) {
          expect(earliest).toBeGreaterThan(at)
          expect(allowedAt(earliest)).toBe(true)
          expect(decide(iso(earliest), zones, { window }).outcome).toBe('allow')
          expect(allowedAt(earliest - 1)).toBe(false)
        }
        for (let t = Math.ceil(at / MINUTE) * MINUTE; t < limit; t += MINUTE) {
          if (t > at && allowedAt(t)) throw new Error(`${iso(t)} is allowed before ${iso(limit)}`)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('never depends on the order or duplication of evidence zones', () => {
    const arbPermuted = arbCase.chain(([at, zones]) =>
      fc.tuple(
        fc.constant(at),
        fc.constant(zones),
        fc.shuffledSubarray([...zones, ...zones], {
          minLength: zones.length * 2,
          maxLength: zones.length * 2,
        }),
      ),
    )
    fc.assert(
      fc.property(arbPermuted, arbWindow, ([at, zones, permuted], window) => {
        expect(decide(iso(at), permuted, { window })).toEqual(decide(iso(at), zones, { window }))
      }),
      { numRuns: 300 },
    )
  })

  it('cached zone offsets agree with Intl at any instant, DST changes included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...ZONES),
        (at, zone) => {
          const wall = new Date(Math.floor(at / 1000) * 1000 + zoneOffsetAt(zone, at))
          const local = new Intl.DateTimeFormat('en-GB', {
            timeZone: zone,
            hourCycle: 'h23',
            dateStyle: 'short',
            timeStyle: 'medium',
          })
          const expected = local.format(at)
          const actual = `${String(wall.getUTCDate()).padStart(2, '0')}/${String(wall.getUTCMonth() + 1).padStart(2, '0')}/${wall.getUTCFullYear()}, ${wall.toISOString().slice(11, 19)}`
          expect(actual).toBe(expected)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
