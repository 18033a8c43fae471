import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { computeAccountInterestStatement } from '../../src/app/interest/compute-account-interest-statement.ts'
import { interestStatement } from '../../src/core/interest/accrue-interest.ts'
import { formatAmount } from '../../src/core/money/money.ts'
import type { Store } from '../../src/store/connect.ts'
import { accountsWithDebt } from '../money/money-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

/** Principal ledger lines after intake: a payment, its chargeback and a charge after the statement's end. */
async function addPrincipalLines(store: Store, tenantId: number, accountId: number) {
  const line = (kind: 'payment' | 'reversal' | 'adjustment', amount: number, on: string, key: string) => ({
    tenant_id: tenantId,
    account_id: accountId,
    kind,
    component: 'principal' as const,
    amount_minor: amount,
    effective_on: on,
    posted_at: `${on}T10:00:00Z`,
    external_id: key,
    memo: null,
    reverses_id: null,
  })
  await store.db
    .insertInto('ledger_entries')
    .values([
      line('payment', -20_000, '2026-03-01', 'pay-1'),
      line('reversal', 20_000, '2026-04-01', 'chargeback-1'),
      line('adjustment', 30_000, '2026-07-15', 'late-charge'),
    ])
    .execute()
}

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

  // Defect 2 of issue 8: every positive principal line went into the opening principal whatever its
  // date, so a chargeback counted the reversed payment twice and a charge after --to was charged from
  // the due date.
  it('after a chargeback: each principal line on its own day, nothing after --to', async () => {
    const { tenant, ids } = await accountsWithDebt(store(), 'interest-cb', [
      { externalId: 'US-1', jurisdiction: 'US-NY', currency: 'USD', principal: 100_000 },
    ])
    await addPrincipalLines(store(), tenant.id, ids.get('US-1') as number)
    const ctx = { store: store(), actor: systemActor(tenant, 'test') }
    const view = await computeAccountInterestStatement(ctx, { account: 'US-1', to: '2026-06-30', rate: '10' })
    const expected = interestStatement({
      principalMinor: 100_000,
      currency: 'USD',
      start: '2026-02-01',
      end: '2026-06-30',
      ratePeriods: [{ from: '2026-02-01', ratePercent: '10' }],
      compounding: 'simple',
      basis: 'act/365',
      principalChanges: [
        { on: '2026-03-01', principalDeltaMinor: -20_000 },
        { on: '2026-04-01', principalDeltaMinor: 20_000 },
      ],
    })
    // 1,000.00 x 10% x 28/365 = 7.67; 800.00 x 31/365 = 6.79; 1,000.00 x 90/365 = 24.66.
    expect(view.interest).toBe('39.12')
    expect(view.interest).toBe(formatAmount(expected.totalInterestMinor, 'USD'))
    expect(view.breakdown).toMatchObject([
      { balance: '1000.00' },
      { balance: '800.00' },
      { balance: '1000.00' },
    ])

    const cli = runCli(config(), [
      ...['interest', '--account', 'US-1', '--tenant', 'interest-cb', '--to', '2026-06-30', '--rate', '10'],
    ])
    expect(cli.status, cli.stderr).toBe(0)
    expect(JSON.parse(cli.stdout)).toMatchObject({
      account: 'US-1',
      jurisdiction: 'contract',
      interest: '39.12',
    })
  })

  it('names an unknown account (not found, exit 4) and asks for a rate where no statute applies', () => {
    const unknown = runCli(config(), ['interest', '--account', 'missing', '--tenant', 'interest-cb'])
    expect(unknown.status).toBe(4)
    expect(unknown.stderr).toContain(
      'error [account_not_found]: no account with external id "missing" in this tenant\n',
    )
    const noRate = runCli(config(), ['interest', '--account', 'US-1', '--tenant', 'interest-cb'])
    expect(noRate.status).toBe(2)
    expect(noRate.stderr).toContain(
      '--rate is required: account US-1 (US-NY) has no statutory interest regime',
    )
  })
})
