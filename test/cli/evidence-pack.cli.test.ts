import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { seedOutbox } from '../outreach/outreach-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase('recoup evidence-pack', ({ store, config }) => {
  it('writes NAME.pdf and NAME.zip whole, and names an unknown account', async () => {
    const { tenant } = await seedOutbox(store().db, 'ev-cli', [{ accounts: 2 }])
    await postPayment(
      { store: store(), actor: systemActor(tenant, 'test') },
      { account: 'ACC-1', amount: '20.00', reference: 'CLI-P1', receivedOn: '2026-03-05', source: 'api' },
    )
    const dir = mkdtempSync(join(tmpdir(), 'recoup-evidence-cli-'))
    const made = runCli(config(), [
      'evidence-pack',
      'ACC-1',
      '--account',
      'ACC-2',
      '--tenant',
      'ev-cli',
      '--title',
      'Claim K00AB123',
      '--line',
      'Acme Corp v. Debtor 1',
      '--out',
      join(dir, 'case-1.pdf'),
    ])
    expect(made.status, made.stderr).toBe(0)
    const result = JSON.parse(made.stdout)
    expect(result).toMatchObject({
      pdf: join(dir, 'case-1.pdf'),
      zip: join(dir, 'case-1.zip'),
      accounts: ['ACC-1', 'ACC-2'],
    })
    // Only the two files: no temporary left behind.
    expect(readdirSync(dir).sort()).toEqual(['case-1.pdf', 'case-1.zip'])
    const text = execFileSync('pdftotext', ['-layout', result.pdf, '-'], { encoding: 'utf8' })
    expect(text).toContain('Claim K00AB123')
    expect(text).toContain('Acme Corp v. Debtor 1')
    expect(text).toContain('CLI-P1')
    expect(text).toContain('100.01 USD')
    expect(execFileSync('unzip', ['-l', result.zip], { encoding: 'utf8' })).toContain('manifest.json')

    const unknown = runCli(config(), ['evidence-pack', 'NOPE-1', '--tenant', 'ev-cli', '--out', dir])
    expect(unknown.status).not.toBe(0)
    expect(unknown.stderr).toMatch(/^error \[account_not_found\]: no account with external id "NOPE-1"/)
    expect(readdirSync(dir).sort()).toEqual(['case-1.pdf', 'case-1.zip'])
  })
})
