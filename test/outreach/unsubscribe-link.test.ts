import { expect, it } from 'vitest'
import { englishRenderer } from '../../src/core/outreach/english-renderer.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { SEND_AT, seedOutbox } from './outreach-fixtures.ts'

const LINKS = { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' }

describeEachDatabase('the /unsubscribe/:token page', ({ store }) => {
  /** Sends one email (to a sender that accepts everything) and returns its message row. */
  async function sentMessage(slug: string) {
    const { tenant } = await seedOutbox(store().db, slug, [{ accounts: 2, email: `${slug}@example.test` }])
    const accepted = {
      provider: 'test',
      channel: 'email' as const,
      send: async () => ({ status: 'accepted', providerMessageId: `<${slug}@test>` }) as const,
    }
    await new Dispatcher({
      store: store(),
      senders: { email: accepted },
      links: LINKS,
      renderer: englishRenderer,
      now: () => SEND_AT,
    }).dispatchAll()
    return store()
      .db.selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('status', '=', 'sent')
      .executeTakeFirstOrThrow()
  }

  it('GET shows a script-free confirmation with the masked address only', async () => {
    const message = await sentMessage('unsub-get')
    const app = await buildServer(store())
    const res = await app.inject({ method: 'GET', url: `/unsubscribe/${message.reply_token}` })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.headers['content-security-policy']).toContain("default-src 'none'")
    expect(res.body).toContain('u•••@e•••.test')
    expect(res.body).not.toContain('unsub-get@example.test')
    expect(res.body).not.toContain('Debtor')
    expect(res.body).not.toMatch(/<script|style=/i)
    expect(res.body).toContain('<form method="post">')
    // Looking is not opting out.
    const point = await store()
      .db.selectFrom('contact_points')
      .select(['opted_out_at'])
      .where('id', '=', message.contact_point_id as number)
      .executeTakeFirstOrThrow()
    expect(point.opted_out_at).toBeNull()
    await app.close()
  })

  it('POST List-Unsubscribe=One-Click records the opt-out as the mailto does, once', async () => {
    const message = await sentMessage('unsub-post')
    const app = await buildServer(store())
    const post = () =>
      app.inject({
        method: 'POST',
        url: `/unsubscribe/${message.reply_token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      })
    const res = await post()
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('You are unsubscribed')
    expect((await post()).statusCode).toBe(200)
    const db = store().db
    const point = await db
      .selectFrom('contact_points')
      .select(['opted_out_at', 'consent'])
      .where('id', '=', message.contact_point_id as number)
      .executeTakeFirstOrThrow()
    expect(point.opted_out_at).not.toBeNull()
    expect(point.consent).toBe('revoked')
    const optOuts = await db
      .selectFrom('message_events')
      .select(['account_id', 'kind'])
      .where('message_id', '=', message.id)
      .where('kind', '=', 'opt_out')
      .execute()
    expect(optOuts).toHaveLength(2)
    const journal = await db
      .selectFrom('journal_events')
      .select(['actor'])
      .where('tenant_id', '=', message.tenant_id)
      .where('type', '=', 'contact_point.opted_out')
      .execute()
    expect(journal).toEqual([{ actor: 'system:unsubscribe-link' }])
    await app.close()
  })

  it('an unknown or forged token gets the same generic 404 on GET and POST', async () => {
    await sentMessage('unsub-forged')
    const app = await buildServer(store())
    const bodies = new Set<string>()
    for (const token of ['0123456789abcdef01234567', 'not-a-token', '<script>x</script>'])
      for (const method of ['GET', 'POST'] as const) {
        const res = await app.inject({
          method,
          url: `/unsubscribe/${encodeURIComponent(token)}`,
          ...(method === 'POST'
            ? {
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                payload: 'List-Unsubscribe=One-Click',
              }
            : {}),
        })
        expect(res.statusCode).toBe(404)
        bodies.add(res.body)
      }
    expect(bodies.size).toBe(1)
    expect([...bodies][0]).not.toContain('script>x')
    await app.close()
  })
})
