import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { createApiKey } from '../../src/app/auth/api-keys.ts'
import { createUser } from '../../src/app/auth/users.ts'
import { openDispute } from '../../src/app/money/open-dispute.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { buildServer } from '../../src/http/build-server.ts'
import type { Store } from '../../src/store/connect.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { accountsWithDebt, componentBalances } from '../money/money-fixtures.ts'
import { agencyBook } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

/** A tenant with one account, one posted payment, one open unmatched credit, a user and a key. */
async function book(store: Store, slug: string, mark: string) {
  const { tenant, ids } = await accountsWithDebt(store, slug, [
    { externalId: `${mark}-1`, jurisdiction: 'US-NY', currency: 'USD', principal: 50_000 },
  ])
  const ctx = { store, actor: systemActor(tenant, 'test') }
  await postPayment(ctx, {
    account: `${mark}-1`,
    amount: '10.00',
    reference: `PAY-${mark}`,
    receivedOn: '2026-03-01',
    source: 'api',
  })
  await store.db
    .insertInto('unmatched_credits')
    .values({
      tenant_id: tenant.id,
      bank_statement_id: null,
      bank_transaction_id: `BK-${mark}`,
      amount_minor: 1_000,
      currency: 'USD',
      booked_on: '2026-03-02',
      debtor_name: `Secret Debtor ${mark}`,
      remittance: '{}',
      suggestions: JSON.stringify([]),
      status: 'open',
    })
    .execute()
  const user = await createUser(ctx, {
    email: `boss@${slug}.test`,
    role: 'admin',
    password: 'a-long-password-1',
  })
  const key = await createApiKey(ctx, { name: `${mark} key`, role: 'admin' })
  const dispute = await openDispute(ctx, {
    account: `${mark}-1`,
    reason: `Secret reason ${mark}`,
    written: true,
  })
  const debtor = await store.db
    .selectFrom('debtors')
    .select('id')
    .where('tenant_id', '=', tenant.id)
    .executeTakeFirstOrThrow()
  const point = await store.db
    .insertInto('contact_points')
    .values({
      tenant_id: tenant.id,
      debtor_id: debtor.id,
      kind: 'email',
      phone_type: null,
      value: `secret@${slug}.test`,
      address_id: null,
      consent: 'granted',
      consent_at: null,
      opted_out_at: null,
      time_zone: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const run = await store.db
    .insertInto('runs')
    .values({ tenant_id: tenant.id, as_of: '2026-03-03', status: 'running', batch_size: 10, playbooks: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const imported = await store.db
    .insertInto('import_runs')
    .values({
      tenant_id: tenant.id,
      file_name: `/tmp/${mark}.csv`,
      file_sha256: mark,
      mapping: '{}',
      status: 'completed',
      started_at: '2026-03-01T00:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return {
    tenant,
    accountId: ids.get(`${mark}-1`) as number,
    user,
    key,
    disputeId: dispute.disputeId,
    contactPointId: Number(point.id),
    runId: Number(run.id),
    importId: Number(imported.id),
  }
}

describeEachDatabase(
  'tenant isolation: another tenant ids, filters and paths get 404/403, never data',
  ({ store }) => {
    let app: FastifyInstance
    let a: Awaited<ReturnType<typeof book>>
    let b: Awaited<ReturnType<typeof book>>
    let asA: { authorization: string }

    beforeAll(async () => {
      a = await book(store(), 'iso-a', 'A')
      b = await book(store(), 'iso-b', 'B')
      asA = { authorization: `Bearer ${a.key.key}` }
      app = await buildServer(store(), { logger: false })
    })
    afterAll(async () => app?.close())

    /** B's identifiers and data: none may appear in an answer to A. */
    const bSecrets = () => [
      'B-1',
      'PAY-B',
      'BK-B',
      'Secret Debtor B',
      'Secret reason B',
      'secret@iso-b.test',
      'boss@iso-b.test',
      'B key',
      'iso-b"',
    ]

    it("every endpoint under another tenant's path answers 404 tenant_not_found with nothing of it", async () => {
      const doc = (await app.inject({ url: '/openapi.json', headers: asA })).json() as {
        paths: Record<string, Record<string, unknown>>
      }
      const params: Record<string, string> = {
        '{tenant}': 'iso-b',
        '{reference}': 'PAY-B',
        '{id}': String(b.key.id),
      }
      let checked = 0
      for (const [path, methods] of Object.entries(doc.paths)) {
        if (!path.includes('{tenant}')) continue
        for (const method of Object.keys(methods)) {
          const url = path.replace(/\{[^}]+\}/g, (name) => params[name] ?? 'x')
          const response = await app.inject({
            method: method.toUpperCase() as 'GET',
            url,
            headers: asA,
            payload: {
              account: 'B-1',
              amount: '1.00',
              receivedOn: '2026-03-01',
              reference: 'x',
              reason: 'x',
            },
          })
          checked++
          expect(response.statusCode, `${method} ${url}`).toBe(404)
          expect(response.json().error.code, `${method} ${url}`).toBe('tenant_not_found')
          for (const secret of bSecrets().slice(0, -1))
            expect(response.body, `${method} ${url}`).not.toContain(secret)
        }
      }
      expect(checked).toBeGreaterThanOrEqual(10)
      // The same answer as for a tenant that does not exist: nothing tells the two apart.
      const missing = await app.inject({ url: '/api/v1/tenants/no-such/aging', headers: asA })
      const other = await app.inject({ url: '/api/v1/tenants/iso-b/aging', headers: asA })
      expect(other.json().error.message.replace('iso-b', 'no-such')).toBe(missing.json().error.message)
    })

    it("B's ids used inside A's own paths and bodies are unknown there", async () => {
      const base = '/api/v1/tenants/iso-a'
      const cases: [string, string, Record<string, unknown> | undefined, string][] = [
        [
          'POST',
          `${base}/payments`,
          { account: 'B-1', amount: '1.00', receivedOn: '2026-03-01', reference: 'iso-1' },
          'account_not_found',
        ],
        ['POST', `${base}/payments/PAY-B/reverse`, { reason: 'chargeback' }, 'payment_not_found'],
        ['POST', `${base}/unmatched-credits/BK-B/apply`, { account: 'A-1' }, 'unmatched_credit_not_found'],
        ['POST', `${base}/unmatched-credits/BK-A/apply`, { account: 'B-1' }, 'account_not_found'],
        ['POST', `${base}/api-keys/${b.key.id}/revoke`, undefined, 'api_key_not_found'],
        ['POST', `${base}/users/${b.user.id}/disable`, undefined, 'user_not_found'],
        ['GET', `${base}/accounts/B-1`, undefined, 'account_not_found'],
        ['GET', `${base}/debtors/d-B-1`, undefined, 'debtor_not_found'],
        ['GET', `${base}/payments/PAY-B`, undefined, 'payment_not_found'],
        ['GET', `${base}/contact-points/${b.contactPointId}`, undefined, 'contact_point_not_found'],
        ...['transactions', 'plans', 'promises', 'settlements', 'disputes', 'hardship'].map(
          (kind) =>
            ['GET', `${base}/accounts/B-1/${kind}`, undefined, 'account_not_found'] as [
              string,
              string,
              undefined,
              string,
            ],
        ),
        ['POST', `${base}/accounts/B-1/plans`, { instalments: 2 }, 'account_not_found'],
        [
          'POST',
          `${base}/accounts/B-1/promises`,
          { amount: '1.00', dueOn: '2099-01-01', channel: 'phone' },
          'account_not_found',
        ],
        [
          'POST',
          `${base}/accounts/B-1/settlements`,
          { amount: '1.00', expiresOn: '2099-01-01' },
          'account_not_found',
        ],
        ['POST', `${base}/accounts/B-1/disputes`, { reason: 'x', written: false }, 'account_not_found'],
        [
          'POST',
          `${base}/accounts/B-1/hardship`,
          { reason: 'x', from: '2026-03-01', to: '2026-03-31' },
          'account_not_found',
        ],
        ['POST', `${base}/accounts/B-1/write-off`, { reason: 'x' }, 'account_not_found'],
        ['POST', `${base}/accounts/B-1/charge-off`, {}, 'account_not_found'],
        ['POST', `${base}/accounts/B-1/close`, { reason: 'x' }, 'account_not_found'],
        ['POST', `${base}/disputes/${b.disputeId}/resolve`, { for: 'debtor' }, 'dispute_not_found'],
        ['POST', `${base}/disputes/${b.disputeId}/verification-sent`, {}, 'dispute_not_found'],
        ['PATCH', `${base}/debtors/d-B-1`, { preferredLanguage: 'fr' }, 'debtor_not_found'],
        [
          'PATCH',
          `${base}/contact-points/${b.contactPointId}`,
          { consent: 'revoked' },
          'contact_point_not_found',
        ],
        ['GET', `${base}/accounts/B-1/documents/statement.pdf`, undefined, 'account_not_found'],
        ['GET', `${base}/runs/${b.runId}`, undefined, 'run_not_found'],
        ['GET', `${base}/imports/${b.importId}`, undefined, 'import_not_found'],
        ['GET', `${base}/imports/${b.importId}/rejects`, undefined, 'import_not_found'],
      ]
      for (const [method, url, payload, code] of cases) {
        const response = await app.inject({
          method: method as 'POST',
          url,
          headers: method === 'PATCH' ? { ...asA, 'if-match': '*' } : asA,
          ...(payload ? { payload } : {}),
        })
        expect(response.statusCode, `${method} ${url} ${response.body}`).toBe(404)
        expect(response.json().error.code, url).toBe(code)
        // The answer echoes the id asked for, and nothing of B's data.
        for (const secret of bSecrets().filter((s) => s.includes(' ') || s.includes('@')))
          expect(response.body, url).not.toContain(secret)
      }
      for (const url of [
        `${base}/aging?asOf=2026-03-15`,
        `${base}/unmatched-credits`,
        `${base}/api-keys`,
        `${base}/users`,
        `${base}/accounts`,
        `${base}/accounts?client=x&debtor=d-B-1`,
        `${base}/debtors`,
        `${base}/debtors?externalId=d-B-1`,
        `${base}/payments`,
        `${base}/payments?account=B-1`,
        `${base}/runs`,
        `${base}/imports`,
        `${base}/audit/events?limit=500`,
        `${base}/reports/vintages?to=2026-03-15`,
        `${base}/reports/promises?format=csv`,
        `${base}/models`,
      ]) {
        const response = await app.inject({ url, headers: asA })
        expect(response.statusCode, url).toBe(200)
        for (const secret of bSecrets()) expect(response.body, url).not.toContain(secret)
      }
      const aging = (await app.inject({ url: `${base}/aging?asOf=2026-03-15`, headers: asA })).json()
      expect(JSON.stringify(aging)).toContain('49000')
    })

    it('left every row of B as it was', async () => {
      expect(await componentBalances(store(), b.accountId)).toEqual({ principal: 49_000 })
      const payment = await store()
        .db.selectFrom('payments')
        .select('status')
        .where('external_id', '=', 'PAY-B')
        .executeTakeFirstOrThrow()
      expect(payment.status).toBe('posted')
      const credit = await store()
        .db.selectFrom('unmatched_credits')
        .select('status')
        .where('bank_transaction_id', '=', 'BK-B')
        .executeTakeFirstOrThrow()
      expect(credit.status).toBe('open')
      const key = await store()
        .db.selectFrom('api_keys')
        .select('revoked_at')
        .where('id', '=', b.key.id)
        .executeTakeFirstOrThrow()
      expect(key.revoked_at).toBeNull()
      const user = await store()
        .db.selectFrom('users')
        .select('status')
        .where('id', '=', b.user.id)
        .executeTakeFirstOrThrow()
      expect(user.status).toBe('active')
      const dispute = await store()
        .db.selectFrom('disputes')
        .select(['resolved_at', 'verification_sent_at'])
        .where('id', '=', b.disputeId)
        .executeTakeFirstOrThrow()
      expect(dispute).toEqual({ resolved_at: null, verification_sent_at: null })
      const point = await store()
        .db.selectFrom('contact_points')
        .select(['consent', 'opted_out_at'])
        .where('id', '=', b.contactPointId)
        .executeTakeFirstOrThrow()
      expect(point).toEqual({ consent: 'granted', opted_out_at: null })
      const counts = await Promise.all(
        (['payment_plans', 'promises', 'settlements', 'hardship_pauses'] as const).map(async (table) =>
          Number(
            (
              await store()
                .db.selectFrom(table)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('tenant_id', '=', b.tenant.id)
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      )
      expect(counts).toEqual([0, 0, 0, 0])
      // B's key still works in B, and only there.
      const asB = { authorization: `Bearer ${b.key.key}` }
      expect((await app.inject({ url: '/api/v1/tenants/iso-b/aging', headers: asB })).statusCode).toBe(200)
      expect((await app.inject({ url: '/api/v1/tenants/iso-a/aging', headers: asB })).statusCode).toBe(404)
    })
  },
)

describeEachDatabase(
  'the agency case: a user limited to some clients sees only their accounts',
  ({ store }) => {
    let app: FastifyInstance
    let agency: Tenant
    let headers: Record<string, string>
    let southDispute: number

    beforeAll(async () => {
      agency = await agencyBook(store(), 'iso-agency')
      const ctx = { store: store(), actor: systemActor(agency, 'test') }
      await postPayment(ctx, {
        account: 'S-1',
        amount: '5.00',
        reference: 'PAY-SOUTH',
        receivedOn: '2026-03-01',
        source: 'api',
      })
      southDispute = (await openDispute(ctx, { account: 'S-1', reason: 'not mine', written: true })).disputeId
      await createUser(ctx, {
        email: 'north@agency.test',
        role: 'manager',
        password: 'a-long-password-1',
        clients: ['north'],
      })
      app = await buildServer(store(), { logger: false })
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { tenant: 'iso-agency', email: 'north@agency.test', password: 'a-long-password-1' },
      })
      expect(login.statusCode, login.body).toBe(200)
      headers = {
        cookie: String(login.headers['set-cookie']).split(';')[0] as string,
        'x-csrf-token': login.json().csrfToken,
      }
    })
    afterAll(async () => app?.close())

    it('refuses an unknown client when the user is created', async () => {
      const ctx = { store: store(), actor: systemActor(agency, 'test') }
      await expect(
        createUser(ctx, {
          email: 'x@agency.test',
          role: 'collector',
          password: 'a-long-password-1',
          clients: ['west'],
        }),
      ).rejects.toMatchObject({ code: 'unknown_client' })
    })

    it("reports only the user's clients and treats other clients' accounts as absent", async () => {
      const me = (await app.inject({ url: '/api/v1/auth/session', headers })).json()
      expect(me.clientIds).toHaveLength(1)
      const aging = await app.inject({ url: '/api/v1/tenants/iso-agency/aging?asOf=2026-03-15', headers })
      expect(aging.statusCode).toBe(200)
      const text = aging.body
      expect(text).toContain('Client north')
      expect(text).not.toContain('Client south')
      const pay = (account: string, reference: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/tenants/iso-agency/payments',
          headers,
          payload: { account, amount: '1.00', receivedOn: '2026-03-02', reference },
        })
      for (const account of ['S-1', 'X-1']) {
        const refused = await pay(account, `r-${account}`)
        expect(refused.statusCode, refused.body).toBe(404)
        expect(refused.json().error).toEqual({
          code: 'account_not_found',
          message: `no account with external id "${account}" in this tenant`,
        })
      }
      expect((await pay('N-1', 'r-north')).statusCode).toBe(201)
      const reverse = await app.inject({
        method: 'POST',
        url: '/api/v1/tenants/iso-agency/payments/PAY-SOUTH/reverse',
        headers,
        payload: { reason: 'not mine' },
      })
      expect(reverse.statusCode).toBe(404)
      expect(reverse.json().error.code).toBe('payment_not_found')
      const payment = await store()
        .db.selectFrom('payments')
        .select('status')
        .where('external_id', '=', 'PAY-SOUTH')
        .executeTakeFirstOrThrow()
      expect(payment.status).toBe('posted')
      const base = '/api/v1/tenants/iso-agency'
      const accounts = await app.inject({ url: `${base}/accounts`, headers })
      expect(accounts.json().items.map((a: { id: string }) => a.id)).toEqual(['N-1'])
      const debtors = await app.inject({ url: `${base}/debtors`, headers })
      expect(debtors.json().items.map((d: { id: string }) => d.id)).toEqual(['d-N-1'])
      const payments = await app.inject({ url: `${base}/payments`, headers })
      expect(payments.body).not.toContain('PAY-SOUTH')
      for (const [method, url, payload] of [
        ['GET', `${base}/accounts/S-1`, undefined],
        ['GET', `${base}/accounts/X-1/transactions`, undefined],
        ['GET', `${base}/debtors/d-S-1`, undefined],
        ['GET', `${base}/payments/PAY-SOUTH`, undefined],
        ['POST', `${base}/accounts/S-1/close`, { reason: 'not mine' }],
        ['POST', `${base}/accounts/S-1/disputes`, { reason: 'x', written: false }],
        ['PATCH', `${base}/debtors/d-S-1`, { preferredLanguage: 'fr' }],
        ['POST', `${base}/disputes/${southDispute}/resolve`, { for: 'debtor' }],
        ['POST', `${base}/disputes/${southDispute}/verification-sent`, {}],
      ] as const) {
        const response = await app.inject({
          method,
          url,
          headers: { ...headers, 'if-match': '*' },
          ...(payload ? { payload } : {}),
        })
        expect(response.statusCode, `${method} ${url} ${response.body}`).toBe(404)
        expect(response.body).not.toContain('Debtor S-1')
      }
      const south = await store()
        .db.selectFrom('accounts')
        .select('status')
        .where('external_id', '=', 'S-1')
        .executeTakeFirstOrThrow()
      expect(south.status).toBe('open')
      const dispute = await store()
        .db.selectFrom('disputes')
        .select(['resolved_at', 'verification_sent_at'])
        .where('id', '=', southDispute)
        .executeTakeFirstOrThrow()
      expect(dispute).toEqual({ resolved_at: null, verification_sent_at: null })
      const queue = await app.inject({ url: '/api/v1/tenants/iso-agency/unmatched-credits', headers })
      expect(queue.statusCode).toBe(403)
      expect(queue.json().error.code).toBe('forbidden')
      // Operations that span every client are refused; another client's document is absent.
      for (const [method, url] of [
        ['GET', '/api/v1/tenants/iso-agency/reports/vintages'],
        ['GET', '/api/v1/tenants/iso-agency/audit/events'],
        ['POST', '/api/v1/tenants/iso-agency/runs'],
      ] as const) {
        const refused = await app.inject({ method, url, headers })
        expect(refused.statusCode, `${url} ${refused.body}`).toBe(403)
        expect(refused.json().error.code).toBe('forbidden')
      }
      const document = await app.inject({
        url: '/api/v1/tenants/iso-agency/accounts/S-1/documents/statement.pdf',
        headers,
      })
      expect(document.statusCode, document.body).toBe(404)
      expect(document.json().error.code).toBe('account_not_found')
    })
  },
)
