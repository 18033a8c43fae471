import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { appendJournalEvent, verifyJournalChain } from '../../src/store/journal.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

describeEachDatabase('journal hash chain', ({ store }) => {
  async function seedTenant(slug: string, events: number) {
    const { db } = store()
    const tenant = await createTestTenant(db, slug, { timeZone: 'Europe/London', defaultCurrency: 'GBP' })
    for (let i = 1; i <= events; i++) {
      await db.transaction().execute((trx) =>
        appendJournalEvent(trx, {
          tenantId: tenant.id,
          type: 'test.happened',
          actor: 'test',
          subject: `thing:${i}`,
          payload: { i, note: `event ${i}` },
        }),
      )
    }
    return tenant
  }

  it('verifies an untouched chain', async () => {
    const tenant = await seedTenant('untouched', 5)
    const result = await verifyJournalChain(store().db, tenant.id)
    expect(result).toEqual({ tenantId: tenant.id, events: 5, rowsChecked: 0, firstBreak: null })
  })

  it('serializes concurrent appends into one unbroken chain', async () => {
    const { db } = store()
    const tenant = await seedTenant('concurrent', 0)
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db
          .transaction()
          .execute((trx) =>
            appendJournalEvent(trx, { tenantId: tenant.id, type: 't', actor: 'a', payload: { i } }),
          ),
      ),
    )
    const result = await verifyJournalChain(db, tenant.id)
    expect(result.events).toBe(20)
    expect(result.firstBreak).toBeNull()
  })

  it('names the first edited event', async () => {
    const tenant = await seedTenant('edited', 6)
    await sql`update journal_events set payload = '{"i":3,"note":"changed"}' where tenant_id = ${tenant.id} and seq = 3`.execute(
      store().db,
    )
    const result = await verifyJournalChain(store().db, tenant.id)
    expect(result.firstBreak).toMatchObject({ seq: 3, reason: expect.stringContaining('edited') })
  })

  const idOf = async (tenantId: number, seq: number) =>
    Number(
      (
        await store()
          .db.selectFrom('journal_events')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('seq', '=', seq)
          .executeTakeFirstOrThrow()
      ).id,
    )

  it('names the deleted event by seq and the stored one after it by seq and id', async () => {
    const tenant = await seedTenant('deleted', 6)
    await sql`delete from journal_events where tenant_id = ${tenant.id} and seq = 4`.execute(store().db)
    const result = await verifyJournalChain(store().db, tenant.id)
    expect(result.firstBreak).toEqual({
      seq: 4,
      eventId: null,
      reason: `event seq 4 is missing (deleted or moved); the next stored event is seq 5 (id ${await idOf(tenant.id, 5)})`,
    })
  })

  it('catches a deletion of the last event, naming the last one kept by its own id', async () => {
    const tenant = await seedTenant('tail', 3)
    await sql`delete from journal_events where tenant_id = ${tenant.id} and seq = 3`.execute(store().db)
    const result = await verifyJournalChain(store().db, tenant.id)
    expect(result.firstBreak).toEqual({
      seq: 3,
      eventId: null,
      reason: `event seq 3 is missing: the head says 3 but the last stored event is seq 2 (id ${await idOf(tenant.id, 2)}); deleted`,
    })
  })

  it('catches two events swapped in order', async () => {
    const tenant = await seedTenant('swapped', 5)
    const { db } = store()
    await sql`update journal_events set seq = -2 where tenant_id = ${tenant.id} and seq = 2`.execute(db)
    await sql`update journal_events set seq = 2 where tenant_id = ${tenant.id} and seq = 3`.execute(db)
    await sql`update journal_events set seq = 3 where tenant_id = ${tenant.id} and seq = -2`.execute(db)
    const result = await verifyJournalChain(db, tenant.id)
    expect(result.firstBreak).toMatchObject({ seq: 2, reason: expect.stringContaining('previous-hash') })
  })

  it('catches the last event deleted together with the head row', async () => {
    const tenant = await seedTenant('headless', 3)
    await sql`delete from journal_events where tenant_id = ${tenant.id} and seq = 3`.execute(store().db)
    await sql`delete from journal_heads where tenant_id = ${tenant.id}`.execute(store().db)
    const result = await verifyJournalChain(store().db, tenant.id)
    expect(result.firstBreak).toMatchObject({
      seq: 2,
      reason: expect.stringContaining('head row is missing'),
    })
  })

  it('verifies up to the head it started from while events keep arriving', async () => {
    const { db } = store()
    const tenant = await seedTenant('live', 3)
    const append = (i: number) =>
      db
        .transaction()
        .execute((trx) =>
          appendJournalEvent(trx, { tenantId: tenant.id, type: 't', actor: 'a', payload: { i } }),
        )
    const [result] = await Promise.all([verifyJournalChain(db, tenant.id), append(4), append(5)])
    expect(result.firstBreak).toBeNull()
    expect((await verifyJournalChain(db, tenant.id)).events).toBe(5)
  })

  it('keeps tenants on separate chains', async () => {
    const a = await seedTenant('chain-a', 2)
    const b = await seedTenant('chain-b', 2)
    await sql`update journal_events set actor = 'mallory' where tenant_id = ${a.id} and seq = 1`.execute(
      store().db,
    )
    expect((await verifyJournalChain(store().db, a.id)).firstBreak?.seq).toBe(1)
    expect((await verifyJournalChain(store().db, b.id)).firstBreak).toBeNull()
  })
})
