import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { baselineJournal } from '../../src/app/audit/baseline-journal.ts'
import { verifyJournal } from '../../src/app/audit/verify-journal.ts'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

function record(n: number): IntakeRecord {
  return {
    line: n + 1,
    debtor: { externalId: `d${n}`, kind: 'person', name: `Debtor ${n}` },
    account: {
      externalId: `acc-${n}`,
      originalCreditor: 'Shop',
      currentCreditor: 'Shop',
      debtKind: 'consumer',
      currency: 'USD',
      jurisdiction: 'US-NY',
      openedOn: '2026-01-01',
      dueOn: '2026-01-31',
      status: 'open',
    },
    entries: [{ kind: 'charge', amountMinor: 10_000 + n, effectiveOn: '2026-01-01', externalId: 'charge' }],
  }
}

describeEachDatabase('recoup audit baseline', ({ store }) => {
  /**
   * A tenant whose books were partly written before journal covers existed: journaled intake, plus a
   * payment (reversed) and its ledger line inserted the way the old writers did, with no cover.
   */
  async function legacyBooks(slug: string) {
    const s = store()
    const tenant = await createTestTenant(s.db, slug)
    await createIntakeWriter(s, tenant.id).write([0, 1, 2].map(record))
    const account = await s.db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const payment = await s.db
      .insertInto('payments')
      .values({
        tenant_id: tenant.id,
        account_id: Number(account.id),
        amount_minor: 2_500,
        currency: 'USD',
        received_on: '2026-02-10',
        source: 'api',
        external_id: 'OLD-PAY',
        status: 'reversed',
        policy_id: 'oldest-first',
        credit_minor: 0,
        reversed_at: '2026-02-12T10:00:00.000Z',
        reversal_reason: 'chargeback',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await s.db
      .insertInto('ledger_entries')
      .values({
        tenant_id: tenant.id,
        account_id: Number(account.id),
        kind: 'payment',
        amount_minor: -2_500,
        effective_on: '2026-02-10',
        posted_at: '2026-02-10T09:00:00.000Z',
        external_id: 'OLD-PAY#principal',
        reverses_id: null,
        memo: null,
        payment_id: Number(payment.id),
      })
      .execute()
    return { tenant, paymentId: Number(payment.id) }
  }
  const verdict = async (tenant: Tenant) =>
    (await verifyJournal({ store: store() }, { tenant: tenant.slug })).tenants[0]?.firstBreak ?? null
  const baseline = (tenant: Tenant, reason = 'upgrade to journal covers') =>
    baselineJournal({ store: store(), actor: systemActor(tenant, 'cli') }, { reason })

  it('vouches for the rows no event covers, after which verify passes and still finds edits', async () => {
    const { tenant, paymentId } = await legacyBooks('baseline-legacy')
    expect((await verdict(tenant))?.reason).toMatch(/is recorded by no journal event/)

    expect(await baseline(tenant)).toEqual({
      tenant: tenant.slug,
      covered: { ledger_entries: 1, payments: 1, payment_status: 1 },
      seq: 2,
    })
    expect(await verdict(tenant)).toBeNull()
    const event = await store()
      .db.selectFrom('journal_events')
      .select(['type', 'actor', 'payload'])
      .where('tenant_id', '=', tenant.id)
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow()
    expect(event).toMatchObject({ type: 'journal.baseline', actor: 'system:cli' })
    expect(JSON.parse(event.payload)).toMatchObject({ reason: 'upgrade to journal covers' })

    // A second baseline has nothing to do and writes no event.
    expect(await baseline(tenant)).toEqual({
      tenant: tenant.slug,
      covered: { ledger_entries: 0, payments: 0, payment_status: 0 },
      seq: null,
    })
    // The baseline vouches for the rows as they were: an edit afterwards is found.
    await sql`update payments set amount_minor = 25 where id = ${paymentId}`.execute(store().db)
    expect((await verdict(tenant))?.reason).toMatch(/was edited/)
  })

  it('refuses when the journal does not verify, so tampering is never papered over', async () => {
    const { tenant } = await legacyBooks('baseline-tampered')
    // Tamper with a row the intake event vouches for: a baseline must not bless it.
    await sql`update ledger_entries set amount_minor = amount_minor + 1 where tenant_id = ${tenant.id} and external_id = 'charge'`.execute(
      store().db,
    )
    await expect(baseline(tenant)).rejects.toMatchObject({
      code: 'journal_broken',
      message: expect.stringMatching(/does not verify at seq 1 .*was edited/),
    })
    const events = await store()
      .db.selectFrom('journal_events')
      .select('seq')
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(events).toHaveLength(1)
  })

  it('needs a reason', async () => {
    const { tenant } = await legacyBooks('baseline-reason')
    await expect(baseline(tenant, '  ')).rejects.toMatchObject({ code: 'invalid_reason' })
  })
})
