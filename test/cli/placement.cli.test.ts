import { mkdtempSync, readFileSync } from 'node:fs'
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
      const recalled = cli('placement', 'recall', 'ACC-1', '--reason', 'client request', '--on', '2026-03-05')
      expect(recalled.status, recalled.stderr).toBe(0)
      expect(recalled.stdout).toContain('recalled 2026-03-05: client request')
      expect(cli('placement', 'list', '--status', 'recalled').stdout).toContain(
        'ACC-1 -> acme-agency  recalled',
      )
    })
  },
)
