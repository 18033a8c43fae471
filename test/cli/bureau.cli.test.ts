import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { BASE_FIELDS } from '../../src/core/bureau/metro2-layout.ts'
import { loadDemo } from '../engine/engine-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase('recoup bureau', ({ store, config }) => {
  it('exports a month, validates the file, and names the byte and field of a corrupted one', async () => {
    const tenant = await loadDemo(store(), 150, 'bureau-cli')
    const accounts = await store()
      .db.selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('jurisdiction', 'like', 'US%')
      .execute()
    for (const a of accounts)
      await store()
        .db.insertInto('contact_events')
        .values({
          tenant_id: tenant.id,
          account_id: a.id,
          contact_point_id: null,
          channel: 'letter',
          direction: 'outbound',
          result: 'sent',
          occurred_at: '2026-10-01T15:00:00.000Z',
          outbox_id: null,
        })
        .execute()
    const dir = mkdtempSync(join(tmpdir(), 'recoup-bureau-'))
    const out = join(dir, 'nov.dat')
    const exported = runCli(config(), [
      'bureau',
      'export',
      '--month',
      '2026-11',
      '--tenant',
      'bureau-cli',
      '--out',
      out,
    ])
    expect(exported.status, exported.stderr).toBe(0)
    const result = JSON.parse(exported.stdout)
    expect(result).toMatchObject({ month: '2026-11', file: out, excludedFile: `${out}.excluded.csv` })
    expect(result.furnished).toBeGreaterThan(0)

    const valid = runCli(config(), ['bureau', 'validate', out])
    expect(valid.status, valid.stderr).toBe(0)
    expect(JSON.parse(valid.stdout)).toMatchObject({ valid: true, accounts: result.furnished })

    const bytes = readFileSync(out)
    const status = BASE_FIELDS.find((f) => f.name === 'Account Status')!
    const offset = 426 + status.start - 1
    bytes.write('QQ', offset, 'latin1')
    const broken = join(dir, 'broken.dat')
    writeFileSync(broken, bytes)
    const invalid = runCli(config(), ['bureau', 'validate', broken])
    expect(invalid.status).toBe(2)
    expect(invalid.stderr).toContain(
      `${broken}: byte ${offset}, record 2 (base), Account Status: "QQ" is not one of`,
    )
    expect(invalid.stderr).toMatch(/error \[invalid_metro2_file\]/)

    const missing = runCli(config(), ['bureau', 'validate', join(dir, 'nope.dat')])
    expect(missing.stderr).toMatch(/^error \[file_not_found\]/)
    const badMonth = runCli(config(), ['bureau', 'export', '--month', 'November', '--tenant', 'bureau-cli'])
    expect(badMonth.status).toBe(2)
    expect(badMonth.stderr).toMatch(/^error \[invalid_date\]: month must be YYYY-MM/)
  })
})
