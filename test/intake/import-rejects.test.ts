import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { importFile } from '../../src/intake/import-file.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { withIbmSample } from '../support/ibm-sample.ts'
import { createTenant, IBM_SAMPLE, readCsv, snapshot, tempDir } from './import-fixtures.ts'

const NOT_UTF8 =
  'has bytes that are not UTF-8; if the file is in another encoding, re-run with --encoding latin1 or --encoding windows-1252'

/**
 * A copy of the IBM sample with one problem per chosen line (line 1 is the header). Line 15 gets a
 * latin1 "ü" (byte 0xFC, invalid in UTF-8); the duplicate on line 2000 lands in a later batch than
 * the row it repeats, so the writer, not the batch, has to catch it.
 */
function writeBrokenCopy(path: string): { lines: string[][]; invoice: (line: number) => string } {
  const lines = readFileSync(IBM_SAMPLE, 'utf8').split('\r\n')
  const original = lines.map((line) => line.split(','))
  const set = (line: number, column: number, value: string) => {
    const fields = lines[line - 1]?.split(',') ?? []
    fields[column] = value
    lines[line - 1] = fields.join(',')
  }
  set(3, 4, '2/30/2013')
  set(5, 6, '-12.00')
  set(7, 6, 'abc')
  set(9, 3, original[1]?.[3] ?? '')
  set(11, 11, '0,extra')
  set(13, 1, '')
  set(15, 1, 'M\u00fcller')
  set(17, 6, '10.999')
  lines[18] = original[18]?.slice(0, 11).join(',') ?? ''
  set(2000, 3, original[9]?.[3] ?? '')
  const parts = lines.join('\r\n').split('M\u00fcller')
  writeFileSync(
    path,
    Buffer.concat([Buffer.from(parts[0] ?? ''), Buffer.from([0x4d, 0xfc]), Buffer.from(`ller${parts[1]}`)]),
  )
  return { lines: original, invoice: (line) => original[line - 1]?.[3] ?? '' }
}

withIbmSample('import of a broken copy of the IBM sample', () => {
  describeEachDatabase('import of a broken copy of the IBM sample', ({ store }) => {
    const dir = tempDir('recoup-broken-')
    const file = join(dir, 'broken.csv')
    const { invoice } = writeBrokenCopy(file)

    it('rejects exactly the broken rows with line, field and reason, and imports the rest', async () => {
      const s = store()
      const tenant = await createTenant(s, 'broken')
      const summary = await importFile(s, { file, tenant, preset: 'ibm-ar', batchSize: 500 })
      expect(summary.rejectFile).toBe(`${file}.rejects.csv`)
      const [header, ...rejects] = readCsv(`${file}.rejects.csv`)
      expect(header?.slice(0, 4)).toEqual(['line', 'field', 'reason', 'countryCode'])
      expect(rejects.map((row) => row.slice(0, 3))).toEqual([
        ['3', 'InvoiceDate', '"2/30/2013" is not a real calendar date'],
        ['5', 'InvoiceAmount', '"-12.00" must be greater than zero'],
        ['7', 'InvoiceAmount', '"abc" is not a decimal number'],
        ['9', 'invoiceNumber', `duplicate account id ${invoice(2)}: line 2 of this file has it`],
        ['11', 'row', 'has 13 columns, the header has 12'],
        ['13', 'customerID', 'is required'],
        ['15', 'customerID', NOT_UTF8],
        ['17', 'InvoiceAmount', '"10.999" has more than 2 decimal places for USD'],
        ['19', 'row', 'has 11 columns, the header has 12'],
        ['2000', 'invoiceNumber', `duplicate account id ${invoice(10)}: an earlier row of this file has it`],
      ])
      // The original columns follow, as read.
      expect(rejects[2]?.slice(3)).toEqual(readCsv(file)[6])
      expect(summary).toMatchObject({
        rowsRead: 2466,
        rejected: 10,
        accountsCreated: 2456,
        accountsExisting: 0,
      })
      expect(summary.firstRejects[0]).toEqual({
        line: 3,
        errors: [{ field: 'InvoiceDate', reason: '"2/30/2013" is not a real calendar date' }],
      })
      expect((await snapshot(s, tenant.id)).accounts).toHaveLength(2456)
    })

    it('imports the latin1 row when told the encoding, and nothing else twice', async () => {
      const s = store()
      const tenant = await createTenant(s, 'broken')
      const summary = await importFile(s, {
        file,
        tenant,
        preset: 'ibm-ar',
        encoding: 'latin1',
        batchSize: 500,
      })
      expect(summary).toMatchObject({ rejected: 9, accountsCreated: 1, accountsExisting: 2456 })
      const books = await snapshot(s, tenant.id)
      expect(books.accounts.find((a) => a.debtor === 'M\u00fcller')?.external_id).toBe(invoice(15))
      expect(readCsv(`${file}.rejects.csv`).map((row) => row[0])).not.toContain('15')
    })

    it('writes no reject file for a clean import and removes a stale one', async () => {
      const s = store()
      const tenant = await createTenant(s, 'clean')
      const clean = join(dir, 'clean.csv')
      writeFileSync(clean, readFileSync(IBM_SAMPLE, 'utf8').split('\r\n').slice(0, 21).join('\r\n'))
      const rejects = `${clean}.rejects.csv`
      writeFileSync(rejects, 'line,field,reason,old\r\n')
      const summary = await importFile(s, { file: clean, tenant, preset: 'ibm-ar' })
      expect(summary).toMatchObject({ rowsRead: 20, rejected: 0, rejectFile: null })
      expect(() => readFileSync(rejects)).toThrow(/ENOENT/)
    })
  })
})
