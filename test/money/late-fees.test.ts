import { expect, it } from 'vitest'
import type { LateFeePolicy } from '../../src/core/fees/late-fee.ts'
import { postLateFeesAsOf } from '../../src/money/late-fees.service.ts'
import { verifyJournalChain } from '../../src/store/journal.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { accountsWithDebt, componentBalances } from './money-fixtures.ts'

const POLICY: LateFeePolicy = {
  id: 'monthly-25',
  charge: { kind: 'fixed', amountMinor: 2_500 },
  period: { unit: 'month' },
  graceDays: 10,
  maxTotalMinor: 6_000,
}

describeEachDatabase('late fees', ({ store }) => {
  it('posts one fee per period, never twice on a re-run, and stops at the cap', async () => {
    const s = store()
    const { tenant, ids } = await accountsWithDebt(s, 'fees', [
      { externalId: 'F1', jurisdiction: 'US-NY', currency: 'USD', principal: 100_000 },
    ])
    const accountId = ids.get('F1') as number
    const apply = (asOf: string) =>
      s.db.transaction().execute((trx) => postLateFeesAsOf(trx, tenant, asOf, POLICY, 'test'))
    const first = await apply('2026-03-20')
    expect(first.feesPosted).toBeGreaterThan(0)
    const afterFirst = await componentBalances(s, accountId)
    expect(await apply('2026-03-20')).toMatchObject({ feesPosted: 0, totalMinor: 0 })
    expect(await componentBalances(s, accountId)).toEqual(afterFirst)
    await apply('2026-12-31')
    const fees = await componentBalances(s, accountId)
    expect(fees.fee).toBe(6_000)
    const keys = await s.db
      .selectFrom('ledger_entries')
      .select('external_id')
      .where('account_id', '=', accountId)
      .where('kind', '=', 'fee')
      .execute()
    expect(new Set(keys.map((k) => k.external_id)).size).toBe(keys.length)
    expect((await verifyJournalChain(s.db, tenant.id)).firstBreak).toBeNull()
  })
})
