import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, daysBetween } from '../../../src/core/calendar/local-date.ts'
import { DEMO_CLIENTS } from '../../../src/core/demo/demo-clients.ts'
import { DEMO_JURISDICTIONS } from '../../../src/core/demo/demo-jurisdictions.ts'
import { generateDemoPortfolio } from '../../../src/core/demo/generate-demo-portfolio.ts'
import type { IntakeRecord } from '../../../src/core/intake/intake-record.ts'
import { demoRecordProblems } from './check-demo-record.ts'

const AS_OF = '2026-03-15'
const generate = (accounts: number, seed = 1, asOf = AS_OF) => [
  ...generateDemoPortfolio({ accounts, seed, asOf }),
]

describe('demo portfolio: determinism', () => {
  it('gives byte-identical records for the same seed, count and date', () => {
    expect(JSON.stringify(generate(500, 42))).toBe(JSON.stringify(generate(500, 42)))
  })

  it('gives a different portfolio for a different seed, with ids that cannot collide', () => {
    const a = generate(200, 1)
    const b = generate(200, 2)
    expect(JSON.stringify(a.map((r) => r.debtor.name))).not.toBe(JSON.stringify(b.map((r) => r.debtor.name)))
    const ids = new Set(a.map((r) => r.account.externalId))
    expect(b.some((r) => ids.has(r.account.externalId))).toBe(false)
  })

  it('makes N accounts the first N of any larger run, so a bigger re-run only adds', () => {
    const small = generate(333, 9)
    expect(JSON.stringify(generate(1000, 9).slice(0, 333))).toBe(JSON.stringify(small))
  })

  it('keeps ids, debtors and currencies when only the reference date moves', () => {
    const key = (r: IntakeRecord) => `${r.account.externalId}|${r.debtor.externalId}|${r.account.currency}`
    expect(generate(300, 5, '2026-03-15').map(key)).toEqual(generate(300, 5, '2027-01-01').map(key))
  })

  it('rejects unusable options', () => {
    expect(() => generate(-1)).toThrow(/accounts/)
    expect(() => generate(1, 2 ** 32)).toThrow(/seed/)
    expect(() => generate(1, 1, '2026-02-30')).toThrow(/asOf/)
  })
})

describe('demo portfolio: shape of 5,000 accounts', () => {
  const records = generate(5000, 7)
  const dpd = (r: IntakeRecord) => daysBetween(r.account.dueOn, AS_OF)

  it('yields exactly the number of accounts asked for, every one valid', () => {
    expect(records).toHaveLength(5000)
    expect(records.flatMap((r) => demoRecordProblems(r, AS_OF))).toEqual([])
    expect(new Set(records.map((r) => r.account.externalId)).size).toBe(5000)
  })

  it('spreads accounts over every jurisdiction, each in its own currency', () => {
    const seen = new Set(records.map((r) => r.account.jurisdiction))
    for (const code of [
      'US-CA',
      'US-NY',
      'US-TX',
      'US-FL',
      'US-MA',
      'US-WA',
      'IN',
      'GB',
      'DE',
      'AE',
      'AU-NSW',
      'AU-NT',
    ]) {
      expect(seen).toContain(code)
    }
    expect(seen.size).toBe(DEMO_JURISDICTIONS.length)
    const currency = { US: 'USD', IN: 'INR', GB: 'GBP', DE: 'EUR', AE: 'AED', AU: 'AUD' } as Record<
      string,
      string
    >
    for (const r of records) expect(r.account.currency).toBe(currency[r.account.jurisdiction.slice(0, 2)])
  })

  it('zones addresses by city, with US states spanning zones where they really do', () => {
    const zones = (country: string) =>
      new Set(
        records
          .flatMap((r) => r.debtor.addresses ?? [])
          .filter((a) => a.country === country)
          .map((a) => a.timeZone),
      )
    expect(zones('IN')).toEqual(new Set(['Asia/Kolkata']))
    expect(zones('GB')).toEqual(new Set(['Europe/London']))
    expect(zones('AE')).toEqual(new Set(['Asia/Dubai']))
    // Australia across AEST/AEDT, AEST without DST, ACST/ACDT, ACST and AWST (issue #9).
    expect(zones('AU')).toEqual(
      new Set([
        'Australia/Sydney',
        'Australia/Melbourne',
        'Australia/Brisbane',
        'Australia/Adelaide',
        'Australia/Perth',
        'Australia/Darwin',
      ]),
    )
    expect(zones('US')).toEqual(
      new Set([
        'America/New_York',
        'America/Chicago',
        'America/Denver',
        'America/Phoenix',
        'America/Los_Angeles',
      ]),
    )
    const ca = records.find((r) => r.account.jurisdiction === 'US-CA')
    expect(ca?.debtor.addresses?.[0]?.timeZone).toBe('America/Los_Angeles')
    expect(ca?.debtor.addresses?.[0]?.postalCode).toMatch(/^9\d{4}$/)
  })

  it('gives some debtors a phone whose zone disagrees with their address', () => {
    const disagreeing = records.filter((r) =>
      r.debtor.contacts?.some((c) => c.kind === 'phone' && c.timeZone !== r.debtor.addresses?.[0]?.timeZone),
    )
    expect(disagreeing.length).toBeGreaterThan(20)
    expect(disagreeing.length).toBeLessThan(records.length * 0.1)
  })

  it('uses fictional number ranges where regulators reserve them', () => {
    const phones = records.flatMap((r) => r.debtor.contacts ?? []).filter((c) => c.kind === 'phone')
    for (const p of phones.filter((c) => c.value.startsWith('+1')))
      expect(p.value).toMatch(/^\+1[2-9]\d{2}55501\d{2}$/)
    for (const p of phones.filter((c) => c.value.startsWith('+44'))) {
      expect(p.value).toMatch(/^\+44(7700900|2079460|1614960|1214960|1134960|1174960|2920180)\d{3}$/)
    }
  })

  it('has consumer and commercial debts, several contact points and every consent state', () => {
    const kinds = new Set(records.map((r) => `${r.account.debtKind}/${r.debtor.kind}`))
    expect(kinds).toEqual(new Set(['consumer/person', 'commercial/business']))
    const contacts = records.flatMap((r) => r.debtor.contacts ?? [])
    expect(contacts.length / records.length).toBeGreaterThan(2.5)
    expect(new Set(contacts.map((c) => c.phoneType ?? c.kind))).toEqual(
      new Set(['mobile', 'landline', 'work', 'email', 'postal']),
    )
    expect(new Set(contacts.map((c) => c.consent))).toEqual(new Set(['granted', 'revoked', 'unknown']))
  })

  it('puts mostly one account on a debtor, sometimes two or three', () => {
    const perDebtor = new Map<string, number>()
    for (const r of records) perDebtor.set(r.debtor.externalId, (perDebtor.get(r.debtor.externalId) ?? 0) + 1)
    const counts = [...perDebtor.values()]
    expect(counts.filter((n) => n === 1).length / counts.length).toBeGreaterThan(0.65)
    expect(counts.some((n) => n === 3)).toBe(true)
    expect(Math.max(...counts)).toBeLessThanOrEqual(3)
  })

  it('skews amounts to the right within each product and currency', () => {
    const groups = new Map<string, number[]>()
    for (const r of records) {
      const key = `${(r.account.attributes as { product: string }).product}|${r.account.currency}`
      groups.set(key, [...(groups.get(key) ?? []), r.entries[0]?.amountMinor ?? 0])
    }
    let checked = 0
    for (const amounts of groups.values()) {
      if (amounts.length < 50) continue
      const sorted = [...amounts].sort((a, b) => a - b)
      const mean = amounts.reduce((s, a) => s + a, 0) / amounts.length
      expect(mean).toBeGreaterThan(sorted[Math.floor(sorted.length / 2)] as number)
      checked++
    }
    expect(checked).toBeGreaterThan(5)
  })

  it('lays days past due from current to two years, most within 120 days', () => {
    const days = records.map(dpd)
    expect(Math.min(...days)).toBeLessThanOrEqual(0)
    expect(Math.max(...days)).toBeGreaterThan(365)
    expect(Math.max(...days)).toBeLessThanOrEqual(730)
    expect(days.filter((d) => d <= 120).length / days.length).toBeGreaterThan(0.6)
  })

  it('has part payments, instalment plans, charge-offs of old debts, closed accounts and five clients', () => {
    const paymentsOpen = records.filter(
      (r) => r.account.status === 'open' && r.entries.some((e) => e.kind === 'payment'),
    )
    expect(paymentsOpen.length).toBeGreaterThan(500)
    expect(records.filter((r) => r.instalments).length).toBeGreaterThan(50)
    const chargedOff = records.filter((r) => r.account.chargeOffOn)
    expect(chargedOff.length).toBeGreaterThan(300)
    for (const r of chargedOff) expect(dpd(r)).toBeGreaterThanOrEqual(180)
    expect(new Set(records.map((r) => r.account.status))).toEqual(new Set(['open', 'paid', 'settled']))
    expect(new Set(records.map((r) => r.account.clientExternalId))).toEqual(
      new Set(DEMO_CLIENTS.map((c) => c.externalId)),
    )
    expect(new Set(records.map((r) => r.account.clientExternalId)).size).toBe(5)
  })
})

describe('demo portfolio: properties', () => {
  it('has a record checker that does catch broken records', () => {
    const [record] = generate(1, 3)
    if (!record) throw new Error('no record')
    const broken: IntakeRecord = {
      ...record,
      account: { ...record.account, currency: 'XXX', status: 'open', dueOn: '2026-02-30' },
      entries: [
        ...record.entries,
        { kind: 'payment', amountMinor: -1_000_000_000_000, effectiveOn: '2030-01-01', externalId: 'x' },
      ],
    }
    const problems = demoRecordProblems(broken, AS_OF).join('\n')
    for (const expected of [
      'unknown currency',
      'not a real date',
      'open with balance',
      'effective 2030-01-01',
    ]) {
      expect(problems).toContain(expected)
    }
  })

  it('yields N valid records with unique ids for any seed, count and reference date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 0, max: 20_000 }),
        (seed, accounts, offset) => {
          const asOf = addDays('2000-01-01', offset)
          const records = generate(accounts, seed, asOf)
          expect(records).toHaveLength(accounts)
          expect(new Set(records.map((r) => r.account.externalId)).size).toBe(accounts)
          expect(records.flatMap((r) => demoRecordProblems(r, asOf))).toEqual([])
        },
      ),
      { numRuns: 150 },
    )
  })
})
