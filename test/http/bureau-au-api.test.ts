import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { createApiKey } from '../../src/app/auth/api-keys.ts'
import { createUser } from '../../src/app/auth/users.ts'
import { EXCLUDED_HEADER, LISTING_HEADER } from '../../src/app/bureau/export-default-listings.ts'
import { buildServer } from '../../src/http/build-server.ts'
import type { Store } from '../../src/store/connect.ts'
import { type ApiFixture, loadApiFixture } from '../support/api-fixture.ts'
import { agencyBook } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

const AS_OF = '2026-12-01'

/** Turns the account into an AU consumer debt owing AUD 150.00 since `dueOn`, with letters at `letters`. */
async function makeAustralian(
  store: Store,
  tenantId: number,
  accountId: number,
  dueOn: string,
  letters: string[],
) {
  await store.db
    .updateTable('accounts')
    .set({ jurisdiction: 'AU-NSW', currency: 'AUD', due_on: dueOn, opened_on: '2025-01-01' })
    .where('id', '=', accountId)
    .execute()
  await store.db.deleteFrom('ledger_entries').where('account_id', '=', accountId).execute()
  await store.db
    .insertInto('ledger_entries')
    .values({
      tenant_id: tenantId,
      account_id: accountId,
      kind: 'charge',
      amount_minor: 15_000,
      effective_on: '2025-01-01',
      posted_at: '2025-01-01T00:00:00.000Z',
      external_id: `charge-${accountId}`,
      reverses_id: null,
      memo: null,
    })
    .execute()
  await store.db.deleteFrom('contact_events').where('account_id', '=', accountId).execute()
  for (const at of letters)
    await store.db
      .insertInto('contact_events')
      .values({
        tenant_id: tenantId,
        account_id: accountId,
        contact_point_id: null,
        channel: 'letter',
        direction: 'outbound',
        result: 'sent',
        occurred_at: at,
        outbox_id: null,
      })
      .execute()
}

// Over a real socket: the answer is a file streamed from a temporary directory.
describeEachDatabase('POST /api/v1/tenants/:tenant/bureau/au-listings', ({ store }) => {
  let app: FastifyInstance
  let base: string
  let fixture: ApiFixture
  let listedAccount: string
  let refusedAccount: string
  let readOnly: { authorization: string }
  let otherTenant: { authorization: string }
  let scoped: Record<string, string>

  const post = (tenant: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${base}/api/v1/tenants/${tenant}/bureau/au-listings`, {
      method: 'POST',
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })

  beforeAll(async () => {
    fixture = await loadApiFixture(store(), 'au-api')
    const tenantId = fixture.tenant.id
    const [good, unnoticed] = await store()
      .db.selectFrom('accounts as a')
      .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
      .select(['a.id', 'a.external_id'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.debt_kind', '=', 'consumer')
      .where('d.kind', '=', 'person')
      .where('a.status', '=', 'open')
      .orderBy('a.id')
      .limit(2)
      .execute()
    if (!good || !unnoticed) throw new Error('the fixture has no two open consumer accounts')
    listedAccount = good.external_id
    refusedAccount = unnoticed.external_id
    await makeAustralian(store(), tenantId, good.id, '2026-09-01', ['2026-11-01T12:00:00.000Z'])
    await makeAustralian(store(), tenantId, unnoticed.id, '2026-09-01', [])

    const ctx = { store: store(), actor: systemActor(fixture.tenant, 'test') }
    readOnly = { authorization: `Bearer ${(await createApiKey(ctx, { name: 'ro', role: 'read_only' })).key}` }
    const other = await agencyBook(store(), 'au-api-agency')
    const agencyCtx = { store: store(), actor: systemActor(other, 'test') }
    otherTenant = {
      authorization: `Bearer ${(await createApiKey(agencyCtx, { name: 'agency', role: 'admin' })).key}`,
    }
    await createUser(agencyCtx, {
      email: 'north@au-api.test',
      role: 'manager',
      password: 'a-long-password-1',
      clients: ['north'],
    })

    app = await buildServer(store(), { logger: false })
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    base = address
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tenant: 'au-api-agency',
        email: 'north@au-api.test',
        password: 'a-long-password-1',
      }),
    })
    expect(login.status).toBe(200)
    scoped = {
      cookie: String(login.headers.get('set-cookie')).split(';')[0] as string,
      'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
    }
  })
  afterAll(async () => app?.close())

  it('answers the listing CSV with its counts and digest, and the refused accounts on asking', async () => {
    const answer = await post('au-api', fixture.headers, { asOf: AS_OF })
    const text = await answer.text()
    expect(answer.status, text).toBe(200)
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(answer.headers.get('content-disposition')).toBe(
      `attachment; filename="au-default-listings-au-api-${AS_OF}.csv"`,
    )
    const lines = text.trim().split('\n')
    expect(lines[0]).toBe(LISTING_HEADER)
    // The demo's own AU accounts have had no letter: only the shaped account is listed.
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([listedAccount])
    expect(lines[1]).toMatch(/,150\.00,2026-09-01,2026-11-01,2026-11-01,2026-12-01$/)
    expect(answer.headers.get('x-listings-listed')).toBe('1')
    expect(answer.headers.get('x-listings-sha256')).toBe(createHash('sha256').update(text).digest('hex'))

    const excluded = await post('au-api', fixture.headers, { asOf: AS_OF, part: 'excluded' })
    const report = await excluded.text()
    expect(excluded.status, report).toBe(200)
    expect(excluded.headers.get('content-disposition')).toBe(
      `attachment; filename="au-default-listings-au-api-${AS_OF}-excluded.csv"`,
    )
    const reasons = report.trim().split('\n')
    expect(reasons[0]).toBe(EXCLUDED_HEADER)
    const refused = new Set(reasons.slice(1).map((l) => l.split(',')[0]))
    expect(refused).toContain(refusedAccount)
    expect(refused).not.toContain(listedAccount)
    expect(refused.size).toBe(Number(answer.headers.get('x-listings-excluded')))
    expect(report).toContain('au.credit-reporting.default-listing')
    // The digest is the listing file's, whichever part is answered.
    expect(excluded.headers.get('x-listings-sha256')).toBe(answer.headers.get('x-listings-sha256'))

    const journaled = await store()
      .db.selectFrom('journal_events')
      .select('payload')
      .where('tenant_id', '=', fixture.tenant.id)
      .where('type', '=', 'bureau.au_default_listings_exported')
      .execute()
    expect(journaled).toHaveLength(2)
  })

  it('takes today when no day is given', async () => {
    const answer = await post('au-api', fixture.headers, {})
    expect(answer.status, await answer.text()).toBe(200)
    expect(answer.headers.get('content-disposition')).toMatch(
      /^attachment; filename="au-default-listings-au-api-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
  })

  it('refuses a bad body with the catalogue code and the field', async () => {
    const cases: [unknown, number, string, string | null][] = [
      [{ asOf: '2026-02-30' }, 400, 'invalid_date', 'asOf'],
      [{ asOf: 'December' }, 400, 'invalid_date', 'asOf'],
      [{ asOf: AS_OF, part: 'everything' }, 400, 'invalid_option', 'part'],
      [{ asOf: AS_OF, month: '2026-11' }, 400, 'unknown_parameter', null],
      [{ asOf: '2999-01-01' }, 400, 'invalid_date', null],
    ]
    for (const [body, status, code, field] of cases) {
      const answer = await post('au-api', fixture.headers, body)
      const error = ((await answer.json()) as { error: { code: string; details?: { field: string }[] } })
        .error
      expect(answer.status, JSON.stringify(body)).toBe(status)
      expect(error.code, JSON.stringify(body)).toBe(code)
      if (field !== null) expect(error.details?.[0]?.field).toBe(field)
    }
  })

  it('refuses a role without bureau.export, another tenant, and a user limited to some clients', async () => {
    const before = await store()
      .db.selectFrom('journal_events')
      .select('id')
      .where('type', '=', 'bureau.au_default_listings_exported')
      .execute()

    const role = await post('au-api', readOnly, { asOf: AS_OF })
    expect(role.status).toBe(403)
    expect(((await role.json()) as { error: { code: string } }).error.code).toBe('forbidden')

    const foreign = await post('au-api', otherTenant, { asOf: AS_OF })
    const foreignText = await foreign.text()
    expect(foreign.status).toBe(404)
    expect(JSON.parse(foreignText).error.code).toBe('tenant_not_found')
    expect(foreignText).not.toContain(listedAccount)

    const limited = await post('au-api-agency', scoped, { asOf: AS_OF })
    expect(limited.status).toBe(403)
    expect(await limited.json()).toMatchObject({
      error: { code: 'forbidden', details: { scope: 'clients' } },
    })

    const unauthenticated = await post('au-api', {}, { asOf: AS_OF })
    expect(unauthenticated.status).toBe(401)

    const after = await store()
      .db.selectFrom('journal_events')
      .select('id')
      .where('type', '=', 'bureau.au_default_listings_exported')
      .execute()
    expect(after).toHaveLength(before.length)
  })
})
