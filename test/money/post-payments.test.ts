import { expect, it } from 'vitest'
import { postPaymentsIn } from '../../src/money/post-payments.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { accountsWithDebt, componentBalances } from './money-fixtures.ts'

const options = { actor: 'test', reevaluate: false }

describeEachDatabase('posting payments', ({ store }) => {
  it('allocates by the jurisdiction policy (DE: fees and costs, then interest, then principal) and records the split', async () => {
    const s = store()
    const { tenant, ids } = await accountsWithDebt(s, 'pay-de', [
      {
        externalId: 'A',
        jurisdiction: 'DE',
        currency: 'EUR',
        principal: 100_000,
        fee: 2_500,
        interest: 1_000,
      },
    ])
    const accountId = ids.get('A') as number
    const result = await s.db.transaction().execute((trx) =>
      postPaymentsIn(
        trx,
        tenant,
        [
          {
            accountId,
            amountMinor: 3_000,
            currency: 'EUR',
            receivedOn: '2026-03-01',
            source: 'api',
            externalId: 'p1',
          },
        ],
        options,
      ),
    )
    expect(result.posted).toHaveLength(1)
    expect(result.posted[0]?.allocation.policyId).toBe('de-bgb-367')
    expect(await componentBalances(s, accountId)).toEqual({ principal: 100_000, fee: 0, interest: 500 })
  })

  it('keeps an overpayment as a credit balance, closes the account as paid, and a replay posts nothing', async () => {
    const s = store()
    const { tenant, ids } = await accountsWithDebt(s, 'pay-over', [
      { externalId: 'B', jurisdiction: 'US-NY', currency: 'USD', principal: 5_000 },
    ])
    const accountId = ids.get('B') as number
    const pay = {
      accountId,
      amountMinor: 5_250,
      currency: 'USD',
      receivedOn: '2026-03-01',
      source: 'api' as const,
      externalId: 'p2',
    }
    const first = await s.db.transaction().execute((trx) => postPaymentsIn(trx, tenant, [pay], options))
    expect(first.posted[0]?.allocation.creditMinor).toBe(250)
    expect(first.paidInFull).toEqual([accountId])
    expect(await componentBalances(s, accountId)).toEqual({ principal: 0, credit: -250 })
    const account = await s.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow()
    expect(account.status).toBe('paid')
    const again = await s.db.transaction().execute((trx) => postPaymentsIn(trx, tenant, [pay], options))
    expect(again.replayed).toEqual(['p2'])
    expect(again.posted).toEqual([])
    expect(await componentBalances(s, accountId)).toEqual({ principal: 0, credit: -250 })
  })

  it('rejects bad payments with their reasons and posts the good ones of the same batch', async () => {
    const s = store()
    const { tenant, ids } = await accountsWithDebt(s, 'pay-bad', [
      { externalId: 'C', jurisdiction: 'GB', currency: 'GBP', principal: 10_000 },
    ])
    const accountId = ids.get('C') as number
    const base = { accountId, currency: 'GBP', receivedOn: '2026-03-01', source: 'csv' as const }
    const result = await s.db.transaction().execute((trx) =>
      postPaymentsIn(
        trx,
        tenant,
        [
          { ...base, amountMinor: 1_000, externalId: 'ok-1' },
          { ...base, amountMinor: 1_000, currency: 'EUR', externalId: 'wrong-ccy' },
          { ...base, amountMinor: -5, externalId: 'negative' },
          { ...base, accountId: 999_999, amountMinor: 100, externalId: 'no-account' },
          { ...base, amountMinor: 1_000, externalId: 'ok-1' },
          { ...base, amountMinor: 500, receivedOn: '2026-02-30', externalId: 'bad-date' },
          { ...base, amountMinor: 2_000, externalId: 'ok-2' },
        ],
        options,
      ),
    )
    expect(result.posted.map((p) => p.externalId)).toEqual(['ok-1', 'ok-2'])
    expect(Object.fromEntries(result.rejected.map((r) => [r.externalId, r.code]))).toEqual({
      'wrong-ccy': 'currency_mismatch',
      negative: 'invalid_amount',
      'no-account': 'account_not_found',
      'ok-1': 'duplicate_payment',
      'bad-date': 'invalid_date',
    })
    expect(await componentBalances(s, accountId)).toEqual({ principal: 7_000 })
  })
})
