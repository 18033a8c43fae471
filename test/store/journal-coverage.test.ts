import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { verifyJournal } from '../../src/app/audit/verify-journal.ts'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import { type AnchorKey, signAnchor } from '../../src/core/journal/journal-anchor.ts'
import { loadDemoPortfolio } from '../../src/demo/load-demo-portfolio.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import {
  appendJournalEvent,
  coverLedgerRows,
  listJournalHeads,
  nextJournalRow,
  verifyJournalChain,
} from '../../src/store/journal.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

const KEY: AnchorKey = { algorithm: 'HMAC-SHA256', secret: Buffer.from('k'.repeat(32)) }
const OTHER_KEY: AnchorKey = { algorithm: 'HMAC-SHA256', secret: Buffer.from('x'.repeat(32)) }

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
    entries: [
      { kind: 'charge', amountMinor: 10_000 + n, effectiveOn: '2026-01-01', externalId: 'charge' },
      { kind: 'fee', amountMinor: 500, effectiveOn: '2026-01-15', externalId: 'fee' },
    ],
  }
}

describeEachDatabase('journal coverage of money rows', ({ store }) => {
  /** A tenant with two intake batches (events 1 and 2) of three accounts each: 12 ledger lines. */
  async function seed(slug: string) {
    const s = store()
    const tenant = await createTestTenant(s.db, slug)
    const writer = createIntakeWriter(s, tenant.id)
    await writer.write([0, 1, 2].map(record))
    await writer.write([3, 4, 5].map(record))
    const events = await s.db
      .selectFrom('journal_events')
      .select(['id', 'seq'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('seq')
      .execute()
    const lines = await s.db
      .selectFrom('ledger_entries')
      .select(['id', 'account_id', 'external_id'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .execute()
    return { tenant, events: events.map((e) => ({ id: Number(e.id), seq: Number(e.seq) })), lines }
  }
  const verify = (tenantId: number) => verifyJournalChain(store().db, tenantId, { coverage: true })

  it('vouches for every ledger line an intake batch posted', async () => {
    const { tenant } = await seed('cover-intact')
    expect(await verify(tenant.id)).toEqual({
      tenantId: tenant.id,
      events: 2,
      rowsChecked: 12,
      firstBreak: null,
    })
  })

  it('vouches for the batches of the demo loader, two in flight on PostgreSQL', async () => {
    const demo = await loadDemoPortfolio(store(), {
      accounts: 400,
      seed: 5,
      asOf: '2026-03-15',
      tenantSlug: 'cover-demo',
      batchSize: 100,
    })
    const result = await verify(demo.tenant.id)
    expect(result.firstBreak).toBeNull()
    expect(result.rowsChecked).toBe(demo.entriesPosted)
  })

  it('names the event and the row when a ledger amount is edited in SQL', async () => {
    const { tenant, events, lines } = await seed('cover-edited')
    const victim = Number(lines[8]?.id) // a line of the second batch
    await sql`update ledger_entries set amount_minor = 1 where id = ${victim}`.execute(store().db)
    expect((await verifyJournalChain(store().db, tenant.id)).firstBreak).toBeNull() // the chain alone misses it
    expect((await verify(tenant.id)).firstBreak).toEqual({
      seq: 2,
      eventId: events[1]?.id,
      reason: `ledger_entries row ${victim} was edited: an audited column differs from what the event recorded`,
    })
  })

  it('detects a deleted ledger line', async () => {
    const { tenant, events, lines } = await seed('cover-deleted')
    const victim = Number(lines[2]?.id)
    await sql`delete from ledger_entries where id = ${victim}`.execute(store().db)
    expect((await verify(tenant.id)).firstBreak).toMatchObject({
      seq: 1,
      eventId: events[0]?.id,
      reason: expect.stringContaining(`ledger_entries row ${victim} is missing`),
    })
  })

  it('detects a ledger line inserted behind the journal', async () => {
    const { tenant, lines } = await seed('cover-inserted')
    const { db } = store()
    await db
      .insertInto('ledger_entries')
      .values({
        tenant_id: tenant.id,
        account_id: Number(lines[0]?.account_id),
        kind: 'adjustment',
        amount_minor: -9_999,
        effective_on: '2026-02-01',
        posted_at: new Date().toISOString(),
        external_id: 'sneaky',
        reverses_id: null,
        memo: null,
      })
      .execute()
    const inserted = await db
      .selectFrom('ledger_entries')
      .select('id')
      .where('external_id', '=', 'sneaky')
      .executeTakeFirstOrThrow()
    expect((await verify(tenant.id)).firstBreak).toEqual({
      seq: null,
      eventId: null,
      reason: `ledger_entries row ${inserted.id} is recorded by no journal event: it was inserted outside Recoup`,
    })
  })

  it('detects a ledger line moved to another account or tenant', async () => {
    const { tenant, lines } = await seed('cover-moved')
    await sql`update ledger_entries set account_id = ${Number(lines[0]?.account_id)}, external_id = 'moved' where id = ${Number(lines[5]?.id)}`.execute(
      store().db,
    )
    expect((await verify(tenant.id)).firstBreak?.reason).toContain(`row ${lines[5]?.id} was edited`)
  })

  it('covers payments, by key or id, and their reversal as a separate state', async () => {
    const { tenant, lines } = await seed('cover-payments')
    const { db } = store()
    const accountId = Number(lines[0]?.account_id)
    const paid = await db.transaction().execute(async (trx) => {
      const payment = await trx
        .insertInto('payments')
        .values({
          tenant_id: tenant.id,
          account_id: accountId,
          amount_minor: 2_500,
          currency: 'USD',
          received_on: '2026-02-10',
          source: 'api',
          external_id: 'PAY-1',
          status: 'posted',
          policy_id: 'oldest-first',
          credit_minor: 0,
          reversed_at: null,
          reversal_reason: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('ledger_entries')
        .values({
          tenant_id: tenant.id,
          account_id: accountId,
          kind: 'payment',
          amount_minor: -2_500,
          effective_on: '2026-02-10',
          posted_at: new Date().toISOString(),
          external_id: 'PAY-1#principal',
          reverses_id: null,
          memo: null,
          payment_id: Number(payment.id),
        })
        .execute()
      await appendJournalEvent(trx, {
        tenantId: tenant.id,
        type: 'payments.posted',
        actor: 'test',
        payload: { payments: [Number(payment.id)] },
        covers: [
          { table: 'payments', externalIds: ['PAY-1'] },
          coverLedgerRows([{ account_id: accountId, external_id: 'PAY-1#principal' }]),
        ],
      })
      return Number(payment.id)
    })
    expect((await verify(tenant.id)).firstBreak).toBeNull()
    expect((await verify(tenant.id)).rowsChecked).toBe(14)

    await sql`update payments set amount_minor = 250000 where id = ${paid}`.execute(db)
    expect((await verify(tenant.id)).firstBreak).toMatchObject({
      seq: 3,
      reason: `payments row ${paid} was edited: an audited column differs from what the event recorded`,
    })
    await sql`update payments set amount_minor = 2500 where id = ${paid}`.execute(db)

    // A reversal written in SQL, with no event: caught as an unrecorded change of state.
    await sql`update payments set status = 'reversed', reversed_at = '2026-02-11T00:00:00.000Z' where id = ${paid}`.execute(
      db,
    )
    expect((await verify(tenant.id)).firstBreak?.reason).toBe(
      `payments row ${paid} is reversed but no journal event records its reversal: it was changed outside Recoup`,
    )
    // The reversal journaled: the posting's digest still holds, and the new state is vouched for.
    await db.transaction().execute((trx) =>
      appendJournalEvent(trx, {
        tenantId: tenant.id,
        type: 'payment.reversed',
        actor: 'test',
        payload: {},
        covers: [{ table: 'payment_status', ids: [paid] }],
      }),
    )
    expect((await verify(tenant.id)).firstBreak).toBeNull()
    await sql`update payments set status = 'posted', reversed_at = null where id = ${paid}`.execute(db)
    expect((await verify(tenant.id)).firstBreak).toMatchObject({
      seq: 4,
      reason: `payments row ${paid} was edited: its status or reversal differs from what the event recorded`,
    })
  })

  it('refuses to journal a cover of rows that do not exist, writing nothing', async () => {
    const { tenant } = await seed('cover-bad-request')
    const append = store()
      .db.transaction()
      .execute((trx) =>
        appendJournalEvent(trx, {
          tenantId: tenant.id,
          type: 't',
          actor: 'test',
          payload: {},
          covers: [{ table: 'ledger_entries', ids: [987_654_321] }],
        }),
      )
    await expect(append).rejects.toThrow(/missing|found/)
    expect((await verify(tenant.id)).events).toBe(2)
  })

  it('a consistent rewrite of tail and head passes the chain but not the anchor', async () => {
    const { tenant } = await seed('cover-rewritten')
    await appendEvents(tenant.id, 3)
    const anchor = signAnchor(await listJournalHeads(store().db), KEY, new Date())
    const text = JSON.stringify(anchor)
    // Mallory deletes events 4 and 5 and appends a forged event 4 with a valid hash and head.
    await rewriteTail(tenant.id, 4)
    expect((await verify(tenant.id)).firstBreak).toBeNull()
    const result = await verifyJournal({ store: store() }, { anchor: { text, source: 'a.json' }, key: KEY })
    const mine = result.tenants.find((t) => t.tenant === 'cover-rewritten')
    expect(result.intact).toBe(false)
    expect(mine?.firstBreak).toMatchObject({ seq: 5, eventId: null })
    expect(mine?.firstBreak?.reason).toContain('the anchor recorded seq 5 but the chain ends at seq 4')
  })

  it('the anchor catches an event rewritten in place, and a truncation with the head rewound', async () => {
    const { tenant } = await seed('cover-anchored')
    await appendEvents(tenant.id, 2)
    const text = JSON.stringify(signAnchor(await listJournalHeads(store().db), KEY, new Date()))
    const run = () =>
      verifyJournal({ store: store() }, { tenant: 'cover-anchored', anchor: { text, source: 'a' }, key: KEY })
    expect((await run()).intact).toBe(true)
    await rewriteTail(tenant.id, 3) // events 3 and 4 rewritten: seq 4 now has another hash
    await appendEvents(tenant.id, 1)
    const rewritten = (await run()).tenants[0]?.firstBreak
    expect(rewritten).toMatchObject({ seq: 4, reason: expect.stringContaining('another hash for seq 4') })
  })

  it('refuses an anchor signed with another key, or altered', async () => {
    const { tenant } = await seed('cover-wrong-key')
    const anchor = signAnchor(await listJournalHeads(store().db), OTHER_KEY, new Date())
    const wrongKey = verifyJournal(
      { store: store() },
      { anchor: { text: JSON.stringify(anchor), source: 'a' }, key: KEY },
    )
    await expect(wrongKey).rejects.toMatchObject({
      code: 'anchor_signature_invalid',
      message: expect.stringContaining('signed with HMAC-SHA256 key'),
    })
    const good = signAnchor(await listJournalHeads(store().db), KEY, new Date())
    const altered = {
      ...good,
      heads: good.heads.map((h) => (h.tenantId === tenant.id ? { ...h, seq: 1 } : h)),
    }
    const tampered = verifyJournal(
      { store: store() },
      { anchor: { text: JSON.stringify(altered), source: 'a' }, key: KEY },
    )
    await expect(tampered).rejects.toMatchObject({
      code: 'anchor_signature_invalid',
      message: expect.stringContaining('altered after signing'),
    })
    await expect(
      verifyJournal({ store: store() }, { anchor: { text: '{"format":1}', source: 'a.json' }, key: KEY }),
    ).rejects.toMatchObject({ code: 'invalid_anchor', message: expect.stringContaining('a.json') })
    await expect(
      verifyJournal({ store: store() }, { anchor: { text: JSON.stringify(good), source: 'a' } }),
    ).rejects.toMatchObject({ code: 'audit_key_missing' })
  })

  async function appendEvents(tenantId: number, count: number) {
    for (let i = 0; i < count; i++) {
      await store()
        .db.transaction()
        .execute((trx) =>
          appendJournalEvent(trx, { tenantId, type: 'test.noted', actor: 'test', payload: { i } }),
        )
    }
  }

  /** Deletes every event from `fromSeq` on and forges one valid replacement at `fromSeq`, head included. */
  async function rewriteTail(tenantId: number, fromSeq: number) {
    const { db } = store()
    await sql`delete from journal_events where tenant_id = ${tenantId} and seq >= ${fromSeq}`.execute(db)
    const before = await db
      .selectFrom('journal_events')
      .select('hash')
      .where('tenant_id', '=', tenantId)
      .where('seq', '=', fromSeq - 1)
      .executeTakeFirstOrThrow()
    const row = nextJournalRow(
      { seq: fromSeq, hash: before.hash },
      { tenantId, type: 'test.forged', actor: 'mallory', payload: {} },
    )
    await db.insertInto('journal_events').values(row).execute()
    await db
      .updateTable('journal_heads')
      .set({ seq: fromSeq, hash: row.hash })
      .where('tenant_id', '=', tenantId)
      .execute()
  }
})
