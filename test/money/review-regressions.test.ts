import { expect, it } from 'vitest'
import { addDays } from '../../src/core/calendar/local-date.ts'
import { postPaymentsIn } from '../../src/money/post-payments.ts'
import { reversePaymentIn } from '../../src/money/reverse-payment.ts'
import { offerSettlementIn } from '../../src/money/settlements.service.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import { loadAccountSnapshots } from '../../src/store/engine/account-snapshot.repository.ts'
import { DEMO_AS_OF, loadDemo } from '../engine/engine-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runDaily } from '../support/run-daily.ts'
import { accountsWithDebt, componentBalances } from './money-fixtures.ts'

const pay = (
  accountId: number,
  amountMinor: number,
  receivedOn: string,
  externalId: string,
  currency = 'USD',
) => ({
  accountId,
  amountMinor,
  currency,
  receivedOn,
  source: 'api' as const,
  externalId,
})

describeEachDatabase('money flows: review regressions', ({ store }) => {
  it("keeps the actions a payment's own re-decision schedules (stale ones are cancelled first)", {
    timeout: 60_000,
  }, async () => {
    const s = store()
    const tenant = await loadDemo(s, 150, 'rr-cadence')
    await runDaily(s, { tenant, asOf: DEMO_AS_OF, playbooks: loadDefaultPlaybooks(), batchSize: 50 })
    const targets = await s.db
      .selectFrom('accounts')
      .select(['id', 'currency'])
      .where('tenant_id', '=', tenant.id)
      .where('status', '=', 'open')
      .limit(40)
      .execute()
    const day = addDays(DEMO_AS_OF, 20)
    await s.db.transaction().execute((trx) =>
      postPaymentsIn(
        trx,
        tenant,
        targets.map((t, i) => pay(t.id, 1, day, `rr-${i}`, t.currency)),
        { actor: 'test', reevaluate: true },
      ),
    )
    const fromEvents = await s.db
      .selectFrom('outbox as o')
      .innerJoin('decisions as d', 'd.id', 'o.decision_id')
      .select(['o.status'])
      .where('d.tenant_id', '=', tenant.id)
      .where('d.trigger', '=', 'event')
      .execute()
    expect(fromEvents.length).toBeGreaterThan(0)
    expect(fromEvents.filter((o) => o.status === 'cancelled')).toEqual([])
  })

  it('counts only payments after the offer, and a chargeback of the settling payment reopens the account owing', async () => {
    const s = store()
    const { tenant, ids } = await accountsWithDebt(s, 'rr-settle', [
      { externalId: 'S1', jurisdiction: 'US-NY', currency: 'USD', principal: 100_000 },
    ])
    const accountId = ids.get('S1') as number
    const post = (amount: number, ref: string) =>
      s.db.transaction().execute((trx) =>
        postPaymentsIn(trx, tenant, [pay(accountId, amount, '2026-03-05', ref)], {
          actor: 'test',
          reevaluate: false,
        }),
      )
    await post(10_000, 'before-offer')
    await s.db.transaction().execute((trx) =>
      offerSettlementIn(trx, tenant, {
        accountId,
        offerMinor: 70_000,
        expiresOn: '2026-03-20',
        createdOn: '2026-03-05',
        actor: 'test',
      }),
    )
    await post(70_000, 'settling')
    const settled = await s.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow()
    expect(settled.status).toBe('settled')
    const written = await s.db
      .selectFrom('settlements')
      .select('write_off_minor')
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow()
    // Owed 90,000 when offered 70,000: 20,000 written off, not 30,000 (the earlier payment is not counted twice).
    expect(Number(written.write_off_minor)).toBe(20_000)
    await s.db.transaction().execute((trx) =>
      reversePaymentIn(trx, tenant, {
        externalId: 'settling',
        reason: 'MD06 chargeback',
        effectiveOn: '2026-03-10',
        actor: 'test',
      }),
    )
    const reopened = await s.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow()
    expect(reopened.status).toBe('open')
    const balance = Object.values(await componentBalances(s, accountId)).reduce((a, b) => a + b, 0)
    expect(balance).toBe(90_000)
    const offer = await s.db
      .selectFrom('settlements')
      .select('status')
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow()
    expect(offer.status).toBe('offered')
  })

  it('a reversed payment no longer counts as a part payment for limitation', async () => {
    const s = store()
    const { tenant, ids } = await accountsWithDebt(s, 'rr-limit', [
      { externalId: 'L1', jurisdiction: 'GB', currency: 'GBP', principal: 50_000 },
    ])
    const accountId = ids.get('L1') as number
    await s.db.transaction().execute((trx) =>
      postPaymentsIn(trx, tenant, [pay(accountId, 500, '2026-04-01', 'cheque', 'GBP')], {
        actor: 'test',
        reevaluate: false,
      }),
    )
    const range = { tenantId: tenant.id, firstAccountId: accountId, lastAccountId: accountId }
    expect((await loadAccountSnapshots(s.db, range, '2026-05-01'))[0]?.lastPaymentOn).toBe('2026-04-01')
    await s.db.transaction().execute((trx) =>
      reversePaymentIn(trx, tenant, {
        externalId: 'cheque',
        reason: 'cheque bounced',
        effectiveOn: '2026-04-05',
        actor: 'test',
      }),
    )
    expect((await loadAccountSnapshots(s.db, range, '2026-05-01'))[0]?.lastPaymentOn).toBeNull()
  })
})
