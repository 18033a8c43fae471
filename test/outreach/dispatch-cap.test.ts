import { expect, it } from 'vitest'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { openStore } from '../../src/store/connect.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { SEND_AT, seedOutbox } from './outreach-fixtures.ts'

const LINKS = { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' }

/**
 * New York City allows 3 contacts per 7 days per consumer across channels (6 RCNY 5-77). One debtor
 * has 8 accounts each with an email due, the tenant does not consolidate, and two dispatchers on their
 * own connections race for them: together they must send at most 3.
 */
describeEachDatabase('two dispatchers never pass a frequency cap together', ({ store, config }) => {
  it('sends at most the cap for one debtor, the rest deferred past the cap window', async () => {
    const db = store().db
    await seedOutbox(db, 'nyc', [{ accounts: 8, jurisdiction: 'US-NY-NYC', debtKind: 'consumer' }], {
      consolidate: false,
    })
    // PostgreSQL: a second connection pool, as a second process would have. SQLite dispatches in one
    // process: both dispatchers share its connection, whose transactions queue.
    const other = config().kind === 'postgres' ? await openStore(config()) : store()
    const sent: string[] = []
    const sender = {
      channel: 'email' as const,
      provider: 'test',
      send: async (m: { idempotencyKey: string }) => {
        sent.push(m.idempotencyKey)
        await new Promise((r) => setTimeout(r, 5))
        return { status: 'accepted' as const, providerMessageId: `<${m.idempotencyKey}@test>` }
      },
    }
    try {
      const make = (s: typeof other) =>
        new Dispatcher({
          store: s,
          senders: { email: sender },
          links: LINKS,
          now: () => SEND_AT,
          batchSize: 1,
        })
      const [a, b] = await Promise.all([make(store()).dispatchAll(), make(other).dispatchAll()])
      expect(a.sent + b.sent).toBe(3)
      expect(sent).toHaveLength(3)
      expect(a.deferred + b.deferred).toBe(5)
      const pending = await db
        .selectFrom('outbox')
        .select('scheduled_at')
        .where('status', '=', 'pending')
        .execute()
      expect(pending).toHaveLength(5)
      for (const p of pending) expect((p.scheduled_at ?? '') > SEND_AT.toISOString()).toBe(true)
    } finally {
      if (other !== store()) await other.close()
    }
  })
})
