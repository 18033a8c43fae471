import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { expect, it } from 'vitest'
import { importFile } from '../../src/intake/import-file.ts'
import type { ImportOptions } from '../../src/intake/import-options.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTenant, snapshot, tempDir } from './import-fixtures.ts'

const dir = tempDir('recoup-import-errors-')
const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
// Two rows in the shape of the IBM sample, so these cases need nothing outside the repository.
const ibmShaped = write(
  'ibm-shaped.csv',
  'countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate\r\n' +
    '391,0379-NEVHP,4/6/2013,0000611365,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0\r\n',
)
const badJson = write('bad.json', '{ "fields": { "account_id": "A", } }')
const absentColumns = write(
  'absent.json',
  JSON.stringify({ fields: { account_id: 'Invoice', amount: 'Total' } }),
)
const empty = write('empty.csv', '')
const notes = write('notes.txt', 'a,b\n')
const book = join(dir, 'book.xlsx')
const workbook = new ExcelJS.Workbook()
workbook.addWorksheet('Invoices').addRow(['a'])
await workbook.xlsx.writeFile(book)

const cases: { name: string; options: Partial<ImportOptions>; code: string; message: RegExp }[] = [
  {
    name: 'missing file',
    options: { file: join(dir, 'nope.csv') },
    code: 'file_not_found',
    message: /no such file/,
  },
  { name: 'unknown preset', options: { preset: 'sap' }, code: 'unknown_preset', message: /generic, ibm-ar/ },
  {
    name: 'mapping not valid JSON',
    options: { preset: undefined, mappingFile: badJson },
    code: 'invalid_mapping',
    message: /not valid JSON/,
  },
  {
    name: 'missing mapping file',
    options: { preset: undefined, mappingFile: join(dir, 'x.json') },
    code: 'mapping_not_found',
    message: /x\.json/,
  },
  {
    name: 'mapping naming absent columns',
    options: { preset: undefined, mappingFile: absentColumns },
    code: 'mapping_columns_missing',
    message: /absent from the header: Invoice, Total/,
  },
  {
    name: 'unsupported extension',
    options: { file: notes },
    code: 'unsupported_file_type',
    message: /\.csv and \.xlsx/,
  },
  { name: 'empty file', options: { file: empty }, code: 'empty_file', message: /no header row/ },
  { name: 'unknown currency', options: { currency: 'ABC' }, code: 'invalid_currency', message: /ISO 4217/ },
  {
    name: 'preset and mapping',
    options: { preset: 'generic', mappingFile: absentColumns },
    code: 'conflicting_options',
    message: /either/,
  },
  { name: 'bad batch size', options: { batchSize: 0 }, code: 'invalid_batch_size', message: /batch size/ },
  {
    name: 'unknown sheet',
    options: { file: book, sheet: 'Sheet9' },
    code: 'sheet_not_found',
    message: /it has: Invoices/,
  },
  {
    name: 'wrong preset for the file',
    options: { preset: 'generic' },
    code: 'mapping_columns_missing',
    message: /account_id/,
  },
]

describeEachDatabase('whole-file import problems', ({ store }) => {
  it.each(cases)('fails on $name with nothing written', async ({ options, code, message }) => {
    const s = store()
    const tenant = await createTenant(s, 'errors')
    const attempt = importFile(s, { file: ibmShaped, tenant, preset: 'ibm-ar', ...options })
    await expect(attempt).rejects.toMatchObject({
      name: 'AppError',
      code,
      message: expect.stringMatching(message),
    })
    const runs = await s.db
      .selectFrom('import_runs')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(runs).toEqual([])
    expect((await snapshot(s, tenant.id)).accounts).toEqual([])
  })

  it('imports a file of its own shape through a JSON mapping file', async () => {
    const s = store()
    const tenant = await createTenant(s, 'mapped')
    const file = write(
      'shop.csv',
      'Rechnung;Kunde,Name,Betrag,Datum,Fällig,Land,Kanal\r\nR-1;7,Anna Weber,"1,234.50",31.1.2025,28.2.2025,BY,web\r\n',
    )
    const mappingFile = write(
      'shop.json',
      JSON.stringify({
        dateFormat: 'd.m.yyyy',
        fields: {
          account_id: 'Rechnung;Kunde',
          debtor_id: 'Name',
          debtor_name: 'Name',
          amount: 'Betrag',
          currency: { value: 'EUR' },
          opened_on: 'Datum',
          due_on: 'fällig',
          jurisdiction: { column: 'Land', prefix: 'DE-' },
        },
        attributes: { channel: 'Kanal' },
      }),
    )
    const summary = await importFile(s, { file, tenant, mappingFile })
    expect(summary).toMatchObject({ rowsRead: 1, accountsCreated: 1, rejected: 0, mapping: 'shop.json' })
    const books = await snapshot(s, tenant.id)
    expect(books.accounts[0]).toMatchObject({
      external_id: 'R-1;7',
      currency: 'EUR',
      jurisdiction: 'DE-BY',
      opened_on: '2025-01-31',
      due_on: '2025-02-28',
      status: 'open',
      attributes: { channel: 'web' },
    })
    expect(books.balances).toEqual({ 'R-1;7': 123450 })
  })
})
