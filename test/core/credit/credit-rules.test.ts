import { describe, expect, it } from 'vitest'
import { type CreditCheckRequest, rulesCreditDecision } from '../../../src/core/credit/credit-check.ts'
import {
  type CreditAccount,
  exposureByCurrency,
  limitStanding,
  type PaidInvoice,
  paidInvoices,
  paymentBehaviour,
} from '../../../src/core/credit/credit-facts.ts'
import { checkLimit, checkTermsDays, effectiveTerms } from '../../../src/core/credit/credit-terms.ts'

const acct = (over: Partial<CreditAccount>): CreditAccount => ({
  id: 1,
  externalId: 'A',
  currency: 'EUR',
  status: 'open',
  openedOn: '2026-01-01',
  balanceMinor: 0,
  chargedMinor: 0,
  lastPaidOn: null,
  writtenOff: false,
  ...over,
})
const invoices = (days: number[]): PaidInvoice[] =>
  days.map((d, i) => ({
    account: `I-${i}`,
    currency: 'EUR',
    invoicedOn: '2026-01-01',
    paidOn: '2026-01-01',
    daysToPay: d,
    amountMinor: 100,
  }))

describe('credit facts', () => {
  it('sums open balances per currency, never across currencies, credits included', () => {
    expect(
      exposureByCurrency([
        acct({ balanceMinor: 1_001 }),
        acct({ balanceMinor: -1, id: 2 }),
        acct({ currency: 'JPY', balanceMinor: 5, id: 3 }),
        acct({ status: 'paid', balanceMinor: 999, id: 4 }),
      ]),
    ).toEqual([
      { currency: 'EUR', exposureMinor: 1_000, openAccounts: 2 },
      { currency: 'JPY', exposureMinor: 5, openAccounts: 1 },
    ])
    const zero = limitStanding({ minor: 0, currency: 'EUR' }, [])
    expect(zero).toMatchObject({ overLimit: false, utilisationPercent: null, availableMinor: 0 })
    expect(
      limitStanding({ minor: 3, currency: 'EUR' }, [{ currency: 'EUR', exposureMinor: 2, openAccounts: 1 }])
        .utilisationPercent,
    ).toBe('66.7')
  })

  it('counts as paid only a zero balance with a payment and no write-off', () => {
    const paid = paidInvoices([
      acct({ id: 1, externalId: 'P', lastPaidOn: '2026-01-31' }),
      acct({ id: 2, externalId: 'W', lastPaidOn: '2026-01-31', writtenOff: true }),
      acct({ id: 3, externalId: 'O', lastPaidOn: '2026-01-31', balanceMinor: 1 }),
      acct({ id: 4, externalId: 'N' }),
    ])
    expect(paid.map((p) => [p.account, p.daysToPay])).toEqual([['P', 30]])
  })

  it('late needs two paid invoices and a mean strictly above the terms; the trend rises by 7 days or more', () => {
    expect(paymentBehaviour(invoices([90]), 30).late).toBe(false)
    expect(paymentBehaviour(invoices([30, 30]), 30).late).toBe(false)
    expect(paymentBehaviour(invoices([30, 31]), 30).late).toBe(true)
    expect(paymentBehaviour(invoices([10, 10, 10, 10, 10]), 30).trend).toBeNull()
    // earlier mean 10, recent mean 17: exactly 7 more.
    expect(paymentBehaviour(invoices([10, 10, 10, 17, 17, 17]), 30).trend?.rising).toBe(true)
    // recent mean 16.67: 6.67 more.
    expect(paymentBehaviour(invoices([10, 10, 10, 16, 17, 17]), 30).trend?.rising).toBe(false)
    // earlier = everything before the last three.
    expect(paymentBehaviour(invoices([5, 10, 15, 20, 25, 25, 25]), 30).trend).toMatchObject({
      earlier: { sum: 50, count: 4 },
      recent: { sum: 75, count: 3 },
      rising: true,
    })
  })
})

describe('credit terms', () => {
  it('takes the debtor override field by field, then the client, then 30 days and no limit', () => {
    expect(effectiveTerms({ client: null, debtor: null })).toEqual({
      termsDays: 30,
      termsSource: 'default',
      limit: null,
      limitSource: 'default',
    })
    expect(
      effectiveTerms({
        client: { termsDays: 45, limit: { minor: 1, currency: 'EUR' } },
        debtor: { termsDays: null, limit: { minor: 2, currency: 'USD' } },
      }),
    ).toEqual({
      termsDays: 45,
      termsSource: 'client',
      limit: { minor: 2, currency: 'USD' },
      limitSource: 'debtor',
    })
  })

  it('refuses floats, negatives, too many decimals and unknown currencies by field', () => {
    expect(checkTermsDays(0)).toEqual({ ok: true, value: 0 })
    expect(checkTermsDays(365).ok).toBe(true)
    for (const bad of [366, -1, 2.5, '30', null])
      expect(checkTermsDays(bad)).toMatchObject({ ok: false, code: 'invalid_credit_terms' })
    expect(checkLimit('0', 'JPY')).toEqual({ ok: true, value: { minor: 0, currency: 'JPY' } })
    expect(checkLimit('1.5', 'JPY')).toMatchObject({ ok: false, field: 'limit.amount' })
    expect(checkLimit(100, 'EUR')).toMatchObject({ ok: false, code: 'invalid_amount' })
    expect(checkLimit('-0.01', 'EUR')).toMatchObject({ ok: false, code: 'invalid_amount' })
    expect(checkLimit('1', 'eur')).toMatchObject({
      ok: false,
      code: 'invalid_currency',
      field: 'limit.currency',
    })
  })
})

describe('the rules-based credit check', () => {
  const base: CreditCheckRequest = {
    debtor: 'D',
    client: null,
    currency: 'EUR',
    exposureMinor: 0,
    requestedMinor: 0,
    limitMinor: null,
    limitCurrency: null,
    termsDays: 30,
    history: {
      paidInvoices: 4,
      meanDaysToPay: { sum: 100, count: 4 },
      largestPaidMinor: 5_000,
      brokenPromises: 0,
      disputes: 0,
      openDisputes: 0,
      writtenOffAccounts: 0,
    },
  }
  it('approves a clean history at twice the largest paid invoice, with the reason', () => {
    const d = rulesCreditDecision(base)
    expect(d).toEqual({
      provider: 'rules',
      outcome: 'approve',
      recommendedLimit: { minor: 10_000, currency: 'EUR' },
      reasons: [
        {
          ruleId: 'credit.days-late',
          outcome: 'approve',
          message: 'pays within terms: 25.0 days on average against 30',
        },
      ],
    })
  })
  it('declines on write-offs, two broken promises or more than 30 days late; the worst outcome wins', () => {
    const h = base.history
    expect(rulesCreditDecision({ ...base, history: { ...h, writtenOffAccounts: 1 } }).outcome).toBe('decline')
    expect(rulesCreditDecision({ ...base, history: { ...h, brokenPromises: 2 } }).outcome).toBe('decline')
    expect(rulesCreditDecision({ ...base, history: { ...h, brokenPromises: 1 } }).outcome).toBe('refer')
    expect(
      rulesCreditDecision({ ...base, history: { ...h, meanDaysToPay: { sum: 244, count: 4 } } }).outcome,
    ).toBe('decline')
    expect(
      rulesCreditDecision({ ...base, history: { ...h, meanDaysToPay: { sum: 240, count: 4 } } }).outcome,
    ).toBe('refer')
    const refer = rulesCreditDecision({
      ...base,
      limitMinor: 9_001,
      limitCurrency: 'EUR',
      history: { ...h, openDisputes: 1, disputes: 2 },
    })
    expect(refer).toMatchObject({ outcome: 'refer', recommendedLimit: { minor: 4_500 } })
    expect(refer.reasons.map((r) => r.ruleId)).toEqual([
      'credit.open-disputes',
      'credit.days-late',
      'credit.exposure',
    ])
    expect(
      rulesCreditDecision({
        ...base,
        limitMinor: 100,
        limitCurrency: 'EUR',
        exposureMinor: 60,
        requestedMinor: 41,
      }).outcome,
    ).toBe('refer')
  })
  it('refers when the limit is set in another currency than the one checked, naming both', () => {
    const d = rulesCreditDecision({ ...base, limitMinor: null, limitCurrency: 'USD', requestedMinor: 1_000 })
    expect(d.outcome).toBe('refer')
    expect(d.recommendedLimit).toEqual({ minor: 5_000, currency: 'EUR' })
    const exposure = d.reasons.find((r) => r.ruleId === 'credit.exposure')
    expect(exposure).toMatchObject({ outcome: 'refer' })
    expect(exposure?.message).toContain('the limit is set in USD, not in EUR')
  })
})
