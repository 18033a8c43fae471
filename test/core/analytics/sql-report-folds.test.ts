import { describe, expect, it } from 'vitest'
import { channelEffectiveness } from '../../../src/core/analytics/channel-effectiveness.ts'
import { contactRates } from '../../../src/core/analytics/contact-rates.ts'
import { costToCollect } from '../../../src/core/analytics/cost-to-collect.ts'
import { type LedgerMonth, monthsBetween, recoveryRates } from '../../../src/core/analytics/recovery-rates.ts'
import { zoneOffsetSpans } from '../../../src/core/calendar/zone-offset-spans.ts'
import { DEFAULT_SETTINGS } from '../../../src/core/tenants/tenant-settings.ts'

/** Row of a report as an object by column name. */
const rowsOf = (t: { columns: string[]; rows: (string | number)[][] }) =>
  t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])))

const month = (
  m: string,
  owedChangeMinor: number,
  chargedMinor: number,
  placedMinor: number,
  collectedMinor: number,
  currency = 'USD',
): LedgerMonth => ({ currency, month: m, owedChangeMinor, chargedMinor, placedMinor, collectedMinor })

describe('recovery, cost, contact and channel folds', () => {
  // December: 1,000.00 placed. January: 200.00 paid, a 50.00 fee. February: 100.00 more placed, 300.00
  // paid, 20.00 of January's payment reversed. EUR only from February.
  const ledger = [
    month('2024-12', 100_000, 100_000, 100_000, 0),
    month('2025-01', -15_000, 5_000, 0, 20_000),
    month('2025-02', -18_000, 10_000, 10_000, 28_000),
    month('2025-02', 5_000, 5_000, 5_000, 0, 'EUR'),
  ]

  it('recovery: opening from the months before, recovery rate and liquidation to date', () => {
    const rows = rowsOf(recoveryRates(ledger, '2025-01-01', '2025-03-15'))
    expect(rows.map((r) => `${r.month} ${r.currency}`)).toEqual([
      '2025-01 USD',
      '2025-02 EUR',
      '2025-02 USD',
      '2025-03 EUR',
      '2025-03 USD',
    ])
    // January: opening 1,000.00; collected 200.00 / (1,000.00 + 50.00) = 0.1905; 200 of 1,000 placed.
    expect(rows[0]).toEqual({
      month: '2025-01',
      currency: 'USD',
      opening_minor: 100_000,
      new_charges_minor: 5_000,
      collected_minor: 20_000,
      closing_minor: 85_000,
      recovery_rate: 0.1905,
      placed_to_date_minor: 100_000,
      collected_to_date_minor: 20_000,
      liquidation_rate: 0.2,
    })
    // February: opening 850.00; collected 280.00 (300.00 less the 20.00 reversed) / (850 + 100) = 0.2947;
    // 480.00 of 1,100.00 placed = 0.4364.
    expect(rows[2]).toMatchObject({
      opening_minor: 85_000,
      collected_minor: 28_000,
      closing_minor: 67_000,
      recovery_rate: 0.2947,
      liquidation_rate: 0.4364,
    })
    // A month with no entries still shows its opening; nothing collected is a rate of 0, not undefined.
    expect(rows[4]).toMatchObject({ opening_minor: 67_000, collected_minor: 0, recovery_rate: 0 })
    expect(rows[1]).toMatchObject({ opening_minor: 0, new_charges_minor: 5_000, recovery_rate: 0 })
    expect(monthsBetween('2024-11-30', '2025-02-01')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02'])
  })

  it('cost to collect: prices only configured channels in the tenant currency, counts the rest unpriced', () => {
    const units = [
      { month: '2025-02', currency: 'USD', channel: 'email', units: 100 },
      { month: '2025-02', currency: 'USD', channel: 'sms', units: 40 },
      { month: '2025-02', currency: 'USD', channel: 'letter', units: 10 },
      { month: '2025-02', currency: 'USD', channel: 'call', units: 5 },
      { month: '2025-02', currency: 'EUR', channel: 'email', units: 3 },
    ]
    const prices = {
      currency: 'USD',
      costs: { ...DEFAULT_SETTINGS.costs, emailMinor: 1, smsMinor: 5, letterMinor: 120 },
      configured: new Set(['email', 'sms', 'letter']),
    }
    const table = costToCollect(
      units,
      [{ month: '2025-02', currency: 'USD', costsMinor: 2_500 }],
      ledger,
      prices,
      '2025-02-01',
      '2025-02-28',
    )
    const [eur, usd] = rowsOf(table)
    // 100 × 1 + 40 × 5 + 10 × 120 = 1,500; the 5 calls have no price; + 25.00 legal = 40.00 of 280.00.
    expect(usd).toEqual({
      month: '2025-02',
      currency: 'USD',
      emails: 100,
      sms: 40,
      letters: 10,
      calls: 5,
      contact_cost_minor: 1_500,
      unpriced_contacts: 5,
      legal_costs_minor: 2_500,
      partner_commission_minor: 0,
      total_cost_minor: 4_000,
      collected_minor: 28_000,
      cost_to_collect: 0.1429,
    })
    // Euro accounts: unit costs are in dollars, so their emails are unpriced; nothing collected: no ratio.
    expect(eur).toMatchObject({ emails: 3, contact_cost_minor: 0, unpriced_contacts: 3, cost_to_collect: '' })
    expect(table.notes.join(' ')).toContain('Not configured: the unit cost of call')
    const none = costToCollect(
      units,
      [],
      ledger,
      { ...prices, configured: new Set() },
      '2025-02-01',
      '2025-02-28',
    )
    expect(rowsOf(none).map((r) => r.contact_cost_minor)).toEqual([0, 0])
    expect(none.notes.join(' ')).toContain('Not configured: the unit cost of email, sms, letter, call')
  })

  it('contacts: right-party-contact and promise rates on call rows, response rates on every row', () => {
    const rows = rowsOf(
      contactRates(
        [
          { month: '2025-03', channel: 'call', attempts: 20, conversations: 8, responses: 0 },
          { month: '2025-03', channel: 'email', attempts: 50, conversations: 0, responses: 2 },
        ],
        [
          { month: '2025-03', worked: 20, rightPartyContacts: 6, promises: 3, wrongParty: 2 },
          { month: '2025-04', worked: 1, rightPartyContacts: 0, promises: 0, wrongParty: 0 },
        ],
      ),
    )
    // 8 / 20 conversations; 6 / 20 right-party contacts; 3 promises / 6 contacts.
    expect(rows[0]).toMatchObject({
      channel: 'call',
      contact_rate: 0.4,
      rpc_rate: 0.3,
      promise_per_rpc_rate: 0.5,
      response_rate: 0,
    })
    expect(rows[1]).toMatchObject({ channel: 'email', rpc_rate: '', calls_worked: '', response_rate: 0.04 })
    // A call task worked with no contact event of the month: attempts 0, so the rates are undefined.
    expect(rows[2]).toMatchObject({ month: '2025-04', channel: 'call', calls_worked: 1, rpc_rate: '' })
  })

  it('channel effectiveness: share of accounts paying and amount per message, sorted by dimension', () => {
    const table = channelEffectiveness(
      [
        {
          dimension: 'tone',
          value: 'firm',
          currency: 'USD',
          messages: 4,
          accounts: 4,
          accountsPaying: 1,
          collectedMinor: 900,
        },
        {
          dimension: 'channel',
          value: 'sms',
          currency: 'USD',
          messages: 6,
          accounts: 3,
          accountsPaying: 2,
          collectedMinor: 1_000,
        },
        {
          dimension: 'hour',
          value: '09',
          currency: 'USD',
          messages: 0,
          accounts: 0,
          accountsPaying: 0,
          collectedMinor: 0,
        },
      ],
      7,
    )
    expect(rowsOf(table)).toEqual([
      expect.objectContaining({
        dimension: 'channel',
        paying_share: 0.6667,
        collected_per_message_minor: 167,
      }),
      expect.objectContaining({ dimension: 'tone', paying_share: 0.25, collected_per_message_minor: 225 }),
      expect.objectContaining({ dimension: 'hour', paying_share: '', collected_per_message_minor: '' }),
    ])
    expect(table.notes[0]).toContain('7 days after it')
  })

  it('zone offset spans: New York changes from -300 to -240 minutes at 07:00 UTC on 8 March 2026', () => {
    const spans = zoneOffsetSpans(
      'America/New_York',
      Date.parse('2026-03-01T00:00:00Z'),
      Date.parse('2026-04-01T00:00:00Z'),
    )
    expect(spans).toEqual([
      { startMs: Date.parse('2026-03-01T00:00:00Z'), offsetMinutes: -300 },
      { startMs: Date.parse('2026-03-08T07:00:00Z'), offsetMinutes: -240 },
    ])
    // Kolkata: one span, +330; Lord Howe changes by half an hour.
    expect(zoneOffsetSpans('Asia/Kolkata', 0, 86_400_000 * 40)).toEqual([{ startMs: 0, offsetMinutes: 330 }])
    const lordHowe = zoneOffsetSpans(
      'Australia/Lord_Howe',
      Date.parse('2026-04-01T00:00:00Z'),
      Date.parse('2026-04-10T00:00:00Z'),
    )
    expect(lordHowe.map((s) => s.offsetMinutes)).toEqual([660, 630])
    expect(new Date(lordHowe[1]?.startMs ?? 0).toISOString()).toBe('2026-04-04T15:00:00.000Z')
  })
})
