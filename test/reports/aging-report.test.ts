import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { getAgingReport } from '../../src/app/reports/get-aging-report.ts'
import { addDays } from '../../src/core/calendar/local-date.ts'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

const AS_OF = '2026-06-30'

function account(
  id: string,
  dpd: number,
  amountMinor: number,
  options: { currency?: string; client?: string; payments?: [number, string][]; openedOn?: string } = {},
): IntakeRecord {
  const dueOn = addDays(AS_OF, -dpd)
  return {
    line: 0,
    debtor: { externalId: `debtor-${id}`, kind: 'business', name: `Debtor ${id}` },
    account: {
      externalId: id,
      clientExternalId: options.client ?? 'client-a',
      originalCreditor: 'Acme',
      currentCreditor: 'Acme',
      debtKind: 'commercial',
      currency: options.currency ?? 'USD',
      jurisdiction: 'GB',
      openedOn: options.openedOn ?? addDays(dueOn, -30),
      dueOn,
      status: 'open',
    },
    entries: [
      {
        kind: 'charge',
        amountMinor,
        effectiveOn: options.openedOn ?? addDays(dueOn, -30),
        externalId: 'charge',
      },
      ...(options.payments ?? []).map(([minor, on], i) => ({
        kind: 'payment' as const,
        amountMinor: -minor,
        effectiveOn: on,
        externalId: `payment-${i}`,
      })),
    ],
  }
}

describeEachDatabase('aging report', ({ store }) => {
  it('buckets balances as of a date at every boundary, per currency and per client', async () => {
    const s = store()
    const tenant = await createTestTenant(s.db, 'aging', {
      kind: 'agency',
      timeZone: 'Europe/London',
      defaultCurrency: 'GBP',
    })
    await createIntakeWriter(s, tenant.id).write([
      account('future', -3, 100),
      account('due-today', 0, 200),
      account('dpd-1', 1, 300),
      account('dpd-30', 30, 400),
      account('dpd-31', 31, 500, { client: 'client-b' }),
      account('dpd-60', 60, 600),
      account('dpd-61', 61, 700),
      account('dpd-90', 90, 800),
      account('dpd-91', 91, 900),
      account('dpd-120', 120, 1000),
      account('dpd-121', 121, 1100),
      account('dpd-900', 900, 1200),
      account('yen', 45, 5000, { currency: 'JPY' }),
      account('part-paid', 10, 1000, { payments: [[400, '2026-06-01']] }),
      account('paid-after-as-of', 10, 1000, { payments: [[1000, '2026-07-05']] }),
      account('paid-before', 10, 1000, { payments: [[1000, '2026-06-15']] }),
      account('opened-later', 0, 999, { openedOn: '2026-07-01' }),
    ])
    const report = await getAgingReport({ store: s, actor: systemActor(tenant, 'test') }, { asOf: AS_OF })
    expect(report.bucketLabels).toEqual(['current', '1-30', '31-60', '61-90', '91-120', '121+'])
    const usd = report.totals.find((r) => r.currency === 'USD')!
    expect(usd.buckets.map((b) => [b.label, b.accounts, b.balanceMinor])).toEqual([
      ['current', 2, 300],
      ['1-30', 4, 300 + 400 + 600 + 1000],
      ['31-60', 2, 1100],
      ['61-90', 2, 1500],
      ['91-120', 2, 1900],
      ['121+', 2, 2300],
    ])
    expect(report.totals.find((r) => r.currency === 'JPY')?.buckets[2]).toEqual({
      label: '31-60',
      accounts: 1,
      balanceMinor: 5000,
    })
    const clientB = report.byClient.find((r) => r.clientExternalId === 'client-b')!
    expect([clientB.accounts, clientB.balanceMinor]).toEqual([1, 500])
    expect(
      report.byClient.filter((r) => r.currency === 'USD').reduce((sum, r) => sum + r.balanceMinor, 0),
    ).toBe(usd.balanceMinor)
  })

  it('counts days in the creditor time zone when no date is given', async () => {
    const s = store()
    const tenant = await createTestTenant(s.db, 'aging-tz', {
      timeZone: 'Asia/Kolkata',
      defaultCurrency: 'INR',
    })
    await createIntakeWriter(s, tenant.id).write([account('edge', 0, 100, { currency: 'INR' })])
    // 20:00 UTC on the due date is already the next day in India: 1 DPD there.
    const report = await getAgingReport(
      { store: s, actor: systemActor(tenant, 'test') },
      { now: new Date(`${AS_OF}T20:00:00Z`) },
    )
    expect(report.asOf).toBe('2026-07-01')
    expect(report.totals[0]?.buckets[1]?.accounts).toBe(1)
  })

  it('uses custom bucket bounds', async () => {
    const s = store()
    const tenant = await createTestTenant(s.db, 'aging-custom')
    await createIntakeWriter(s, tenant.id).write([
      account('a', 7, 100),
      account('b', 8, 100),
      account('c', 400, 100),
    ])
    const report = await getAgingReport(
      { store: s, actor: systemActor(tenant, 'test') },
      { asOf: AS_OF, bounds: [7, 365] },
    )
    expect(report.totals[0]?.buckets.map((b) => [b.label, b.accounts])).toEqual([
      ['current', 0],
      ['1-7', 1],
      ['8-365', 1],
      ['366+', 1],
    ])
  })
})
