import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { documentAccounts } from '../documents/document-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase('recoup document and recoup template', ({ store, config }) => {
  it('renders a document to a file and reports its dates; bad input is one error line', async () => {
    await documentAccounts(store(), 'doc-cli')
    const dir = mkdtempSync(join(tmpdir(), 'recoup-doc-'))
    const out = join(dir, 'vn.pdf')
    const args = ['document', 'render', 'validation-notice', 'US-1', '--tenant', 'doc-cli', '--out', out]
    const ok = runCli(config(), [...args, '--mailing-date', '2026-11-20', '--paper', 'Letter'])
    expect(ok.status, ok.stderr).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({
      kind: 'validation-notice',
      paper: 'LETTER',
      dates: { validationPeriodEndsOn: '2026-12-30' },
    })
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-')
    const bad = runCli(config(), [...args, '--paper', 'A5'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/^error \[invalid_paper_size\]/)
    const blocked = runCli(config(), [
      'document',
      'render',
      'final-notice',
      'US-1',
      '--tenant',
      'doc-cli',
      '--out',
      join(dir, 'fn.pdf'),
      '--mailing-date',
      '2026-11-20',
      '--validation-ends',
      '2026-12-30',
    ])
    expect(blocked.status).toBe(6)
    expect(blocked.stderr).toMatch(/^error \[document_blocked\].*us\.reg-f\.overshadowing/)
  })

  it('batch writes batch.pdf and manifest.csv; template preview shows the check', async () => {
    await documentAccounts(store(), 'doc-cli-b')
    const dir = join(mkdtempSync(join(tmpdir(), 'recoup-batch-')), 'out')
    const batch = runCli(config(), [
      'document',
      'batch',
      'statement',
      'US-1',
      'AE-1',
      '--tenant',
      'doc-cli-b',
      '--out-dir',
      dir,
    ])
    expect(batch.status, batch.stderr).toBe(0)
    expect(JSON.parse(batch.stdout)).toMatchObject({ letters: 2, skipped: [] })
    expect(readFileSync(join(dir, 'manifest.csv'), 'utf8').split('\r\n')).toHaveLength(4)
    const preview = runCli(config(), [
      'template',
      'preview',
      'reminder',
      '--account',
      'AE-1',
      '--tenant',
      'doc-cli-b',
    ])
    expect(preview.status, preview.stderr).toBe(0)
    expect(preview.stdout).toContain('locale: ar (rtl)')
    expect(preview.stdout).toContain('check: allow')
  })
})
