import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { createUser } from '../../src/app/auth/users.ts'
import { addDays, localDateAt } from '../../src/core/calendar/local-date.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { type BookAccount, recordsBook, walk } from './records-fixtures.ts'

const SLUG = 'rec-read'
const BASE = `/api/v1/tenants/${SLUG}`

/** The ids in the order a sort must give: by the field, ties by creation order (ids grow with it). */
function expectedOrder(accounts: BookAccount[], key: (a: BookAccount) => string, descending: boolean) {
  const indexed = accounts.map((a, n) => ({ a, n }))
  indexed.sort((x, y) => {
    const byKey = key(x.a) < key(y.a) ? -1 : key(x.a) > key(y.a) ? 1 : 0
    return (descending ? -1 : 1) * (byKey || x.n - y.n)
  })
  return indexed.map(({ a }) => a.externalId)
}

describeEachDatabase('records API: lists, filters, sorting and pages', ({ store }) => {
  let app: FastifyInstance
  let book: Awaited<ReturnType<typeof recordsBook>>
  let as: Awaited<ReturnType<typeof injectAs>>

  beforeAll(async () => {
    book = await recordsBook(store(), SLUG)
    app = await buildServer(store(), { logger: false })
    as = await injectAs(app, store(), SLUG, 'read_only')
  })
  afterAll(async () => app?.close())

  it('walks every account exactly once in each sort and direction, whatever the page size', async () => {
    const keys: Record<string, (a: BookAccount) => string> = {
      openedOn: (a) => a.openedOn,
      dueOn: (a) => a.dueOn,
      externalId: (a) => a.externalId,
    }
    for (const [field, key] of Object.entries(keys))
      for (const descending of [false, true])
        for (const limit of [1, 4, 50]) {
          const sort = descending ? `-${field}` : field
          const ids = (await walk(as, `${BASE}/accounts?sort=${sort}&limit=${limit}`)).map((a) => a.id)
          expect(ids, `${sort} by ${limit}`).toEqual(expectedOrder(book.accounts, key, descending))
        }
  })

  it('filters accounts by status, client, currency, jurisdiction, debtor and days past due', async () => {
    const today = localDateAt(new Date(), 'UTC')
    const cases: [string, (a: BookAccount) => boolean][] = [
      ['client=north', (a) => a.client === 'north'],
      ['currency=EUR', (a) => a.currency === 'EUR'],
      ['jurisdiction=US-CA&currency=USD', (a) => a.jurisdiction === 'US-CA' && a.currency === 'USD'],
      [`debtor=${SLUG}-D3`, (a) => a.debtor === `${SLUG}-D3`],
      ['status=open', () => true],
      ['status=paid', () => false],
      ['stage=nowhere', () => false],
      ['minDaysPastDue=0', (a) => a.dueOn <= today],
      ['minDaysPastDue=200', (a) => a.dueOn <= addDays(today, -200)],
    ]
    for (const [query, keep] of cases) {
      const ids = (await walk(as, `${BASE}/accounts?${query}&sort=externalId&limit=5`)).map((a) => a.id)
      const expected = book.accounts.filter(keep).map((a) => a.externalId)
      expect(ids, query).toEqual(expected)
    }
  })

  it('shows an account with its balance by component, status, stage and debtor', async () => {
    const first = book.accounts[1] as BookAccount
    const response = await as(`${BASE}/accounts/${first.externalId}`)
    expect(response.statusCode, response.body).toBe(200)
    const account = response.json()
    expect(account).toMatchObject({
      id: first.externalId,
      debtor: first.debtor,
      debtorName: first.debtorName,
      client: first.client,
      status: 'open',
      currency: first.currency,
      balanceMinor: first.principal - 1_000,
    })
    expect(account.components).toEqual([{ component: 'principal', balanceMinor: first.principal - 1_000 }])
    const missing = await as(`${BASE}/accounts/NOPE`)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('account_not_found')
  })

  it('itemises every component that has entries, in name order, also one that nets to zero', async () => {
    const account = book.accounts[2] as BookAccount
    const row = await store()
      .db.selectFrom('accounts')
      .select(['id', 'tenant_id'])
      .where('external_id', '=', account.externalId)
      .executeTakeFirstOrThrow()
    const entry = (
      kind: 'fee' | 'interest' | 'adjustment',
      component: 'fee' | 'interest' | 'cost',
      minor: number,
    ) => ({
      tenant_id: row.tenant_id,
      account_id: row.id,
      kind,
      component,
      amount_minor: minor,
      effective_on: '2026-01-05',
      posted_at: '2026-01-05T00:00:00.000Z',
      external_id: `components-${kind}-${component}-${minor}`,
      reverses_id: null,
      memo: null,
    })
    await store()
      .db.insertInto('ledger_entries')
      .values([
        entry('interest', 'interest', 300),
        entry('fee', 'fee', 500),
        entry('adjustment', 'cost', 200),
        entry('adjustment', 'cost', -200),
      ])
      .execute()
    const shown = (await as(`${BASE}/accounts/${account.externalId}`)).json()
    const principal = shown.components.find((c: { component: string }) => c.component === 'principal')
    expect(shown.components).toEqual([
      { component: 'cost', balanceMinor: 0 },
      { component: 'fee', balanceMinor: 500 },
      { component: 'interest', balanceMinor: 300 },
      { component: 'principal', balanceMinor: principal.balanceMinor },
    ])
    expect(shown.balanceMinor).toBe(principal.balanceMinor + 800)
  })

  it("pages an account's ledger and the tenant's payments", async () => {
    const paid = book.accounts[1] as BookAccount
    const entries = await walk(as, `${BASE}/accounts/${paid.externalId}/transactions?limit=1`)
    expect(entries.map((e) => [e.kind, e.amountMinor])).toEqual([
      ['charge', paid.principal],
      ['payment', -1_000],
    ])
    expect(entries[1]).toMatchObject({ payment: `${SLUG}-PAY-1`, component: 'principal' })
    const payments = await walk(as, `${BASE}/payments?limit=2&sort=id`)
    expect(payments.map((p) => p.reference)).toEqual(book.payments)
    const newestFirst = await walk(as, `${BASE}/payments?limit=3`)
    expect(newestFirst.map((p) => p.receivedOn)).toEqual(
      [...newestFirst.map((p) => p.receivedOn as string)].sort().reverse(),
    )
    expect(new Set(newestFirst.map((p) => p.reference))).toEqual(new Set(book.payments))
    const ofOne = await walk(as, `${BASE}/payments?account=${paid.externalId}`)
    expect(ofOne.map((p) => p.reference)).toEqual([`${SLUG}-PAY-1`])
    const got = await as(`${BASE}/payments/${SLUG}-PAY-1`)
    expect(got.statusCode, got.body).toBe(200)
    expect(got.json()).toMatchObject({ account: paid.externalId, amountMinor: 1_000, status: 'posted' })
    expect(got.json().entries).toEqual([
      expect.objectContaining({ account: paid.externalId, kind: 'payment', amountMinor: -1_000 }),
    ])
    const none = await as(`${BASE}/payments/NO-SUCH`)
    expect(none.statusCode).toBe(404)
    expect(none.json().error.code).toBe('payment_not_found')
  })

  it('lists debtors by name prefix and shows one with contact points and addresses', async () => {
    const debtors = [...new Map(book.accounts.map((a) => [a.debtor, a.debtorName])).entries()]
    const all = await walk(as, `${BASE}/debtors?limit=4&sort=externalId`)
    expect(all.map((d) => d.id)).toEqual(debtors.map(([id]) => id).sort())
    const byName = await walk(as, `${BASE}/debtors?namePrefix=Bo&limit=2`)
    expect(byName.map((d) => d.name)).toEqual(
      debtors
        .map(([, name]) => name)
        .filter((n) => n.startsWith('Bo'))
        .sort(),
    )
    const literal = await walk(as, `${BASE}/debtors?namePrefix=B%25`)
    expect(literal).toEqual([])
    const one = await as(`${BASE}/debtors/${SLUG}-D2`)
    expect(one.statusCode, one.body).toBe(200)
    const debtor = one.json()
    expect(one.headers.etag).toBe(debtor.etag)
    expect(debtor).toMatchObject({ id: `${SLUG}-D2`, name: 'Cy 2', kind: 'person' })
    expect(debtor.contactPoints.map((c: { kind: string }) => c.kind).sort()).toEqual(['email', 'phone'])
    expect(debtor.contactPoints.find((c: { kind: string }) => c.kind === 'email')).toMatchObject({
      value: `debtor2@${SLUG}.test`,
      consent: 'granted',
    })
    expect(debtor.addresses[0]).toMatchObject({ city: 'Albany', country: 'US', isPrimary: true })
    expect((await as(`${BASE}/debtors/NOPE`)).json().error.code).toBe('debtor_not_found')
  })

  it('refuses a bad cursor, a cursor of another sort, an unknown sort, an unknown parameter and a bad limit', async () => {
    const first = (await as(`${BASE}/accounts?limit=2&sort=dueOn`)).json()
    const cases: [string, string][] = [
      [`${BASE}/accounts?cursor=garbage!`, 'invalid_cursor'],
      [`${BASE}/accounts?cursor=eyJzIjoibmFtZSJ9`, 'invalid_cursor'],
      [`${BASE}/accounts?sort=openedOn&cursor=${first.nextCursor}`, 'invalid_cursor'],
      [`${BASE}/accounts?sort=balance`, 'invalid_sort'],
      [`${BASE}/debtors?sort=-secret`, 'invalid_sort'],
      [`${BASE}/accounts?limit=0`, 'invalid_option'],
      [`${BASE}/accounts?limit=501`, 'invalid_option'],
      [`${BASE}/accounts?state=open`, 'unknown_parameter'],
      [`${BASE}/payments?acount=x`, 'unknown_parameter'],
      [`${BASE}/accounts/${SLUG}-A01/plans?page=2`, 'unknown_parameter'],
      [`${BASE}/accounts?status=lost`, 'invalid_option'],
    ]
    for (const [url, code] of cases) {
      const response = await as(url)
      expect(response.statusCode, `${url} ${response.body}`).toBe(400)
      expect(response.json().error.code, url).toBe(code)
    }
  })

  it('shows an agency user limited to one client only that client’s accounts, debtors and payments', async () => {
    const ctx = { store: store(), actor: systemActor(book.tenant, 'test') }
    await createUser(ctx, {
      email: 'south@rec-read.test',
      role: 'read_only',
      password: 'a-long-password-1',
      clients: ['south'],
    })
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: SLUG, email: 'south@rec-read.test', password: 'a-long-password-1' },
    })
    expect(login.statusCode, login.body).toBe(200)
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string
    const south = (url: string) => app.inject({ url, headers: { cookie } })
    const mine = book.accounts.filter((a) => a.client === 'south')
    // A north account whose debtor owes no south account (a debtor of both clients is seen by both).
    const theirs = book.accounts.find(
      (a) => a.client === 'north' && !mine.some((m) => m.debtor === a.debtor),
    ) as BookAccount
    expect((await walk(south, `${BASE}/accounts?sort=externalId&limit=3`)).map((a) => a.id)).toEqual(
      mine.map((a) => a.externalId),
    )
    expect(await walk(south, `${BASE}/accounts?client=north`)).toEqual([])
    const debtors = (await walk(south, `${BASE}/debtors?sort=externalId`)).map((d) => d.id)
    expect(debtors).toEqual([...new Set(mine.map((a) => a.debtor))].sort())
    expect(
      (await walk(south, `${BASE}/payments`)).every((p) => mine.some((a) => a.externalId === p.account)),
    ).toBe(true)
    for (const url of [
      `${BASE}/accounts/${theirs.externalId}`,
      `${BASE}/accounts/${theirs.externalId}/transactions`,
      `${BASE}/accounts/${theirs.externalId}/plans`,
      `${BASE}/accounts/${theirs.externalId}/hardship`,
      `${BASE}/debtors/${theirs.debtor}`,
      `${BASE}/payments/${SLUG}-PAY-1`,
    ]) {
      const response = await south(url)
      expect(response.statusCode, url).toBe(404)
      expect(response.body, url).not.toContain(theirs.debtorName)
    }
  })
})
