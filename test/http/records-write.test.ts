import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, localDateAt } from '../../src/core/calendar/local-date.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { type BookAccount, recordsBook, walk } from './records-fixtures.ts'

const SLUG = 'rec-write'
const BASE = `/api/v1/tenants/${SLUG}`

describeEachDatabase('records API: the money acts and updates with ETags', ({ store }) => {
  let app: FastifyInstance
  let accounts: BookAccount[]
  let admin: Awaited<ReturnType<typeof injectAs>>
  let readOnly: Awaited<ReturnType<typeof injectAs>>
  const today = localDateAt(new Date(), 'UTC')
  const soon = addDays(today, 20)

  beforeAll(async () => {
    accounts = (await recordsBook(store(), SLUG, 10)).accounts
    app = await buildServer(store(), { logger: false })
    admin = await injectAs(app, store(), SLUG, 'admin')
    readOnly = await injectAs(app, store(), SLUG, 'read_only')
  })
  afterAll(async () => app?.close())

  const account = (n: number) => (accounts[n] as BookAccount).externalId
  const post = (url: string, payload?: object) =>
    admin({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) })

  describe('each POST creates the thing, visible through GET', () => {
    it('plans, promises, settlements and hardship pauses', async () => {
      const plan = await post(`${BASE}/accounts/${account(2)}/plans`, {
        instalments: 3,
        frequency: 'monthly',
      })
      expect(plan.statusCode, plan.body).toBe(201)
      expect(plan.json()).toMatchObject({ account: account(2), exception: false })
      const plans = await walk(admin, `${BASE}/accounts/${account(2)}/plans`)
      expect(plans).toHaveLength(1)
      expect(plans[0]).toMatchObject({ id: plan.json().planId, status: 'active', frequency: 'monthly' })
      expect(plans[0]?.instalments).toHaveLength(3)

      const promise = await post(`${BASE}/accounts/${account(3)}/promises`, {
        amount: '25.00',
        dueOn: soon,
        channel: 'phone',
      })
      expect(promise.statusCode, promise.body).toBe(201)
      expect(await walk(admin, `${BASE}/accounts/${account(3)}/promises`)).toEqual([
        expect.objectContaining({
          id: promise.json().promiseId,
          amountMinor: 2_500,
          dueOn: soon,
          state: 'open',
        }),
      ])

      const balance = (accounts[4] as BookAccount).principal
      const offer = await post(`${BASE}/accounts/${account(4)}/settlements`, {
        amount: ((balance * 0.8) / 100).toFixed(2),
        expiresOn: soon,
      })
      expect(offer.statusCode, offer.body).toBe(201)
      expect(await walk(admin, `${BASE}/accounts/${account(4)}/settlements`)).toEqual([
        expect.objectContaining({ id: offer.json().settlementId, status: 'offered', expiresOn: soon }),
      ])

      const pause = await post(`${BASE}/accounts/${account(5)}/hardship`, {
        reason: 'lost job',
        from: today,
        to: soon,
      })
      expect(pause.statusCode, pause.body).toBe(201)
      expect(await walk(admin, `${BASE}/accounts/${account(5)}/hardship`)).toEqual([
        { id: pause.json().pauseId, reason: 'lost job', from: today, to: soon },
      ])
    })

    it('disputes: open, verification sent, resolved', async () => {
      const opened = await post(`${BASE}/accounts/${account(6)}/disputes`, {
        reason: 'not mine',
        written: true,
      })
      expect(opened.statusCode, opened.body).toBe(201)
      const id = opened.json().disputeId as number
      const sent = await post(`${BASE}/disputes/${id}/verification-sent`)
      expect(sent.statusCode, sent.body).toBe(201)
      expect(sent.json()).toMatchObject({ account: account(6), disputeId: id })
      const resolved = await post(`${BASE}/disputes/${id}/resolve`, { for: 'creditor' })
      expect(resolved.statusCode, resolved.body).toBe(201)
      const [dispute] = await walk(admin, `${BASE}/accounts/${account(6)}/disputes`)
      expect(dispute).toMatchObject({ id, written: true, reason: 'not mine' })
      expect(dispute?.verificationSentAt).toEqual(expect.any(String))
      expect(dispute?.resolvedAt).toEqual(expect.any(String))
      const again = await post(`${BASE}/disputes/${id}/resolve`, { for: 'debtor' })
      expect(again.statusCode).toBe(409)
      const unknown = await post(`${BASE}/disputes/999999/resolve`, { for: 'debtor' })
      expect(unknown.statusCode).toBe(404)
      expect(unknown.json().error.code).toBe('dispute_not_found')
    })

    it('write-off, charge-off and close', async () => {
      const off = await post(`${BASE}/accounts/${account(7)}/write-off`, {
        amount: '1.00',
        reason: 'goodwill',
      })
      expect(off.statusCode, off.body).toBe(201)
      expect(off.json()).toMatchObject({ writtenOffMinor: 100, full: false, closed: false })
      const ledger = await walk(admin, `${BASE}/accounts/${account(7)}/transactions`)
      expect(ledger.map((e) => [e.kind, e.amountMinor])).toContainEqual(['write_off', -100])

      const charged = await post(`${BASE}/accounts/${account(8)}/charge-off`, { on: '2026-03-01' })
      expect(charged.statusCode, charged.body).toBe(201)
      expect((await admin(`${BASE}/accounts/${account(8)}`)).json().chargeOffOn).toBe('2026-03-01')

      const closed = await post(`${BASE}/accounts/${account(9)}/close`, {
        reason: 'recalled by the creditor',
      })
      expect(closed.statusCode, closed.body).toBe(201)
      expect(closed.json()).toMatchObject({ closed: true })
      const shown = (await admin(`${BASE}/accounts/${account(9)}`)).json()
      expect(shown).toMatchObject({ status: 'closed', closeReason: 'recalled by the creditor' })
      expect((await walk(admin, `${BASE}/accounts?status=closed`)).map((a) => a.id)).toEqual([account(9)])
    })

    it('replays a retried act with the same Idempotency-Key and creates it once', async () => {
      const send = () =>
        admin({
          method: 'POST',
          url: `${BASE}/accounts/${account(0)}/disputes`,
          payload: { reason: 'retried', written: false },
          headers: { 'idempotency-key': 'records-retry-1' },
        })
      const first = await send()
      expect(first.statusCode, first.body).toBe(201)
      const second = await send()
      expect(second.statusCode).toBe(201)
      expect(second.headers['idempotent-replayed']).toBe('true')
      expect(second.json()).toEqual(first.json())
      const disputes = await walk(admin, `${BASE}/accounts/${account(0)}/disputes`)
      expect(disputes.map((d) => d.reason)).toEqual(['retried'])
    })

    it('refuses malformed bodies with the CLI codes, and unknown fields', async () => {
      const cases: [string, object, string][] = [
        [
          `${BASE}/accounts/${account(1)}/promises`,
          { amount: 25, dueOn: soon, channel: 'phone' },
          'invalid_amount',
        ],
        [
          `${BASE}/accounts/${account(1)}/promises`,
          { amount: '1.2.3', dueOn: soon, channel: 'x' },
          'invalid_amount',
        ],
        [
          `${BASE}/accounts/${account(1)}/promises`,
          { amount: '5', dueOn: '2026-13-01', channel: 'x' },
          'invalid_date',
        ],
        [`${BASE}/accounts/${account(1)}/hardship`, { reason: '', from: today, to: soon }, 'invalid_reason'],
        [`${BASE}/accounts/${account(1)}/close`, { reason: 'x', extra: 1 }, 'unknown_parameter'],
        [`${BASE}/accounts/${account(1)}/disputes`, { reason: 'x', written: 'yes' }, 'invalid_request'],
        [`${BASE}/disputes/1/resolve`, { for: 'nobody' }, 'invalid_resolution'],
        [`${BASE}/disputes/abc/resolve`, { for: 'debtor' }, 'invalid_request'],
      ]
      for (const [url, payload, code] of cases) {
        const response = await post(url, payload)
        expect(response.statusCode, `${url} ${JSON.stringify(payload)} ${response.body}`).toBe(400)
        expect(response.json().error.code, JSON.stringify(payload)).toBe(code)
      }
      const missing = await post(`${BASE}/accounts/NOPE/plans`, { instalments: 2 })
      expect(missing.statusCode).toBe(404)
      expect(missing.json().error.code).toBe('account_not_found')
    })

    it('refuses every act to a read-only key (403) and records nothing', async () => {
      const acts: [string, object][] = [
        [`${BASE}/accounts/${account(1)}/plans`, { instalments: 2 }],
        [`${BASE}/accounts/${account(1)}/promises`, { amount: '5.00', dueOn: soon, channel: 'phone' }],
        [`${BASE}/accounts/${account(1)}/settlements`, { amount: '50.00', expiresOn: soon }],
        [`${BASE}/accounts/${account(1)}/disputes`, { reason: 'x', written: false }],
        [`${BASE}/accounts/${account(1)}/hardship`, { reason: 'x', from: today, to: soon }],
        [`${BASE}/accounts/${account(1)}/write-off`, { reason: 'x' }],
        [`${BASE}/accounts/${account(1)}/charge-off`, {}],
        [`${BASE}/accounts/${account(1)}/close`, { reason: 'x' }],
        [`${BASE}/disputes/1/resolve`, { for: 'debtor' }],
        [`${BASE}/disputes/1/verification-sent`, {}],
      ]
      for (const [url, payload] of acts) {
        const response = await readOnly({ method: 'POST', url, payload })
        expect(response.statusCode, `${url} ${response.body}`).toBe(403)
        expect(response.json().error.code).toBe('forbidden')
      }
      const shown = (await readOnly(`${BASE}/accounts/${account(1)}`)).json()
      expect(shown).toMatchObject({ status: 'open', chargeOffOn: null })
      for (const kind of ['plans', 'promises', 'settlements', 'disputes', 'hardship'])
        expect(await walk(readOnly, `${BASE}/accounts/${account(1)}/${kind}`), kind).toEqual([])
    })
  })

  describe('PATCH with ETags', () => {
    const debtorUrl = () => `${BASE}/debtors/${(accounts[0] as BookAccount).debtor}`

    it('updates a debtor only with the current ETag: 428 without, 412 stale; journaled with the actor', async () => {
      const read = await admin(debtorUrl())
      const tag = read.headers.etag as string
      expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/)
      const patch = (payload: object, ifMatch?: string) =>
        admin({
          method: 'PATCH',
          url: debtorUrl(),
          payload,
          ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
        })
      const none = await patch({ preferredLanguage: 'es' })
      expect(none.statusCode, none.body).toBe(428)
      expect(none.json().error.code).toBe('precondition_required')
      const stale = await patch({ preferredLanguage: 'es' }, '"not-this-one"')
      expect(stale.statusCode).toBe(412)
      expect(stale.json().error.code).toBe('precondition_failed')
      const done = await patch({ preferredLanguage: 'es-US', statedTimeZone: 'America/Chicago' }, tag)
      expect(done.statusCode, done.body).toBe(200)
      expect(done.json()).toMatchObject({ preferredLanguage: 'es-US', statedTimeZone: 'America/Chicago' })
      const newTag = done.headers.etag as string
      expect(newTag).not.toBe(tag)
      const again = await admin(debtorUrl())
      expect(again.headers.etag).toBe(newTag)
      expect(again.json()).toMatchObject({ preferredLanguage: 'es-US', statedTimeZone: 'America/Chicago' })
      // The old tag is stale now: a second editor working from the first read is refused.
      expect((await patch({ preferredLanguage: 'fr' }, tag)).statusCode).toBe(412)
      const cleared = await patch({ statedTimeZone: null }, newTag)
      expect(cleared.statusCode).toBe(200)
      expect(cleared.json().statedTimeZone).toBeNull()
      for (const [payload, code] of [
        [{ statedTimeZone: 'Mars/Olympus' }, 'invalid_time_zone'],
        [{ preferredLanguage: 'not a language' }, 'invalid_locale'],
        [{ name: 'Someone Else' }, 'unknown_parameter'],
      ] as const) {
        const bad = await patch(payload, '*')
        expect(bad.statusCode, bad.body).toBe(400)
        expect(bad.json().error.code).toBe(code)
      }
      const events = await store()
        .db.selectFrom('journal_events')
        .select(['type', 'actor'])
        .where('type', '=', 'debtor.updated')
        .execute()
      expect(events).toHaveLength(2)
      expect(events[0]?.actor).toMatch(/^api_key:\d+$/)
      const refused = await readOnly({
        method: 'PATCH',
        url: debtorUrl(),
        payload: { preferredLanguage: 'de' },
        headers: { 'if-match': '*' },
      })
      expect(refused.statusCode).toBe(403)
    })

    it('updates a contact point’s consent and zone with its ETag', async () => {
      const debtor = (await admin(debtorUrl())).json()
      const phone = debtor.contactPoints.find((c: { kind: string }) => c.kind === 'phone')
      const url = `${BASE}/contact-points/${phone.id}`
      expect((await admin({ method: 'PATCH', url, payload: { consent: 'granted' } })).statusCode).toBe(428)
      const granted = await admin({
        method: 'PATCH',
        url,
        payload: { consent: 'granted', timeZone: 'America/New_York' },
        headers: { 'if-match': phone.etag },
      })
      expect(granted.statusCode, granted.body).toBe(200)
      expect(granted.json()).toMatchObject({
        consent: 'granted',
        timeZone: 'America/New_York',
        optedOutAt: null,
      })
      expect(granted.headers.etag).toBe(granted.json().etag)
      const stale = await admin({
        method: 'PATCH',
        url,
        payload: { consent: 'revoked' },
        headers: { 'if-match': phone.etag },
      })
      expect(stale.statusCode).toBe(412)
      const revoked = await admin({
        method: 'PATCH',
        url,
        payload: { consent: 'revoked' },
        headers: { 'if-match': granted.headers.etag as string },
      })
      expect(revoked.statusCode, revoked.body).toBe(200)
      expect(revoked.json().optedOutAt).toEqual(expect.any(String))
      const shown = (await admin(debtorUrl())).json()
      const after = shown.contactPoints.find((c: { id: number }) => c.id === phone.id)
      expect(after).toEqual(revoked.json())
      const alone = await admin(url)
      expect(alone.statusCode).toBe(200)
      expect(alone.json()).toEqual(revoked.json())
      expect(alone.headers.etag).toBe(revoked.headers.etag)
      const unknown = await admin({
        method: 'PATCH',
        url: `${BASE}/contact-points/999999`,
        payload: { consent: 'granted' },
        headers: { 'if-match': '*' },
      })
      expect(unknown.statusCode).toBe(404)
      expect(unknown.json().error.code).toBe('contact_point_not_found')
    })
  })
})
