import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { SmsSinkSender } from '../../src/outreach/sms/sms-sink-sender.ts'
import { down, up } from '../../src/store/migrations/0020-letter-messages.ts'
import { SEND_AT, seedOutbox } from '../outreach/outreach-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

const indexNames = async (db: Kysely<unknown>, dialect: string) =>
  dialect === 'postgres'
    ? (
        await sql<{
          n: string
        }>`select indexname as n from pg_indexes where tablename = 'messages' and schemaname = current_schema()`.execute(
          db,
        )
      ).rows
        .map((r) => r.n)
        .sort()
    : (
        await sql<{
          n: string
        }>`select name as n from sqlite_master where type = 'index' and tbl_name = 'messages'`.execute(db)
      ).rows
        .map((r) => r.n)
        .sort()

describeEachDatabase('migration 0020: messages take letters', ({ store }) => {
  it('narrowing and widening again keeps every message, its accounts and its indexes', async () => {
    const db = store().db as unknown as Kysely<unknown>
    const { tenant } = await seedOutbox(store().db, 'letters-migration', [{ accounts: 2, channels: ['sms'] }])
    const sms = new SmsSinkSender(mkdtempSync(join(tmpdir(), 'recoup-sms-')))
    await new Dispatcher({
      store: store(),
      senders: { sms },
      links: { replyDomain: 'r.example.test', publicUrl: 'https://c.example.test' },
      now: () => SEND_AT,
    }).dispatchAll()
    const before = await store()
      .db.selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .execute()
    const links = await store()
      .db.selectFrom('message_accounts')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(before.length).toBeGreaterThan(0)
    const indexes = await indexNames(db, store().dialect)
    await (store().dialect === 'postgres'
      ? store()
          .db.transaction()
          .execute((trx) => down(trx as never))
      : down(db))
    await (store().dialect === 'postgres'
      ? store()
          .db.transaction()
          .execute((trx) => up(trx as never))
      : up(db))
    expect(
      await store().db.selectFrom('messages').selectAll().where('tenant_id', '=', tenant.id).execute(),
    ).toEqual(before)
    expect(
      await store()
        .db.selectFrom('message_accounts')
        .selectAll()
        .where('tenant_id', '=', tenant.id)
        .execute(),
    ).toEqual(links)
    expect(await indexNames(db, store().dialect)).toEqual(indexes)
    // A letter goes in; another channel does not; the foreign keys still hold.
    const row = before[0] as (typeof before)[number]
    const letter = {
      ...row,
      id: undefined,
      channel: 'letter' as const,
      idempotency_key: 'mig-letter',
      reply_token: 'mig-letter',
    }
    delete (letter as { id?: number }).id
    await store()
      .db.insertInto('messages')
      .values(letter as never)
      .execute()
    await expect(
      store()
        .db.insertInto('messages')
        .values({ ...letter, channel: 'fax', idempotency_key: 'mig-fax', reply_token: 'mig-fax' } as never)
        .execute(),
    ).rejects.toThrow(/check/i)
    await expect(
      store()
        .db.insertInto('message_accounts')
        .values({
          tenant_id: tenant.id,
          message_id: 999_999_999,
          account_id: links[0]?.account_id ?? 0,
          outbox_id: 999_999_998,
        } as never)
        .execute(),
    ).rejects.toThrow(/foreign key/i)
  })
})
