/**
 * Realistic, varied compliance requests for the benchmark, from a seeded PRNG so every run judges the
 * same requests: mostly US consumers (federal plus a state pack), some in India, the UK, the EU, the UAE and Australia, two evidence zones, about twenty calls
 * of history, three contact points, and a mix of contacts, notices and suits proposed mostly in hours.
 */
import type { ComplianceRequest, DebtFacts } from '../../src/core/compliance/compliance-request.ts'

const DAY = 86_400_000
const NOW = Date.parse('2026-06-15T00:00:00Z')

/** Jurisdiction, address zone, share, and the zone's UTC offset in June (hours) to schedule local hours. */
const PLACES: readonly [jurisdiction: string, zone: string, weight: number, juneOffset: number][] = [
  ['US-MA', 'America/New_York', 6, -4],
  ['US-NY-NYC', 'America/New_York', 6, -4],
  ['US-NY', 'America/New_York', 5, -4],
  ['US-WA', 'America/Los_Angeles', 5, -7],
  ['US-CA', 'America/Los_Angeles', 8, -7],
  ['US-FL', 'America/New_York', 7, -4],
  ['US-TX', 'America/Chicago', 8, -5],
  ['US-OH', 'America/New_York', 6, -4],
  ['US-IL', 'America/Chicago', 5, -5],
  ['US-AZ', 'America/Phoenix', 4, -7],
  ['IN', 'Asia/Kolkata', 10, 5.5],
  ['GB', 'Europe/London', 10, 1],
  ['DE', 'Europe/Berlin', 5, 2],
  ['FR', 'Europe/Paris', 5, 2],
  ['AE', 'Asia/Dubai', 5, 4],
  ['AU-NSW', 'Australia/Sydney', 4, 10],
  ['AU-VIC', 'Australia/Melbourne', 3, 10],
  ['AU-NT', 'Australia/Darwin', 2, 9.5],
]
const US_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles']

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** `count` requests from `seed`. */
export function complianceRequests(count: number, seed = 42): ComplianceRequest[] {
  const random = prng(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const totalWeight = PLACES.reduce((sum, p) => sum + p[2], 0)
  const place = () => {
    let r = random() * totalWeight
    for (const p of PLACES) {
      r -= p[2]
      if (r < 0) return p
    }
    return PLACES[0] as (typeof PLACES)[number]
  }
  const iso = (ms: number) => new Date(ms).toISOString()
  const out: ComplianceRequest[] = []
  for (let i = 0; i < count; i++) {
    const [jurisdiction, zone, , offset] = place()
    const us = jurisdiction.startsWith('US')
    const commercial = random() < 0.1
    const phoneZone = us && random() < 0.3 ? pick(US_ZONES) : zone
    const debts: DebtFacts[] = Array.from({ length: random() < 0.8 ? 1 : 2 }, (_, k) => ({
      id: `D${k + 1}`,
      kind: commercial ? 'commercial' : 'consumer',
      jurisdiction,
      currency: us ? 'USD' : jurisdiction.startsWith('AU') ? 'AUD' : 'EUR',
      balanceMinor: Math.floor(random() * 500_000),
      accrualOn: iso(NOW - Math.floor(random() * 8 * 365) * DAY).slice(0, 10),
      ...(random() < 0.2
        ? {
            limitationEvents: [
              {
                on: iso(NOW - Math.floor(random() * 900) * DAY).slice(0, 10),
                kind: 'part_payment' as const,
                writtenEvidence: random() < 0.5,
              },
            ],
          }
        : {}),
      firstCommunicationOn: iso(NOW - Math.floor(random() * 10) * DAY).slice(0, 10),
      validationNoticeSentOn: random() < 0.7 ? iso(NOW - 3 * DAY).slice(0, 10) : null,
    }))
    const ids = debts.map((d) => d.id)
    // About twenty calls over the last 60 days, in daytime hours, mostly unanswered.
    const calls = Array.from({ length: 14 + Math.floor(random() * 13) }, () => ({
      at: iso(NOW - Math.floor(random() * 60) * DAY + (9 + Math.floor(random() * 9) - offset) * 3_600_000),
      debtIds: random() < 0.9 ? [ids[0] as string] : ids,
      result: pick(['voicemail', 'voicemail', 'no_answer', 'busy', 'conversation'] as const),
      contactPointId: 'P1',
    }))
    const messages = Array.from({ length: Math.floor(random() * 5) }, () => ({
      at: iso(NOW - Math.floor(random() * 30) * DAY + (11 - offset) * 3_600_000),
      channel: pick(['sms', 'email', 'letter'] as const),
      debtIds: ids,
    }))
    const kind = random()
    const channel = pick(['call', 'call', 'call', 'sms', 'email', 'letter'] as const)
    // 80% proposed in local daytime hours (09:00-18:00, as an engine schedules), the rest at any hour.
    const hour = random() < 0.8 ? 9 + random() * 9 - offset : random() * 24
    const at = iso(NOW + Math.floor(random() * 3) * DAY + Math.floor((hour * 3_600_000) / 60_000) * 60_000)
    const action =
      kind < 0.8
        ? {
            kind: 'contact' as const,
            at,
            channel,
            contactPointId: channel === 'email' ? 'E1' : channel === 'letter' ? 'A1' : 'P1',
            dialing: pick(['manual', 'autodialed'] as const),
          }
        : { kind: pick(['legal_notice', 'suit', 'threat_of_suit', 'credit_report'] as const), at }
    out.push({
      action,
      collector: { type: pick(['third_party', 'third_party', 'debt_buyer', 'original_creditor'] as const) },
      debtor: {
        kind: commercial ? 'business' : 'person',
        jurisdiction,
        timeZoneEvidence: [
          { source: 'address', timeZone: zone },
          { source: 'area_code', timeZone: phoneZone },
        ],
        ...(random() < 0.03 ? { ceaseReceivedAt: iso(NOW - 5 * DAY) } : {}),
      },
      contactPoints: [
        {
          id: 'P1',
          kind: 'phone',
          phoneType: 'mobile',
          consent: random() < 0.7 ? 'granted' : 'unknown',
          timeZone: phoneZone,
        },
        { id: 'E1', kind: 'email', consent: 'unknown', employerProvided: random() < 0.1 },
        { id: 'A1', kind: 'postal', consent: 'unknown' },
      ],
      debts,
      history: { calls, messages },
    })
  }
  return out
}
