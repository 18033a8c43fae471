import { expect, it } from 'vitest'
import { EXIT } from '../../src/core/errors/index.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase('recoup credit terms|limit|warnings', ({ store, config }) => {
  it('sets a limit, lists the debtor over it, refuses bad terms with the field', {
    timeout: 120_000,
  }, async () => {
    const tenant = await createTestTenant(store().db, 'cli-credit', { defaultCurrency: 'GBP' })
    await createIntakeWriter(store(), tenant.id).write([
      {
        line: 2,
        debtor: { externalId: 'D-1', kind: 'business', name: 'Debtor One' },
        account: {
          externalId: 'A-1',
          originalCreditor: 'Acme',
          currentCreditor: 'Acme',
          debtKind: 'commercial',
          currency: 'GBP',
          jurisdiction: 'GB',
          openedOn: '2026-05-01',
          dueOn: '2026-05-31',
          status: 'open',
        },
        entries: [{ kind: 'charge', amountMinor: 20_000, effectiveOn: '2026-05-01', externalId: 'c' }],
      },
    ])
    const cli = (...args: string[]) => runCli(config(), ['credit', ...args, '--tenant', 'cli-credit'])
    const bad = cli('terms', '--terms', '400')
    expect(bad.status).toBe(EXIT.badInput)
    expect(bad.stderr).toContain(
      'termsDays: payment terms must be a whole number of days from 0 to 365, not 400',
    )
    const set = cli('limit', 'D-1', '--limit', '150.00', '--currency', 'GBP', '--terms', '14')
    expect(set.status, set.stderr).toBe(0)
    expect(set.stdout).toContain('terms 14 days (debtor); limit 150.00 GBP (debtor)')
    expect(set.stdout).toContain(
      '! over_limit: exposure 200.00 GBP is over the limit of 150.00 GBP by 50.00 GBP',
    )
    const listed = cli('warnings', '--format', 'json')
    expect(listed.status, listed.stderr).toBe(0)
    expect(JSON.parse(listed.stdout).items.map((l: { debtor: string }) => l.debtor)).toEqual(['D-1'])
  })
})
