import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { beforeAll, expect, it } from 'vitest'
import { hasControlCharacters } from '../../src/core/intake/field-limits.ts'
import { importFile } from '../../src/intake/import-file.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTenant, snapshot, tempDir } from './import-fixtures.ts'

const HEADER = ['account_id', 'debtor_id', 'debtor_name', 'amount', 'opened_on', 'due_on', 'jurisdiction']
const dir = tempDir('recoup-bad-files-')
const path = (name: string) => join(dir, name)

/** A 30,000-row workbook written by the streaming writer, like a big export. */
async function writeBigWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true })
  const sheet = workbook.addWorksheet('Accounts')
  sheet.addRow(HEADER).commit()
  for (let i = 0; i < 30_000; i++) {
    sheet.addRow([`A-${i}`, `D-${i}`, `Debtor ${i}`, '10.00', '2025-01-01', '2025-02-01', 'US-NY']).commit()
  }
  await workbook.commit()
}

/** A zip archive of one stored (uncompressed) file: valid as a zip, but no workbook. */
function storedZip(name: string, text: string): Buffer {
  const data = Buffer.from(text)
  const fileName = Buffer.from(name)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(data.length, 22)
  local.writeUInt16LE(fileName.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt32LE(data.length, 20)
  central.writeUInt32LE(data.length, 24)
  central.writeUInt16LE(fileName.length, 28)
  const directoryOffset = local.length + fileName.length + data.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + fileName.length, 12)
  end.writeUInt32LE(directoryOffset, 16)
  return Buffer.concat([local, fileName, data, central, fileName, end])
}

const files: Record<string, string> = {}
/** The path of a generated bad file, remembered under its case key. */
const put = (key: string, name: string) => {
  files[key] = path(name)
  return files[key]
}
beforeAll(async () => {
  await writeBigWorkbook(path('big.xlsx'))
  const whole = readFileSync(path('big.xlsx'))
  writeFileSync(put('cut90', 'cut90.xlsx'), whole.subarray(0, Math.floor(whole.length * 0.9)))
  writeFileSync(put('cut1', 'cut1.xlsx'), whole.subarray(0, Math.floor(whole.length * 0.01)))
  writeFileSync(put('text', 'text.xlsx'), `${HEADER.join(',')}\nA,D,N,1.00,2025-01-01,2025-02-01,US\n`)
  writeFileSync(put('zip', 'notes.xlsx'), storedZip('notes.txt', 'not a workbook'))
  writeFileSync(put('png', 'image.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]))
  writeFileSync(put('nul', 'nul.csv'), Buffer.concat([Buffer.from('account_id,x\r\n'), Buffer.alloc(64, 0)]))
  writeFileSync(put('utf16', 'utf16.csv'), Buffer.from(`\ufeff${HEADER.join(',')}\r\n`, 'utf16le'))
  writeFileSync(put('xlsxAsCsv', 'book.csv'), whole)
  writeFileSync(put('escHeader', 'esc.csv'), `account_id,\u001b[2Jdebtor\n1,2\n`)
})

const cases = [
  { name: 'an XLSX of 30,000 rows cut at 90%', file: 'cut90', code: 'invalid_xlsx', message: /truncated/ },
  { name: 'an XLSX cut after its first bytes', file: 'cut1', code: 'invalid_xlsx', message: /truncated/ },
  { name: 'a CSV named .xlsx', file: 'text', code: 'invalid_xlsx', message: /not a zip archive/ },
  { name: 'a zip that holds no workbook', file: 'zip', code: 'invalid_xlsx', message: /no workbook/ },
  { name: 'a PNG named .csv', file: 'png', code: 'binary_file', message: /a PNG image/ },
  { name: 'a CSV holding NUL bytes', file: 'nul', code: 'binary_file', message: /NUL bytes/ },
  { name: 'a UTF-16 CSV', file: 'utf16', code: 'binary_file', message: /UTF-16/ },
  { name: 'a workbook named .csv', file: 'xlsxAsCsv', code: 'binary_file', message: /zip archive/ },
  {
    name: 'a header with a terminal escape',
    file: 'escHeader',
    code: 'invalid_header',
    message: /control characters/,
  },
]

describeEachDatabase('bad files are refused with one clear error and nothing written', ({ store }) => {
  it.each(cases)('$name: $code naming the file', async ({ file, code, message }) => {
    const s = store()
    const tenant = await createTenant(s, `bad-${file.toLowerCase()}`)
    const target = files[file] as string
    const attempt = importFile(s, { file: target, tenant, preset: 'generic' })
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ name: 'AppError', code, message: expect.stringMatching(message) })
    const text = (error as Error).message
    expect(text).toContain(target)
    expect(hasControlCharacters(text)).toBe(false)
    expect(text.split('\n')).toHaveLength(1)
    const runs = await s.db
      .selectFrom('import_runs')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(runs).toEqual([])
    expect((await snapshot(s, tenant.id)).accounts).toEqual([])
  })

  it('still imports the whole workbook', async () => {
    const s = store()
    const tenant = await createTenant(s, 'bad-whole')
    const summary = await importFile(s, { file: path('big.xlsx'), tenant, preset: 'generic' })
    expect(summary).toMatchObject({ rowsRead: 30_000, accountsCreated: 30_000, rejected: 0 })
  })
})
