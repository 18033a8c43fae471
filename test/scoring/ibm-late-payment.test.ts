import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { scoreTenantAccounts } from '../../src/app/scoring/score-accounts.ts'
import { trainModel } from '../../src/app/scoring/train-model.ts'
import { dayNumber } from '../../src/core/calendar/local-date.ts'
import {
  computeFeatures,
  FEATURE_COUNT,
  FEATURES,
  indexHistory,
} from '../../src/core/scoring/score-features.ts'
import { buildExamples } from '../../src/core/scoring/score-targets.ts'
import { importFile } from '../../src/intake/import-file.ts'
import { loadScoringHistory } from '../../src/store/scoring/scoring-history.repository.ts'
import { IBM_SAMPLE, tempDir } from '../intake/import-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'
import { withIbmSample } from '../support/ibm-sample.ts'

interface CsvInvoice {
  invoice: string
  customer: string
  invoiceDay: number
  dueDay: number
  settledDay: number
  daysLate: number
}

/** The CSV read with none of Recoup's parsing: the truth the ledger-derived outcomes are checked against. */
function csvInvoices(): CsvInvoice[] {
  const day = (mdy: string) => {
    const [m, d, y] = mdy.split('/').map(Number)
    return Date.UTC(y as number, (m as number) - 1, d as number) / 86_400_000
  }
  return readFileSync(IBM_SAMPLE, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const c = line.split(',')
      return {
        invoice: c[3] as string,
        customer: c[1] as string,
        invoiceDay: day(c[4] as string),
        dueDay: day(c[5] as string),
        settledDay: day(c[8] as string),
        daysLate: Number(c[11]),
      }
    })
}

const at = (name: string) => FEATURES.findIndex((f) => f.name === name)

withIbmSample('late-payment scorecard on the IBM sample', () => {
  describeEachDatabase('late-payment scorecard on the IBM sample', ({ store }) => {
    it('derives outcomes and history features that match the CSV, and beats chance on the later hold-out', async () => {
      const s = store()
      const tenant = await createTestTenant(s.db, 'ibm-score', { timeZone: 'America/New_York' })
      await importFile(s, {
        file: IBM_SAMPLE,
        tenant,
        preset: 'ibm-ar',
        rejectsPath: join(tempDir('recoup-ibm-score-'), 'r.csv'),
      })
      const csv = csvInvoices()
      const byInvoice = new Map(csv.map((r) => [r.invoice, r]))
      const index = indexHistory(await loadScoringHistory(s.db, tenant.id))
      const examples = buildExamples(index, 'late_payment', '2014-06-30')
      // Every invoice is settled by mid-2014: each one is an example, its outcome the CSV's DaysLate.
      expect(examples.length).toBe(csv.length)
      for (const e of examples) {
        const row = byInvoice.get(index.accounts[e.accountAt]?.externalId ?? '') as CsvInvoice
        expect(e.outcomeDays).toBe(row.daysLate)
        expect(e.bad).toBe(row.daysLate > 0 ? 1 : 0)
        expect(e.day).toBe(row.invoiceDay)
      }
      // History features on the day each invoice was issued, recomputed from the CSV columns alone.
      const v = new Float64Array(FEATURE_COUNT)
      for (const e of examples) {
        const row = byInvoice.get(index.accounts[e.accountAt]?.externalId ?? '') as CsvInvoice
        const prior = csv.filter(
          (o) => o.customer === row.customer && o.invoice !== row.invoice && o.settledDay <= row.invoiceDay,
        )
        computeFeatures(index, e.accountAt, e.day, v, 0)
        expect(v[at('priorSettled')]).toBe(prior.length)
        if (prior.length === 0) expect(v[at('priorLateShare')]).toBeNaN()
        else {
          const late = prior.filter((o) => o.settledDay > o.dueDay)
          expect(v[at('priorLateShare')]).toBeCloseTo(late.length / prior.length, 12)
          const meanLate =
            prior.reduce((sum, o) => sum + Math.max(0, o.settledDay - o.dueDay), 0) / prior.length
          expect(v[at('priorMeanDaysLate')]).toBeCloseTo(meanLate, 9)
        }
        expect(v[at('daysPastDue')]).toBe(row.invoiceDay - row.dueDay)
      }

      const ctx = { store: s, actor: systemActor(tenant, 'test') }
      const trained = await trainModel(ctx, { target: 'late_payment', dataAsOf: '2014-06-30' })
      const e = trained.evaluation
      expect(dayNumber(e.train.to)).toBeLessThan(dayNumber(e.splitOn))
      expect(dayNumber(e.test.from)).toBeGreaterThanOrEqual(dayNumber(e.splitOn))
      expect(e.scorecard.count).toBe(e.baseline.count)
      expect(e.scorecard.auc).toBeGreaterThan(0.8)
      expect(e.baseline.auc).toBeGreaterThan(0.8)
      expect(e.scorecard.gini).toBeCloseTo(2 * e.scorecard.auc - 1, 12)
      expect(e.scorecard.topDecileLift).toBeGreaterThan(2)
      expect(trained.examples).toHaveLength(3)
      expect(trained.examples[0]?.applied.reasonCodes.length).toBeGreaterThan(0)
      const [run] = await scoreTenantAccounts(ctx, { asOf: '2013-06-30' })
      // The accounts owing mid-2013, as the aging report counts them (README: 84).
      expect(run?.scored).toBe(84)
    })
  })
})
