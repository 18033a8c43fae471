import { expect, it } from 'vitest'
import { postPaymentsIn } from '../../src/money/post-payments.ts'
import { reversePaymentIn } from '../../src/money/reverse-payment.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import { DEMO_AS_OF, loadDemo } from '../engine/engine-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runDaily } from '../support/run-daily.ts'
import { componentBalances } from './money-fixtures.ts'

describeEachDatabase('payments and the engine', ({ store }) => {
  it('a part payment mid-cadence cancels the pending messages in the same transaction and re-decides the account', {
    timeout: 60_000,
  }, async () => {
    const s = store()
    const tenant = await loadDemo(s, 200)
    await runDaily(s, { tenant, asOf: DEMO_AS_OF, playbooks: loadDefaultPlaybooks(), batchSize: 50 })
    const target = await s.db
      .selectFrom('outbox as o')
      .innerJoin('accounts as a', 'a.id', 'o.account_id')
      .select(['o.account_id', 'a.currency'])
      .where('o.tenant_id', '=', tenant.id)
      .where('o.status', '=', 'pending')
      .where('o.action_type', '=', 'send_message')
      .executeTakeFirstOrThrow()
    const pay = {
      accountId: target.account_id,
      amountMinor: 100,
      currency: target.currency,
      receivedOn: DEMO_AS_OF,
      source: 'api' as const,
      externalId: 'mid-cadence-1',
    }
    // A failure after posting rolls everything back: the cancellation is in the payment's transaction.
    await expect(
      s.db.transaction().execute(async (trx) => {
        await postPaymentsIn(trx, tenant, [pay], { actor: 'test', reevaluate: true })
        throw new Error('crash before commit')
      }),
    ).rejects.toThrow('crash before commit')
    const untouched = await s.db
      .selectFrom('outbox')
      .select('status')
      .where('account_id', '=', target.account_id)
      .execute()
    expect(untouched.some((o) => o.status === 'pending')).toBe(true)

    const result = await s.db
      .transaction()
      .execute((trx) => postPaymentsIn(trx, tenant, [pay], { actor: 'test', reevaluate: true }))
    expect(result.posted).toHaveLength(1)
    const messages = await s.db
      .selectFrom('outbox')
      .select(['status', 'cancel_reason'])
      .where('account_id', '=', target.account_id)
      .where('action_type', '=', 'send_message')
      .execute()
    expect(messages.every((m) => m.status === 'cancelled')).toBe(true)
    for (const m of messages) expect(m.cancel_reason).toMatch(/payment/)
    const decision = await s.db
      .selectFrom('decisions')
      .select('trigger_ref')
      .where('account_id', '=', target.account_id)
      .where('trigger', '=', 'event')
      .execute()
    expect(decision.map((d) => d.trigger_ref)).toContain('payment:mid-cadence-1')
  })

  it('a chargeback reverses every line of the split, reopens the paid account, and is not applied twice', {
    timeout: 60_000,
  }, async () => {
    const s = store()
    const tenant = await loadDemo(s, 50, 'demo-rev')
    const account = await s.db
      .selectFrom('accounts')
      .select(['id', 'currency'])
      .where('tenant_id', '=', tenant.id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow()
    const before = await componentBalances(s, account.id)
    const owed = Object.values(before).reduce((a, b) => a + b, 0)
    await s.db.transaction().execute((trx) =>
      postPaymentsIn(
        trx,
        tenant,
        [
          {
            accountId: account.id,
            amountMinor: owed + 500,
            currency: account.currency,
            receivedOn: DEMO_AS_OF,
            source: 'camt.053',
            externalId: 'BANK-1',
          },
        ],
        { actor: 'test', reevaluate: true },
      ),
    )
    const paid = await s.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow()
    expect(paid.status).toBe('paid')
    const input = {
      externalId: 'BANK-1',
      reason: 'MD06 chargeback',
      effectiveOn: '2026-03-05',
      actor: 'test',
    }
    const reversed = await s.db.transaction().execute((trx) => reversePaymentIn(trx, tenant, input))
    expect(reversed.reversed).toBe(true)
    const after = await componentBalances(s, account.id)
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(owed)
    expect(after.credit ?? 0).toBe(0)
    const reopened = await s.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow()
    expect(reopened.status).toBe('open')
    const again = await s.db.transaction().execute((trx) => reversePaymentIn(trx, tenant, input))
    expect(again.reversed).toBe(false)
    expect(await componentBalances(s, account.id)).toEqual(after)
    await expect(
      s.db.transaction().execute((trx) => reversePaymentIn(trx, tenant, { ...input, externalId: 'NOPE' })),
    ).rejects.toThrow(/no payment with reference "NOPE"/)
  })
})
