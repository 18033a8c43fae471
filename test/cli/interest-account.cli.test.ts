import { expect, it } from 'vitest'
import { accountsWithDebt } from '../money/money-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase('recoup interest --account', ({ store, config }) => {
  it('takes principal, currency, due date and the statutory regime from the account', async () => {
    await accountsWithDebt(store(), 'interest-acc', [
      { externalId: 'GB-1', jurisdiction: 'GB', currency: 'GBP', principal: 500_000 },
    ])
    const result = runCli(config(), [
      'interest',
      '--account',
      'GB-1',
      '--tenant',
      'interest-acc',
      '--to',
      '2026-03-03',
    ])
    expect(result.status, result.stderr).toBe(0)
    const statement = JSON.parse(result.stdout)
    // Due 2026-02-01; the 31 Dec 2025 Bank Rate (3.75%) + 8 = 11.75%, 30 days on GBP 5,000; fixed sum 70.
    expect(statement).toMatchObject({ jurisdiction: 'GB', currency: 'GBP', dueOn: '2026-02-01' })
    expect(statement.rates[0].ratePercent).toBe('11.75')
    expect(statement.interest).toBe('48.29')
    expect(statement.fixedCompensation.amount).toBe('70.00')
  })

  it('names an unknown account', () => {
    const result = runCli(config(), ['interest', '--account', 'missing', '--tenant', 'interest-acc'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--account "missing" is not an account of this tenant')
  })
})
