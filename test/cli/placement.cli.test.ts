import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { EXIT } from '../../src/core/errors/index.ts'
import { seedOutbox } from '../outreach/outreach-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase(
  'recoup partner add|list, recoup placement place|recall|list|export',
  ({ store, config }) => {
    it('adds a partner, places, lists, exports the file and recalls; refusals exit with their kind', {
      timeout: 240_000,
    }, async () => {
      await seedOutbox(store().db, 'cli-place', [{ accounts: 2, debtKind: 'consumer' }])
      const cli = (...args: string[]) => runCli(config(), [...args, '--tenant', 'cli-place'])
      const terms = JSON.stringify({
        contingency: { basis: 'age', tiers: [{ from: 0, percent: '30' }] },
        noSuccessNoFee: true,
      })
      const added = cli(
        'partner',
        'add',
        '--code',
        'acme-agency',
        '--name',
        'Acme Agency',
        '--kind',
        'agency',
        '--remit',
        'net',
        '--terms',
        terms,
      )
      expect(added.status, added.stderr).toBe(0)
      const bad = cli(
        'partner',
        'add',
        '--code',
        'x',
        '--name',
        'X',
        '--kind',
        'agency',
        '--remit',
        'net',
        '--terms',
        '{"noSuccessNoFee":1}',
      )
      expect(bad.status).toBe(EXIT.badInput)
      expect(bad.stderr).toContain('terms.noSuccessNoFee: must be true or false')
      expect(cli('partner', 'list').stdout).toContain('acme-agency  agency  remits net  Acme Agency')
      const placed = cli(
        'placement',
        'place',
        'ACC-1',
        '--partner',
        'acme-agency',
        '--on',
        '2026-03-03',
        '--format',
        'json',
      )
      expect(placed.status, placed.stderr).toBe(0)
      expect(JSON.parse(placed.stdout)).toMatchObject({
        account: 'ACC-1',
        commissionPercent: '30',
        status: 'active',
      })
      const again = cli('placement', 'place', 'ACC-1', '--partner', 'acme-agency')
      expect(again.status).toBe(EXIT.conflict)
      expect(again.stderr).toContain('account_already_placed')
      const out = join(mkdtempSync(join(tmpdir(), 'recoup-place-')), 'placement.csv')
      const exported = cli(
        'placement',
        'export',
        '--partner',
        'acme-agency',
        '--as-of',
        '2026-03-04',
        '--out',
        out,
      )
      expect(exported.stdout).toContain(`1 accounts placed with acme-agency as of 2026-03-04 -> ${out}`)
      const csv = readFileSync(out, 'utf8').split('\r\n')
      expect(csv[0]).toMatch(/^placement_id,partner,placed_on,/)
      expect(csv[1]).toContain(',ACC-1,')
      const remittance = join(mkdtempSync(join(tmpdir(), 'recoup-remit-')), 'remittance.csv')
      writeFileSync(
        remittance,
        'placement_id,account,paid_on,collected,commission_withheld,net_remitted,reference\r\n' +
          `${csv[1]?.split(',')[0]},ACC-1,2026-03-04,10.00,3.00,7.00,AA-1\r\n` +
          `${csv[1]?.split(',')[0]},ACC-1,2026-03-04,ten,3.00,7.00,AA-2\r\n`,
      )
      const remitted = cli('placement', 'remit', '--partner', 'acme-agency', '--file', remittance)
      expect(remitted.status, remitted.stderr).toBe(0)
      expect(remitted.stdout).toContain(
        '1 matched, 0 difference, 0 unmatched, 0 duplicate, 0 forwarded, 1 error',
      )
      expect(remitted.stdout).toContain(
        'USD: collected 10.00, commission due 3.00, withheld 3.00, net expected 7.00, remitted 7.00, difference 0.00',
      )
      expect(remitted.stdout).toContain('    collected: "ten"')
      const report = cli(
        'report',
        'partner-performance',
        '--from',
        '2026-03-01',
        '--to',
        '2026-03-31',
        '--format',
        'csv',
      )
      expect(report.status, report.stderr).toBe(0)
      expect(report.stdout).toMatch(/acme-agency,2026-03,USD,1,12001,1000,0\.0833,300,1,1/)
      const recalled = cli('placement', 'recall', 'ACC-1', '--reason', 'client request', '--on', '2026-03-05')
      expect(recalled.status, recalled.stderr).toBe(0)
      expect(recalled.stdout).toContain('recalled 2026-03-05: client request')
      expect(cli('placement', 'list', '--status', 'recalled').stdout).toContain(
        'ACC-1 -> acme-agency  recalled',
      )
    })
  },
)
