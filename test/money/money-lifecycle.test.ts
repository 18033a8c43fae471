import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import type { AppContext } from '../../src/app/app-context.ts'
import { addHardshipPause } from '../../src/app/money/add-hardship-pause.ts'
import { evaluateMoney } from '../../src/app/money/evaluate-money.ts'
import { offerSettlement } from '../../src/app/money/offer-settlement.ts'
import { openDispute } from '../../src/app/money/open-dispute.ts'
import { resolveDispute } from '../../src/app/money/resolve-dispute.ts'
import { writeOffAccount } from '../../src/app/money/write-off-account.ts'
import { formatAmount } from '../../src/core/money/money.ts'
import { postPaymentsIn } from '../../src/money/post-payments.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import type { Store } from '../../src/store/connect.ts'
import { verifyJournalChain } from '../../src/store/journal.repository.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { DEMO_AS_OF, loadDemo } from '../engine/engine-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runDaily } from '../support/run-daily.ts'
import { componentBalances } from './money-fixtures.ts'

const playbooks = loadDefaultPlaybooks()
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0)

/** Open accounts with pending outbox actions after the first daily run, with currency and balance. */
async function accountsWithPendingActions(s: Store, tenant: Tenant) {
  await runDaily(s, { tenant, asOf: DEMO_AS_OF, playbooks, batchSize: 50 })
  const rows = await s.db
    .selectFrom('outbox as o')
    .innerJoin('accounts as a', 'a.id', 'o.account_id')
    .select(['a.id', 'a.currency', 'a.external_id'])
    .distinct()
    .where('o.tenant_id', '=', tenant.id)
    .where('o.status', '=', 'pending')
    .orderBy('a.id')
    .execute()
  return Promise.all(rows.map(async (r) => ({ ...r, balance: sum(await componentBalances(s, r.id)) })))
}

const pendingOf = async (s: Store, accountId: number) =>
  s.db.selectFrom('outbox').select(['status', 'cancel_reason']).where('account_id', '=', accountId).execute()

const accountRow = (s: Store, id: number) =>
  s.db
    .selectFrom('accounts')
    .select(['status', 'closed_on', 'close_reason'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

describeEachDatabase('settlements, disputes, write-offs and hardship', ({ store }) => {
  it('settles, lapses, writes off and resolves disputes, every step journaled', {
    timeout: 120_000,
  }, async () => {
    const s = store()
    const tenant = await loadDemo(s, 200, 'demo-money')
    const ctx: AppContext = { store: s, actor: systemActor(tenant, 'test') }
    const dec = (account: { currency: string }, minor: number) => formatAmount(minor, account.currency)
    const [settled, lapsed, writtenOff, disputed] = await accountsWithPendingActions(s, tenant)
    if (!settled || !lapsed || !writtenOff || !disputed)
      throw new Error('demo has too few accounts with actions')
    const payment = (
      account: { id: number; currency: string },
      amountMinor: number,
      on: string,
      ref: string,
    ) =>
      s.db.transaction().execute((t) =>
        postPaymentsIn(
          t,
          tenant,
          [
            {
              accountId: account.id,
              amountMinor,
              currency: account.currency,
              receivedOn: on,
              source: 'api',
              externalId: ref,
            },
          ],
          { actor: 'test', reevaluate: true },
        ),
      )

    // Settlement paid before its expiry: the rest is written off and the account closes as settled.
    const offer = settled.balance - Math.floor(settled.balance * 0.3)
    const tooLow = offerSettlement(ctx, {
      account: settled.external_id,
      amount: dec(settled, 1),
      expiresOn: '2026-03-20',
      createdOn: DEMO_AS_OF,
    })
    await expect(tooLow).rejects.toMatchObject({ code: 'settlement_outside_policy' })
    const { settlementId } = await offerSettlement(ctx, {
      account: settled.external_id,
      amount: dec(settled, offer),
      expiresOn: '2026-03-20',
      createdOn: DEMO_AS_OF,
    })
    await payment(settled, offer, '2026-03-10', 'SETTLE-1')
    expect(await accountRow(s, settled.id)).toMatchObject({ status: 'settled', closed_on: '2026-03-10' })
    const writeOffs = await s.db
      .selectFrom('ledger_entries')
      .select(['amount_minor', 'memo'])
      .where('account_id', '=', settled.id)
      .where('kind', '=', 'write_off')
      .execute()
    expect(writeOffs.reduce((a, e) => a + Number(e.amount_minor), 0)).toBe(-(settled.balance - offer))
    expect(writeOffs[0]?.memo).toMatch(/settlement/)
    expect(sum(await componentBalances(s, settled.id))).toBe(0)
    const settledActions = await pendingOf(s, settled.id)
    expect(settledActions.some((o) => o.status === 'pending')).toBe(false)
    expect(
      settledActions.some((o) => o.status === 'cancelled' && /settlement/.test(o.cancel_reason ?? '')),
    ).toBe(true)
    const stored = await s.db
      .selectFrom('settlements')
      .selectAll()
      .where('id', '=', settlementId)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({
      status: 'paid',
      settled_on: '2026-03-10',
      write_off_minor: settled.balance - offer,
    })

    // An offer whose expiry passed does nothing: the daily evaluation lapses it and a later payment is a payment.
    const lapsedOffer = lapsed.balance - Math.floor(lapsed.balance * 0.2)
    await offerSettlement(ctx, {
      account: lapsed.external_id,
      amount: dec(lapsed, lapsedOffer),
      expiresOn: '2026-03-05',
      createdOn: DEMO_AS_OF,
    })
    const evaluation = await evaluateMoney(ctx, { asOf: '2026-03-06' })
    expect(evaluation.expiredSettlements).toHaveLength(1)
    await payment(lapsed, lapsedOffer, '2026-03-07', 'LATE-1')
    expect((await accountRow(s, lapsed.id)).status).toBe('open')
    expect(sum(await componentBalances(s, lapsed.id))).toBe(lapsed.balance - lapsedOffer)

    // A full write-off closes the account and cancels every pending action with the reason.
    const wo = await writeOffAccount(ctx, {
      account: writtenOff.external_id,
      reason: 'debtor deceased, no estate',
      on: '2026-03-03',
    })
    expect(wo).toMatchObject({ full: true, closed: true, writtenOffMinor: writtenOff.balance })
    expect(await accountRow(s, writtenOff.id)).toMatchObject({
      status: 'written_off',
      close_reason: 'written off: debtor deceased, no estate',
    })
    const woActions = await pendingOf(s, writtenOff.id)
    expect(woActions.filter((o) => o.status === 'pending')).toEqual([])
    expect(
      woActions.filter((o) => o.status === 'cancelled').every((o) => /deceased/.test(o.cancel_reason ?? '')),
    ).toBe(true)
    expect(sum(await componentBalances(s, writtenOff.id))).toBe(0)

    // A dispute moves the account to the disputed stage; resolved for the debtor, the amount is credited.
    const disputedAmount = Math.min(5000, disputed.balance)
    const { disputeId } = await openDispute(ctx, {
      account: disputed.external_id,
      channel: 'letter',
      written: true,
      amount: dec(disputed, disputedAmount),
      reason: 'already paid by cheque',
      documents: ['letter.pdf'],
      receivedAt: '2026-03-03T15:00:00Z',
    })
    const stage = await s.db
      .selectFrom('strategy_states')
      .select('stage')
      .where('account_id', '=', disputed.id)
      .executeTakeFirstOrThrow()
    expect(stage.stage).toBe('disputed')
    const resolved = await resolveDispute(ctx, {
      disputeId,
      for: 'debtor',
      resolvedAt: '2026-03-20T15:00:00Z',
    })
    expect(resolved.account).toBe(disputed.external_id)
    const adjustments = await s.db
      .selectFrom('ledger_entries')
      .select('amount_minor')
      .where('account_id', '=', disputed.id)
      .where('kind', '=', 'adjustment')
      .execute()
    expect(adjustments.reduce((a, e) => a + Number(e.amount_minor), 0)).toBe(-disputedAmount)
    const after = await s.db
      .selectFrom('strategy_states')
      .select('stage')
      .where('account_id', '=', disputed.id)
      .executeTakeFirstOrThrow()
    expect(after.stage).not.toBe('disputed')
    const again = resolveDispute(ctx, { disputeId, for: 'creditor' })
    await expect(again).rejects.toMatchObject({ code: 'dispute_resolved' })

    const types = (
      await s.db.selectFrom('journal_events').select('type').where('tenant_id', '=', tenant.id).execute()
    ).map((e) => e.type)
    expect(types).toEqual(
      expect.arrayContaining([
        'settlement.offered',
        'settlement.paid',
        'settlement.expired',
        'account.closed',
        'account.written_off',
        'dispute.opened',
        'dispute.resolved',
      ]),
    )
    expect((await verifyJournalChain(s.db, tenant.id)).firstBreak).toBeNull()
  })

  it('a hardship pause holds every contact in the daily run until it ends', {
    timeout: 120_000,
  }, async () => {
    const s = store()
    const tenant = await loadDemo(s, 100, 'demo-hardship')
    const ctx: AppContext = { store: s, actor: systemActor(tenant, 'test') }
    const open = await s.db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('tenant_id', '=', tenant.id)
      .where('status', '=', 'open')
      .orderBy('id')
      .limit(30)
      .execute()
    const paused = open.map((a) => a.id)
    for (const { external_id: account } of open)
      await addHardshipPause(ctx, { account, reason: 'job loss', from: DEMO_AS_OF, to: '2026-04-30' })
    await runDaily(s, { tenant, asOf: DEMO_AS_OF, playbooks, batchSize: 50 })
    const outboxOf = async (ids: number[]) =>
      s.db
        .selectFrom('outbox')
        .select(['account_id', 'status'])
        .where('tenant_id', '=', tenant.id)
        .where('account_id', 'in', ids)
        .execute()
    expect(await outboxOf(paused)).toEqual([])
    const all = await s.db.selectFrom('outbox').select('id').where('tenant_id', '=', tenant.id).execute()
    expect(all.length).toBeGreaterThan(0) // the others were contacted
    const traces = await s.db
      .selectFrom('decisions')
      .select('trace')
      .where('account_id', 'in', paused)
      .execute()
    expect(traces.some((d) => d.trace.includes('hardship pause until 2026-04-30: contacts held'))).toBe(true)

    await runDaily(s, { tenant, asOf: '2026-05-01', playbooks, batchSize: 50 })
    expect((await outboxOf(paused)).length).toBeGreaterThan(0) // contacts resume after the pause
    const bad = addHardshipPause(ctx, {
      account: open[0]?.external_id as string,
      reason: ' ',
      from: '2026-05-02',
      to: '2026-05-01',
    })
    await expect(bad).rejects.toMatchObject({ code: 'invalid_hardship_pause' })
    expect((await verifyJournalChain(s.db, tenant.id)).firstBreak).toBeNull()
  })
})
