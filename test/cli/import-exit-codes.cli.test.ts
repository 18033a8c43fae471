import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'
import { tempDir } from '../intake/import-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

const EXAMPLE = resolve(import.meta.dirname, '../../docs/examples/invoices.csv')
const HEADER = 'account_id,debtor_id,debtor_name,amount,opened_on,due_on,jurisdiction'

describeEachDatabase('recoup import: exit codes and one-line file errors', ({ config }) => {
  const dir = tempDir('recoup-import-cli-')
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir, name)
    writeFileSync(path, content)
    return path
  }

  it('imports the README example file with the generic preset (exit 0), and again adds nothing', {
    timeout: 60_000,
  }, () => {
    const rejects = join(dir, 'example.rejects.csv')
    const first = runCli(config(), ['import', EXAMPLE, '--preset', 'generic', '--rejects', rejects])
    expect(first.status).toBe(0)
    expect(first.stdout).toMatch(/accounts created: +2\n/)
    const again = runCli(config(), ['import', EXAMPLE, '--preset', 'generic', '--rejects', rejects])
    expect(again.status).toBe(0)
    expect(again.stdout).toMatch(/already present: +2\n/)
  })

  it('exits 3 when some rows are rejected, naming each at its line', { timeout: 60_000 }, () => {
    const file = write(
      'some-bad.csv',
      `${HEADER}\nA1,D1,Ann,10.00,2025-01-01,2025-02-01,US-NY\nA2,D2,Bob,10.00,9999-01-01,9999-02-01,US-XX9\n`,
    )
    const result = runCli(config(), ['import', file, '--tenant', 'default'])
    expect(result.status).toBe(3)
    expect(result.stderr).toContain(`${file}:3: opened_on: "9999-01-01" is outside the accepted dates`)
    expect(result.stderr).toContain(
      `${file}:3: jurisdiction: "US-XX9" is not an ISO 3166-2 subdivision of US`,
    )
    expect(result.stdout).toMatch(/rejected: +1 \(see /)
  })

  it('exits 4 for a missing file and 2 for a bad one, with one error line naming the file', {
    timeout: 60_000,
  }, () => {
    const missing = join(dir, 'nope.csv')
    const notZip = write('not-a-workbook.xlsx', `${HEADER}\n`)
    const binary = write('binary.csv', Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0, 0, 0, 0x07, 0x9b]))
    for (const [file, status, code] of [
      [missing, 4, 'file_not_found'],
      [notZip, 2, 'invalid_xlsx'],
      [binary, 2, 'binary_file'],
    ] as const) {
      const result = runCli(config(), ['import', file])
      expect(result.status, result.stderr).toBe(status)
      expect(result.stdout).toBe('')
      const lines = result.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('import: '))
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(new RegExp(`^error \\[${code}\\]: .*${file.replace(/[.]/g, '\\.')}`))
      expect(result.stderr).not.toContain('\u001b')
      expect(result.stderr).not.toContain('\u0000')
    }
  })
})
