import { describe, expect, it } from 'vitest'
import { championChallenger } from '../../../src/core/analytics/champion-challenger.ts'
import { complianceBlocks } from '../../../src/core/analytics/compliance-blocks.ts'
import { promisePlanRates } from '../../../src/core/analytics/promise-plan-rates.ts'
import { receivablesKpis } from '../../../src/core/analytics/receivables-kpis.ts'
import { rollRates } from '../../../src/core/analytics/roll-rates.ts'
import { populationStability, scoreMonitoring } from '../../../src/core/analytics/score-monitoring.ts'
import { vintageCurves } from '../../../src/core/analytics/vintages.ts'
import { dayNumber } from '../../../src/core/calendar/local-date.ts'
import { indexHistory } from '../../../src/core/scoring/score-features.ts'
import type {
  HistoryAccount,
  HistoryEntry,
  ScoringHistory,
} from '../../../src/core/scoring/scoring-history.ts'

const account = (
  id: number,
  openedOn: string,
  dueOn: string,
  debtKind: 'consumer' | 'commercial' = 'commercial',
): HistoryAccount => ({
  id,
  externalId: `A${id}`,
  debtorId: id,
  debtKind,
  currency: 'USD',
  status: 'open',
  openedOn,
  dueOn,
})
const entry = (accountId: number, kind: string, amountMinor: number, effectiveOn: string): HistoryEntry => ({
  accountId,
  kind,
  amountMinor,
  effectiveOn,
})
const book = (accounts: HistoryAccount[], entries: HistoryEntry[]): ScoringHistory => ({
  accounts,
  entries,
  promises: [],
  plans: [],
  disputes: [],
  contacts: [],
})

/** Row of a report as an object by column name. */
const rowsOf = (t: { columns: string[]; rows: (string | number)[][] }) =>
  t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])))

describe('analytics', () => {
  // Three invoices of January 2025, due 31 January: one paid in February, one in March (late), one never.
  const h = book(
    [
      account(1, '2025-01-01', '2025-01-31'),
      account(2, '2025-01-10', '2025-01-31'),
      account(3, '2025-01-20', '2025-01-31'),
      account(4, '2025-02-05', '2025-03-07'),
    ],
    [
      entry(1, 'charge', 10_000, '2025-01-01'),
      entry(2, 'charge', 20_000, '2025-01-10'),
      entry(3, 'charge', 30_000, '2025-01-20'),
      entry(4, 'charge', 40_000, '2025-02-05'),
      entry(1, 'payment', -10_000, '2025-02-10'),
      entry(2, 'payment', -5_000, '2025-02-20'),
      entry(2, 'payment', -15_000, '2025-03-15'),
    ],
  )
  const index = indexHistory(h)

  it('roll rates: current accounts of January roll to 1-30 or pay in February', () => {
    const rows = rowsOf(rollRates(index, '2025-01-01', '2025-03-31'))
    expect(rows[0]).toMatchObject({
      from_month: '2025-01',
      to_month: '2025-02',
      from_bucket: 'current',
      accounts: 3,
      'to_1-30': 2,
      to_paid: 1,
      roll_forward_rate: 0.6667,
      cure_rate: 0.3333,
    })
    const march = rows.filter((r) => r.to_month === '2025-03')
    expect(march).toEqual([
      expect.objectContaining({ from_bucket: 'current', accounts: 1, 'to_1-30': 1 }),
      expect.objectContaining({
        from_bucket: '1-30',
        accounts: 2,
        'to_31-60': 1,
        to_paid: 1,
        cure_rate: 0.5,
      }),
    ])
  })

  it('DSO and CEI from the ledger, in minor units per currency', () => {
    const rows = rowsOf(receivablesKpis(index, '2025-02-01', '2025-02-28'))
    // Opening 60,000; sales 40,000; collected 15,000; closing 85,000 of which 40,000 current.
    expect(rows).toEqual([
      expect.objectContaining({
        month: '2025-02',
        currency: 'USD',
        opening_minor: 60_000,
        credit_sales_minor: 40_000,
        collected_minor: 15_000,
        closing_minor: 85_000,
        closing_current_minor: 40_000,
      }),
    ])
    expect(rows[0]?.dso_days).toBe(Math.round((85_000 / 40_000) * 28 * 10) / 10)
    expect(rows[0]?.cei_percent).toBe(
      Math.round(((60_000 + 40_000 - 85_000) / (60_000 + 40_000 - 40_000)) * 1000) / 10,
    )
  })

  it('vintage curves: cumulative payments over the amount placed, month by month', () => {
    const rows = rowsOf(vintageCurves(index, '2025-01-01', '2025-04-30'))
    expect(rows[0]).toMatchObject({
      placement_month: '2025-01',
      accounts: 3,
      placed_minor: 60_000,
      month_0: 0,
      month_1: 0.25,
      month_2: 0.5,
      month_3: 0.5,
    })
    expect(rows[1]).toMatchObject({ placement_month: '2025-02', accounts: 1, month_0: 0 })
  })

  it('promise-kept and plan-completion rates by month', () => {
    const t = promisePlanRates(
      [
        { dueOn: '2025-03-02', state: 'kept' },
        { dueOn: '2025-03-09', state: 'broken' },
        { dueOn: '2025-03-20', state: 'partially_kept' },
        { dueOn: '2025-03-30', state: 'kept' },
        { dueOn: '2025-04-01', state: 'open' },
      ],
      [
        { createdOn: '2025-03-05', status: 'completed' },
        { createdOn: '2025-03-06', status: 'broken' },
        { createdOn: '2025-03-07', status: 'cancelled' },
      ],
    )
    expect(rowsOf(t)).toEqual([
      expect.objectContaining({
        month: '2025-03',
        promises_kept: 2,
        promise_kept_rate: 0.5,
        plans_completed: 1,
        plans_broken: 1,
        plans_cancelled: 1,
        plan_completion_rate: 0.5,
      }),
      expect.objectContaining({
        month: '2025-04',
        promises_open: 1,
        promise_kept_rate: '',
        plan_completion_rate: '',
      }),
    ])
  })

  it('compliance blocks count each rule once per action', () => {
    const t = complianceBlocks([
      {
        createdAt: '2025-03-01T10:00:00Z',
        jurisdiction: 'US-MA',
        actionType: 'send_message',
        channel: 'call',
        ruleIds: ['us-ma.call-cap', 'us.reg-f.time'],
      },
      {
        createdAt: '2025-03-02T10:00:00Z',
        jurisdiction: 'US-MA',
        actionType: 'send_message',
        channel: 'call',
        ruleIds: ['us-ma.call-cap', 'us-ma.call-cap'],
      },
      {
        createdAt: '2025-04-02T10:00:00Z',
        jurisdiction: 'GB',
        actionType: 'send_message',
        channel: 'sms',
        ruleIds: [],
      },
    ])
    expect(t.rows).toEqual([
      ['2025-03', 'us-ma.call-cap', 'US-MA', 'send_message', 'call', 2],
      ['2025-03', 'us.reg-f.time', 'US-MA', 'send_message', 'call', 1],
      ['2025-04', '(no reason recorded)', 'GB', 'send_message', 'sms', 1],
    ])
  })

  it('champion/challenger: a clearly better challenger is significant, an equal one is not', () => {
    const accounts: HistoryAccount[] = []
    const entries: HistoryEntry[] = []
    const treatment = []
    for (let i = 1; i <= 600; i++) {
      accounts.push(account(i, '2025-01-01', '2025-01-31', 'consumer'))
      entries.push(entry(i, 'charge', 10_000, '2025-01-01'))
      const variant = i % 3 === 0 ? 'champion' : i % 3 === 1 ? 'better' : 'same'
      // champion and "same" cure 20%, "better" cures 60%.
      const cures = variant === 'better' ? i % 5 < 3 : i % 5 === 0
      if (cures) entries.push(entry(i, 'payment', -10_000, '2025-03-01'))
      treatment.push({
        accountId: i,
        playbookId: 'p',
        segment: 's',
        variant,
        enteredDay: dayNumber('2025-02-01'),
      })
    }
    const t = championChallenger(indexHistory(book(accounts, entries)), treatment, dayNumber('2025-06-30'))
    const rows = rowsOf(t)
    expect(rows.map((r) => r.variant)).toEqual(['champion', 'better', 'same'])
    expect(rows[0]).toMatchObject({ accounts: 200, cure_rate: 0.2, verdict: 'champion' })
    expect(rows[1]).toMatchObject({ accounts: 200, cure_rate: 0.6, cure_rate_diff: 0.4 })
    expect(String(rows[1]?.verdict)).toMatch(/^better: cure rate higher than champion \(significant at 95%\)/)
    expect(String(rows[2]?.verdict)).toMatch(/^same: no significant difference in cure rate from champion/)
  })

  it('score monitoring: PSI of a shifted distribution, realised outcome by band', () => {
    expect(populationStability(new Array(10).fill(0.1), new Array(10).fill(0.1))).toBe(0)
    const shifted = [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0]
    expect(populationStability(shifted, new Array(10).fill(0.1))).toBeGreaterThan(0.25)
    const t = scoreMonitoring(
      index,
      'late_payment',
      [
        {
          asOf: '2025-02-01',
          scored: 10,
          deciles: [5, 5, 0, 0, 0, 0, 0, 0, 0, 0],
          bands: { low: 0, medium: 0, high: 10 },
        },
      ],
      [
        { accountId: 2, asOfDay: dayNumber('2025-02-01'), band: 'high', badPpm: 800_000 },
        { accountId: 3, asOfDay: dayNumber('2025-02-01'), band: 'high', badPpm: 600_000 },
        { accountId: 1, asOfDay: dayNumber('2025-02-01'), band: 'low', badPpm: 100_000 },
      ],
      dayNumber('2025-04-01'),
    )
    const rows = rowsOf(t)
    expect(rows.filter((r) => r.section === 'drift').every((r) => r.verdict === 'shifted')).toBe(true)
    // Account 2 was still owing on 3 March, account 3 too; account 1 was paid by then.
    expect(rows.filter((r) => r.section === 'outcome')).toEqual([
      expect.objectContaining({ band: 'low', accounts: 1, predicted_bad_rate: 0.1, realised_bad_rate: 0 }),
      expect.objectContaining({ band: 'high', accounts: 2, predicted_bad_rate: 0.7, realised_bad_rate: 1 }),
    ])
  })
})
