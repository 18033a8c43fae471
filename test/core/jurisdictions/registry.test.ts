import { describe, expect, it } from 'vitest'
import { policyFor } from '../../../src/core/allocation/allocation-policies.ts'
import { usFederalBusinessCalendar } from '../../../src/core/calendar/business-days.ts'
import { publicHolidayCalendar } from '../../../src/core/calendar/public-holidays.ts'
import {
  ALL_PACKS,
  evaluateCompliance,
  limitationRulesFor,
} from '../../../src/core/compliance/evaluate-compliance.ts'
import { ENTRIES, jurisdictionFor } from '../../../src/core/jurisdictions/registry.ts'
import { isCurrencyCode } from '../../../src/core/money/currencies.ts'
import { request } from '../compliance/compliance-request-fixture.ts'

/*
 * What every jurisdiction resolved to before the registry (recorded from commit 79c372d): consumer packs,
 * consumer limitation rules, commercial packs, commercial limitation rules, and the default allocation
 * policy for consumer, consumer_loan and commercial debts. The registry must give exactly the same.
 */
const BEFORE: readonly (readonly [string, string, string, string, string, string])[] = [
  ['US', 'us-federal', '', 'commercial', '', 'us-oldest-first us-oldest-first us-oldest-first'],
  [
    'US-MA',
    'us-federal us-ma',
    'us-ma.limitation',
    'commercial',
    'us-ma.limitation',
    'us-oldest-first us-oldest-first us-oldest-first',
  ],
  [
    'US-NY',
    'us-federal us-ny',
    'us-ny.limitation.consumer-credit',
    'commercial',
    '',
    'us-oldest-first us-oldest-first us-oldest-first',
  ],
  [
    'US-NY-NYC',
    'us-federal us-ny us-nyc',
    'us-ny.limitation.consumer-credit',
    'commercial',
    '',
    'us-oldest-first us-oldest-first us-oldest-first',
  ],
  ['US-WA', 'us-federal us-wa', '', 'commercial', '', 'us-oldest-first us-oldest-first us-oldest-first'],
  [
    'US-CA',
    'us-federal us-ca',
    'us-ca.limitation.written-or-open-account',
    'commercial',
    'us-ca.limitation.written-or-open-account',
    'us-oldest-first us-oldest-first us-oldest-first',
  ],
  [
    'US-FL',
    'us-federal us-fl',
    'us-fl.limitation.oral-or-open-account',
    'commercial',
    'us-fl.limitation.oral-or-open-account',
    'us-oldest-first us-oldest-first us-oldest-first',
  ],
  [
    'US-TX',
    'us-federal us-tx',
    'us-tx.limitation',
    'commercial',
    'us-tx.limitation',
    'us-oldest-first us-oldest-first us-oldest-first',
  ],
  ['US-ZZ', 'us-federal', '', 'commercial', '', 'us-oldest-first us-oldest-first us-oldest-first'],
  [
    'us-ma',
    'us-federal us-ma',
    'us-ma.limitation',
    'commercial',
    'us-ma.limitation',
    'us-oldest-first us-oldest-first us-oldest-first',
  ],
  [
    'IN',
    'in',
    'in.limitation-act.money-claim',
    'commercial',
    'in.limitation-act.money-claim',
    'in-oldest-first in-oldest-first in-oldest-first',
  ],
  [
    'GB',
    'gb',
    'gb.limitation-act.contract',
    'commercial',
    'gb.limitation-act.contract',
    'gb-practice gb-practice gb-practice',
  ],
  ['UK', 'gb', 'gb.limitation-act.contract', 'commercial', '', 'gb-practice gb-practice gb-practice'],
  [
    'GB-SCT',
    'gb',
    'gb.limitation-act.contract',
    'commercial',
    'gb.limitation-act.contract',
    'gb-practice gb-practice gb-practice',
  ],
  [
    'GB-NIR',
    'gb',
    'gb.limitation-act.contract',
    'commercial',
    'gb.limitation-act.contract',
    'gb-practice gb-practice gb-practice',
  ],
  [
    'GB-WLS',
    'gb',
    'gb.limitation-act.contract',
    'commercial',
    'gb.limitation-act.contract',
    'gb-practice gb-practice gb-practice',
  ],
  ['DE', 'eu', 'de.bgb.regular-limitation', 'commercial', '', 'de-bgb-367 de-bgb-497 de-bgb-367'],
  ['DE-BY', 'eu', 'de.bgb.regular-limitation', 'commercial', '', 'de-bgb-367 de-bgb-497 de-bgb-367'],
  [
    'FR',
    'eu',
    'fr.consumption-code.limitation',
    'commercial',
    '',
    'default-costs-first default-costs-first default-costs-first',
  ],
  [
    'GR',
    'eu',
    'eu.limitation.default',
    'commercial',
    '',
    'default-costs-first default-costs-first default-costs-first',
  ],
  [
    'EL',
    'eu',
    'eu.limitation.default',
    'commercial',
    '',
    'default-costs-first default-costs-first default-costs-first',
  ],
  [
    'IT',
    'eu',
    'eu.limitation.default',
    'commercial',
    '',
    'default-costs-first default-costs-first default-costs-first',
  ],
  [
    'BG',
    'eu',
    'eu.limitation.default',
    'commercial',
    '',
    'default-costs-first default-costs-first default-costs-first',
  ],
  [
    'SE',
    'eu',
    'eu.limitation.default',
    'commercial',
    '',
    'default-costs-first default-costs-first default-costs-first',
  ],
  ['AE', 'ae', '', 'commercial', '', 'default-costs-first default-costs-first default-costs-first'],
  // AU and its states have entries since issue #9 (test/core/jurisdictions/au-pack.test.ts).
  ['ZZ', '', '', 'commercial', '', 'default-costs-first default-costs-first default-costs-first'],
  ['', '', '', 'commercial', '', 'default-costs-first default-costs-first default-costs-first'],
  [' US', '', '', 'commercial', '', 'default-costs-first default-costs-first default-costs-first'],
  ['uk', 'gb', 'gb.limitation-act.contract', 'commercial', '', 'gb-practice gb-practice gb-practice'],
  [
    'gb-sct',
    'gb',
    'gb.limitation-act.contract',
    'commercial',
    'gb.limitation-act.contract',
    'gb-practice gb-practice gb-practice',
  ],
  ['de-by', 'eu', 'de.bgb.regular-limitation', 'commercial', '', 'de-bgb-367 de-bgb-497 de-bgb-367'],
  [
    'El',
    'eu',
    'eu.limitation.default',
    'commercial',
    '',
    'default-costs-first default-costs-first default-costs-first',
  ],
]

const suit = (code: string, kind: 'consumer' | 'commercial') =>
  request({ jurisdiction: code, debt: { kind, accrualOn: '2020-01-01' }, action: { kind: 'suit' } })

describe('jurisdiction registry: same packs, limitation and allocation as before', () => {
  it.each(BEFORE)('%s', (code, consumer, consumerLimitation, commercial, commercialLimitation, policy) => {
    for (const [kind, packs, limitation] of [
      ['consumer', consumer, consumerLimitation],
      ['commercial', commercial, commercialLimitation],
    ] as const) {
      const r = suit(code, kind)
      expect(
        evaluateCompliance(r)
          .packs.map((p) => p.id)
          .join(' '),
      ).toBe(packs)
      expect(
        limitationRulesFor(r, r.debts[0]!)
          .map((l) => l.ruleId)
          .join(' '),
      ).toBe(limitation)
    }
    const kinds = ['consumer', 'consumer_loan', 'commercial'] as const
    expect(kinds.map((k) => policyFor(code, k).id).join(' ')).toBe(policy)
    // The registry's own view agrees with what the evaluator picked.
    expect(
      jurisdictionFor(code)
        .packs.map((p) => p.id)
        .join(' '),
    ).toBe(consumer)
  })

  it('reports packs in the order they always were, the commercial pack last', () => {
    expect(ALL_PACKS.map((p) => p.id)).toEqual([
      'us-federal',
      'us-ma',
      'us-ny',
      'us-nyc',
      'us-wa',
      'us-ca',
      'us-fl',
      'us-tx',
      'in',
      'gb',
      'eu',
      'ae',
      'au',
      'au-commercial',
      'commercial',
    ])
  })
})

describe('jurisdictionFor', () => {
  it.each([
    ['US-MA', 'US-MA', ['US', 'US-MA']],
    ['us-ny-nyc', 'US-NY-NYC', ['US', 'US-NY', 'US-NY-NYC']],
    ['US-ZZ', 'US', ['US']],
    [' US', '*', ['*']],
    ['UK', 'GB', ['GB']],
    ['GB-WLS', 'GB', ['GB']],
    ['GB-SCT', 'GB-SCT', ['GB', 'GB-SCT']],
    ['EL', 'GR', ['GR']],
    ['DE-BY', 'DE', ['DE']],
    ['AU', 'AU', ['AU']],
    ['au-nsw', 'AU-NSW', ['AU', 'AU-NSW']],
    ['ZZ-1', '*', ['*']],
    ['', '*', ['*']],
  ])('%s resolves to %s', (code, entry, chain) => {
    const j = jurisdictionFor(code)
    expect(j.code).toBe(entry)
    expect(j.known).toBe(entry !== '*')
    expect(j.chain.map((e) => e.code)).toEqual(chain)
  })

  it.each([
    ['US-CA', 'USD', null, '1'],
    ['GB-NIR', 'GBP', 'gb-late-payment', '44'],
    ['IN', 'INR', 'in-msmed', '91'],
    ['DE', 'EUR', 'eu-late-payment', '49'],
    ['SE', 'SEK', 'eu-late-payment', '46'],
    ['AE', 'AED', null, '971'],
    ['ZZ', null, null, null],
  ])('%s: currency %s, interest regime %s, calling code %s', (code, currency, interest, calling) => {
    const j = jurisdictionFor(code)
    expect(j.currency).toBe(currency)
    expect(j.interest?.id ?? null).toBe(interest)
    expect(j.phone?.callingCode ?? null).toBe(calling)
  })

  it.each([
    ['US-TX', usFederalBusinessCalendar()],
    ['GB', publicHolidayCalendar('GB-ENG')],
    ['GB-SCT', publicHolidayCalendar('GB-SCT')],
    ['GB-NIR', publicHolidayCalendar('GB-NIR')],
    ['IN', publicHolidayCalendar('IN')],
    ['DE', publicHolidayCalendar('DE')],
    ['EL', publicHolidayCalendar('GR')],
    ['AE', publicHolidayCalendar('AE')],
  ])('%s uses its own holiday calendar', (code, calendar) => {
    expect(jurisdictionFor(code).calendar()).toBe(calendar)
  })

  it('gives an unknown jurisdiction weekends only', () => {
    const calendar = jurisdictionFor('ZZ').calendar()
    expect(calendar.holidaysIn(2026).size).toBe(0)
    expect([...calendar.weekendDays].sort()).toEqual([0, 6])
  })

  it('accepts postcodes by country rules', () => {
    expect(jurisdictionFor('US-MA').address?.postcode?.test('02110-1234')).toBe(true)
    expect(jurisdictionFor('GB').address?.postcode?.test('SW1A 1AA')).toBe(true)
    expect(jurisdictionFor('IN').address?.postcode?.test('011001')).toBe(false)
    expect(jurisdictionFor('NL').address?.postcode?.test('1012 AB')).toBe(true)
    expect(jurisdictionFor('AE').address?.postcode).toBeNull()
  })

  it('gives every entry a known currency and a unique code', () => {
    const countries = ENTRIES.filter((e) => !e.code.includes('-'))
    for (const e of countries) expect(isCurrencyCode(e.currency ?? ''), e.code).toBe(true)
    expect(new Set(ENTRIES.map((e) => e.code)).size).toBe(ENTRIES.length)
  })
})
