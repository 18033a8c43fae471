import { describe, expect, it } from 'vitest'
import {
  type FurnishingFacts,
  type FurnishingPeriod,
  furnishAccount,
  obsoleteFrom,
} from '../../../src/core/bureau/furnish-account.ts'

const period: FurnishingPeriod = {
  firstDay: '2026-11-01',
  lastDay: '2026-11-30',
  at: '2026-12-01T04:59:59.999Z',
  timeStamp: '2026-12-03T15:00:00',
  identificationNumber: 'ACME',
  accountType: '48',
  creditorClassification: '12',
}

const base: FurnishingFacts = {
  externalId: 'us-1',
  debtKind: 'consumer',
  debtorKind: 'person',
  jurisdiction: 'US-NY',
  currency: 'USD',
  status: 'open',
  openedOn: '2025-01-15',
  dueOn: '2025-02-15',
  closedOn: null,
  soldOn: null,
  originalCreditor: 'First National Bank',
  debtor: { name: 'María José Núñez', givenName: 'María José', familyName: 'Núñez', dateOfBirth: null },
  address: {
    line1: '12 Elm St',
    line2: null,
    city: 'Albany',
    region: 'US-NY',
    postalCode: '12207',
    country: 'US',
  },
  phone: '+1 (518) 555-0142',
  balanceMinor: 41_299,
  originalMinor: 52_000,
  paidInMonthMinor: 0,
  lastPaymentOn: null,
  disputes: [],
  spokeWithConsumerAt: null,
  messages: [{ sentAt: '2026-10-02T15:00:00.000Z', channel: 'letter', undeliverableAt: null }],
  timeZone: 'America/New_York',
}

const furnished = (facts: Partial<FurnishingFacts>) => {
  const outcome = furnishAccount({ ...base, ...facts }, period)
  if (!outcome.furnished) throw new Error(`excluded: ${outcome.reason} ${outcome.detail}`)
  return outcome.account
}
const reason = (facts: Partial<FurnishingFacts>) => {
  const outcome = furnishAccount({ ...base, ...facts }, period)
  return outcome.furnished ? 'furnished' : outcome.reason
}
const dispute = (d: Partial<FurnishingFacts['disputes'][number]>) => ({
  receivedAt: '2026-10-20T12:00:00Z',
  written: true,
  amountMinor: null,
  ...d,
})

describe('furnishAccount', () => {
  it('writes a 93 in whole dollars, upper-case ASCII names, ten-digit phone and K1', () => {
    expect(furnished({})).toMatchObject({
      consumerAccountNumber: 'US-1',
      accountStatus: '93',
      currentBalance: 412,
      amountPastDue: 412,
      highestCredit: 520,
      surname: 'NUNEZ',
      firstName: 'MARIA',
      middleName: 'JOSE',
      telephone: 5185550142,
      state: 'NY',
      dateOfFirstDelinquency: '2025-02-15',
      originalCreditor: { name: 'FIRST NATIONAL BANK', classification: '12' },
    })
  })

  it.each([
    [{ jurisdiction: 'GB' }, 'not_us'],
    [{ jurisdiction: 'USA' }, 'not_us'],
    [{ debtKind: 'commercial' as const }, 'not_consumer'],
    [{ debtorKind: 'business' as const }, 'not_consumer'],
    [{ currency: 'EUR' }, 'not_usd'],
    [{ openedOn: '2026-12-01' }, 'opened_after_month'],
    [{ balanceMinor: 0 }, 'nothing_owed'],
    [{ address: null }, 'no_address'],
    [{ dueOn: '2019-01-01' }, 'obsolete'],
    [{ messages: [] }, 'passive_collection'],
    [{ messages: [{ sentAt: '2026-11-20T15:00:00Z', channel: 'letter' as const }] }, 'passive_collection'],
    [
      {
        messages: [
          {
            sentAt: '2026-10-02T15:00:00Z',
            channel: 'letter' as const,
            undeliverableAt: '2026-10-06T12:00:00Z',
          },
        ],
      },
      'passive_collection',
    ],
    [{ messages: [], spokeWithConsumerAt: '2026-11-29T16:00:00Z' }, 'furnished'],
    [{ status: 'paid' as const, balanceMinor: 0, lastPaymentOn: '2026-10-30' }, 'closed_before_month'],
  ])('%o: %s', (facts, expected) => {
    expect(reason(facts)).toBe(expected)
  })

  it('counts FCRA 605 seven years from 180 days after the first delinquency', () => {
    expect(obsoleteFrom('2019-06-04')).toBe('2026-12-01')
    expect(reason({ dueOn: '2019-06-04' })).toBe('furnished')
    expect(reason({ dueOn: '2019-06-03' })).toBe('obsolete')
  })

  it('reports paid 62, settled 62 + AU, written off DA, and a payment in full after the month as 93', () => {
    expect(
      furnished({ status: 'paid', balanceMinor: 0, lastPaymentOn: '2026-11-12', paidInMonthMinor: 41_299 }),
    ).toMatchObject({ accountStatus: '62', currentBalance: 0, dateClosed: '2026-11-12', actualPayment: 412 })
    expect(furnished({ status: 'settled', balanceMinor: 0, closedOn: '2026-11-20' })).toMatchObject({
      accountStatus: '62',
      specialComment: 'AU',
    })
    expect(furnished({ status: 'written_off', closedOn: '2026-11-05' })).toMatchObject({
      accountStatus: 'DA',
      currentBalance: 0,
    })
    expect(furnished({ status: 'paid', balanceMinor: 20_000, lastPaymentOn: '2026-11-10' })).toMatchObject({
      accountStatus: '93',
      dateClosed: null,
    })
    expect(furnished({ status: 'closed', closedOn: '2026-12-02' })).toMatchObject({ accountStatus: '93' })
  })

  it('reports a sold account DA in the month of its sale, even a paid-looking one, and nothing after', () => {
    expect(
      furnished({ status: 'closed', balanceMinor: 0, closedOn: '2026-11-09', soldOn: '2026-11-09' }),
    ).toMatchObject({ accountStatus: 'DA', currentBalance: 0, dateClosed: '2026-11-09' })
    expect(furnished({ status: 'paid', balanceMinor: 0, soldOn: '2026-11-09' })).toMatchObject({
      accountStatus: 'DA',
    })
    expect(reason({ status: 'closed', balanceMinor: 0, closedOn: '2026-10-09', soldOn: '2026-10-09' })).toBe(
      'closed_before_month',
    )
  })

  it.each([
    [[dispute({})], 'XB'],
    [[dispute({ verificationSentAt: '2026-11-05T12:00:00Z' })], 'XC'],
    [[dispute({ verificationSentAt: '2026-11-05T12:00:00Z' }), dispute({})], 'XB'],
    [[dispute({ resolvedAt: '2026-11-15T12:00:00Z' })], 'XH'],
    [[dispute({ resolvedAt: '2026-10-25T12:00:00Z' })], 'XR'],
    [[dispute({ receivedAt: '2026-08-01T12:00:00Z', resolvedAt: '2026-09-01T12:00:00Z' })], ''],
    [[dispute({ receivedAt: '2026-12-02T12:00:00Z' })], ''],
  ])('disputes %o give compliance condition code "%s"', (disputes, code) => {
    expect(furnished({ disputes }).complianceConditionCode).toBe(code)
  })
})
