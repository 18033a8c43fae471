import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { getAgingReport } from '../../src/app/reports/get-aging-report.ts'
import { importFile } from '../../src/intake/import-file.ts'
import { IBM_SAMPLE, tempDir } from '../intake/import-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'
import { withIbmSample } from '../support/ibm-sample.ts'

/**
 * The golden aging test: expected buckets are computed here straight from the CSV's own columns, with
 * none of Recoup's parsing, and compared with the report over the imported ledger.
 */
function expectedAging(asOf: string): { accounts: number; cents: number }[] {
  const day = (mdy: string) => {
    const [m, d, y] = mdy.split('/').map(Number)
    return Date.UTC(y as number, (m as number) - 1, d as number) / 86_400_000
  }
  const [y, m, d] = asOf.split('-').map(Number)
  const asOfDay = Date.UTC(y as number, (m as number) - 1, d as number) / 86_400_000
  const buckets = Array.from({ length: 6 }, () => ({ accounts: 0, cents: 0 }))
  const lines = readFileSync(IBM_SAMPLE, 'utf8').trim().split(/\r?\n/).slice(1)
  for (const line of lines) {
    const cols = line.split(',')
    const [invoiceDate, dueDate, amount, settledDate] = [
      cols[4] ?? '',
      cols[5] ?? '',
      cols[6] ?? '',
      cols[8] ?? '',
    ]
    if (day(invoiceDate) > asOfDay) continue
    if (settledDate && day(settledDate) <= asOfDay) continue
    const dpd = asOfDay - day(dueDate)
    const bucket = dpd <= 0 ? 0 : dpd <= 30 ? 1 : dpd <= 60 ? 2 : dpd <= 90 ? 3 : dpd <= 120 ? 4 : 5
    const [whole, fraction = ''] = amount.split('.')
    const target = buckets[bucket] as { accounts: number; cents: number }
    target.accounts++
    target.cents += Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  }
  return buckets
}

withIbmSample('aging of the IBM accounts-receivable sample', () => {
  describeEachDatabase('aging of the IBM accounts-receivable sample', ({ store }) => {
    it('matches buckets computed independently from the CSV dates at several as-of dates', async () => {
      const s = store()
      const tenant = await createTestTenant(s.db, 'ibm-aging', { timeZone: 'America/New_York' })
      await importFile(s, {
        file: IBM_SAMPLE,
        tenant,
        preset: 'ibm-ar',
        rejectsPath: join(tempDir('recoup-ibm-aging-'), 'r.csv'),
      })
      for (const asOf of ['2012-06-30', '2013-03-15', '2013-06-30', '2013-12-31']) {
        const expected = expectedAging(asOf)
        const report = await getAgingReport({ store: s, actor: systemActor(tenant, 'test') }, { asOf })
        const usd = report.totals.find((row) => row.currency === 'USD')
        const actual = usd?.buckets.map((b) => ({ accounts: b.accounts, cents: b.balanceMinor })) ?? []
        expect({ asOf, buckets: actual }).toEqual({ asOf, buckets: expected })
        expect(report.totals.map((r) => r.currency)).toEqual(['USD'])
      }
      // The sample has past-due invoices at mid-2013: the comparison is not vacuous.
      expect(
        expectedAging('2013-06-30')
          .slice(1)
          .some((b) => b.accounts > 0),
      ).toBe(true)
    })
  })
})
