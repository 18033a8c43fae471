import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/intake/import-file.ts'
import { cellText } from '../../src/intake/read-xlsx-rows.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { withIbmSample } from '../support/ibm-sample.ts'
import { createTenant, IBM_SAMPLE, readCsv, snapshot, tempDir } from './import-fixtures.ts'

const DATE_COLUMNS = new Set(['PaperlessDate', 'InvoiceDate', 'DueDate', 'SettledDate'])
const NUMBER_COLUMNS = new Set(['countryCode', 'InvoiceAmount', 'DaysToSettle', 'DaysLate'])

/** Cell value a spreadsheet user would have: real dates and numbers, text for ids. */
function cell(column: string, text: string): unknown {
  if (text === '') return null
  if (DATE_COLUMNS.has(column)) {
    const [month, day, year] = text.split('/').map(Number)
    return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day))
  }
  return NUMBER_COLUMNS.has(column) ? Number(text) : text
}

/** The IBM sample as an XLSX workbook (streamed, like a big export), on a second sheet after a cover sheet. */
async function writeIbmWorkbook(path: string): Promise<void> {
  const [header = [], ...rows] = readCsv(IBM_SAMPLE)
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  })
  workbook.addWorksheet('Cover').addRow(['exported for the test']).commit()
  const sheet = workbook.addWorksheet('Invoices')
  header.forEach((column, index) => {
    if (DATE_COLUMNS.has(column)) sheet.getColumn(index + 1).numFmt = 'm/d/yyyy'
  })
  sheet.addRow(header).commit()
  for (const row of rows) sheet.addRow(row.map((text, index) => cell(header[index] ?? '', text))).commit()
  await workbook.commit()
}

describe('cellText', () => {
  it.each([
    [null, ''],
    ['x', 'x'],
    [55.94, '55.94'],
    [0.1 + 0.2, '0.3'],
    [true, 'true'],
    [new Date(Date.UTC(2013, 1, 28)), '2013-02-28'],
    [new Date(Date.UTC(2013, 1, 27, 23, 59, 59, 999)), '2013-02-28'],
    [new Date(Date.UTC(2013, 0, 2, 18, 0, 0)), '2013-01-02'],
    [new Date(Date.UTC(2013, 0, 2, 12, 0, 0)), '2013-01-02'],
    [new Date(Date.UTC(2013, 0, 2, 0, 0, 0, 3)), '2013-01-02'],
    [{ richText: [{ text: 'a' }, { text: 'b' }] }, 'ab'],
    [{ formula: 'A1*2', result: 12.5 }, '12.5'],
    [{ text: 'site', hyperlink: 'https://example.com' }, 'site'],
    [{ error: '#N/A' }, '#N/A'],
  ])('%j → %s', (value, text) => {
    expect(cellText(value)).toBe(text)
  })
})

withIbmSample('import of an XLSX workbook', () => {
  describeEachDatabase('import of an XLSX workbook', ({ store }) => {
    const dir = tempDir('recoup-xlsx-')
    const book = join(dir, 'receivables.xlsx')

    it('imports the same books from the XLSX as from the CSV', async () => {
      await writeIbmWorkbook(book)
      const s = store()
      const fromCsv = await createTenant(s, 'from-csv')
      const fromXlsx = await createTenant(s, 'from-xlsx')
      await importFile(s, {
        file: IBM_SAMPLE,
        tenant: fromCsv,
        preset: 'ibm-ar',
        rejectsPath: join(dir, 'r.csv'),
      })
      const summary = await importFile(s, {
        file: book,
        tenant: fromXlsx,
        preset: 'ibm-ar',
        sheet: 'Invoices',
      })
      expect(summary).toMatchObject({
        rowsRead: 2466,
        accountsCreated: 2466,
        debtorsCreated: 100,
        rejected: 0,
      })
      const csvBooks = await snapshot(s, fromCsv.id)
      const xlsxBooks = await snapshot(s, fromXlsx.id)
      expect(xlsxBooks.accounts.map(({ original_creditor, ...a }) => a)).toEqual(
        csvBooks.accounts.map(({ original_creditor, ...a }) => a),
      )
      expect(xlsxBooks.entries).toEqual(csvBooks.entries)
      expect(xlsxBooks.debtors).toBe(csvBooks.debtors)
    })

    it('reports rejected XLSX rows by spreadsheet row number', async () => {
      const s = store()
      const tenant = await createTenant(s, 'xlsx-bad')
      const path = join(dir, 'bad.xlsx')
      const workbook = new ExcelJS.Workbook()
      const sheet = workbook.addWorksheet('Sheet1')
      sheet.addRow([
        'account_id',
        'debtor_id',
        'debtor_name',
        'amount',
        'opened_on',
        'due_on',
        'jurisdiction',
      ])
      sheet.addRow([
        'A1',
        'D1',
        'Ann',
        10.25,
        new Date(Date.UTC(2025, 0, 2)),
        new Date(Date.UTC(2025, 1, 2)),
        'US-NY',
      ])
      sheet.addRow([])
      sheet.addRow(['A2', 'D2', 'Bob', -3, '2025-01-02', '2025-02-02', 'US-NY'])
      sheet.addRow(['A3', 'D3', 'Cy', 1, '2025-01-02', '2025-02-02', 'US-NY', 'extra'])
      await workbook.xlsx.writeFile(path)
      const summary = await importFile(s, { file: path, tenant, rejectsPath: join(dir, 'bad.rejects.csv') })
      expect(summary).toMatchObject({ rowsRead: 3, accountsCreated: 1, rejected: 2 })
      expect(summary.firstRejects).toEqual([
        { line: 4, errors: [{ field: 'amount', reason: '"-3" must be greater than zero' }] },
        { line: 5, errors: [{ field: 'row', reason: 'has 8 columns, the header has 7' }] },
      ])
      expect((await snapshot(s, tenant.id)).balances).toEqual({ A1: 1025 })
    })
  })
})
