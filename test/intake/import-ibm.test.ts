import { join } from 'node:path'
import { expect, it } from 'vitest'
import { parseAmount } from '../../src/core/money/money.ts'
import { importFile } from '../../src/intake/import-file.ts'
import type { ImportProgress } from '../../src/intake/import-options.ts'
import { verifyJournalChain } from '../../src/store/journal.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { withIbmSample } from '../support/ibm-sample.ts'
import { createTenant, IBM_SAMPLE, importHistory, readCsv, snapshot, tempDir } from './import-fixtures.ts'

withIbmSample('import of the IBM accounts-receivable sample', () => {
  describeEachDatabase('import of the IBM accounts-receivable sample', ({ store }) => {
    const dir = tempDir('recoup-ibm-')
    const rejectsPath = join(dir, 'rejects.csv')

    it('imports every invoice once: 2466 accounts, 100 debtors, charges summing to the file total', async () => {
      const s = store()
      const tenant = await createTenant(s, 'ibm')
      const progress: ImportProgress[] = []
      const summary = await importFile(
        s,
        { file: IBM_SAMPLE, tenant, preset: 'ibm-ar', rejectsPath, batchSize: 2000 },
        (p) => progress.push(p),
      )
      expect(summary).toMatchObject({
        rowsRead: 2466,
        rejected: 0,
        accountsCreated: 2466,
        accountsExisting: 0,
        debtorsCreated: 100,
        entriesPosted: 4932,
        rejectFile: null,
        mapping: 'ibm-ar',
      })
      expect(progress.map((p) => p.phase)).toEqual(['started', 'batch', 'batch', 'completed'])
      expect(progress.at(-1)?.bytesRead).toBe(progress.at(-1)?.totalBytes)

      const fileTotal = readCsv(IBM_SAMPLE)
        .slice(1)
        .reduce((sum, row) => {
          const amount = parseAmount(row[6] ?? '', 'USD')
          if (!amount.ok) throw new Error(amount.reason)
          return sum + amount.minor
        }, 0)
      const books = await snapshot(s, tenant.id)
      expect(books.accounts).toHaveLength(2466)
      expect(books.debtors).toBe(100)
      const charges = books.entries
        .filter((e) => e.kind === 'charge')
        .reduce((sum, e) => sum + e.amount_minor, 0)
      expect(charges).toBe(fileTotal)
      expect(fileTotal).toBe(14_770_318)
      // Every invoice of the sample was settled in full: each account nets to zero and is paid.
      expect(Object.values(books.balances).every((balance) => balance === 0)).toBe(true)
      expect(books.accounts.every((a) => a.status === 'paid' && a.jurisdiction.startsWith('XX-'))).toBe(true)
      expect(books.accounts[0]).toMatchObject({
        currency: 'USD',
        debtor_kind: 'business',
        debt_kind: 'commercial',
      })

      const history = await importHistory(s, tenant.id)
      expect(history.runs).toEqual([
        {
          id: summary.runId,
          status: 'completed',
          counts: expect.objectContaining({ rowsRead: 2466, accountsCreated: 2466 }),
          file_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      ])
      expect(history.events).toEqual([
        {
          type: 'import.completed',
          subject: `import_run:${summary.runId}`,
          payload: expect.objectContaining({
            importRunId: summary.runId,
            accountsCreated: 2466,
            rejected: 0,
          }),
        },
      ])
    })

    it('adds nothing when the same file is imported again, and says all were already present', async () => {
      const s = store()
      const tenant = await createTenant(s, 'ibm')
      const before = await snapshot(s, tenant.id)
      const again = await importFile(s, { file: IBM_SAMPLE, tenant, preset: 'ibm-ar', rejectsPath })
      expect(again).toMatchObject({
        rowsRead: 2466,
        accountsCreated: 0,
        accountsExisting: 2466,
        debtorsCreated: 0,
        entriesPosted: 0,
        rejected: 0,
      })
      expect(await snapshot(s, tenant.id)).toEqual(before)
      const history = await importHistory(s, tenant.id)
      expect(history.runs.map((r) => r.status)).toEqual(['completed', 'completed'])
      expect(history.events).toHaveLength(2)
      expect((await verifyJournalChain(s.db, tenant.id)).firstBreak).toBeNull()
    })

    it('takes the currency from --currency when given', async () => {
      const s = store()
      const tenant = await createTenant(s, 'ibm-eur')
      await importFile(s, { file: IBM_SAMPLE, tenant, preset: 'ibm-ar', currency: 'eur', rejectsPath })
      const books = await snapshot(s, tenant.id)
      expect(new Set(books.accounts.map((a) => a.currency))).toEqual(new Set(['EUR']))
    })
  })
})
