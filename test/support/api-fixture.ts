import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { systemActor } from '../../src/app/actor.ts'
import { createApiKey } from '../../src/app/auth/api-keys.ts'
import { DEMO_ADMIN, ensureFirstAdmin } from '../../src/app/auth/first-admin.ts'
import { createUser } from '../../src/app/auth/users.ts'
import { loadDemo } from '../../src/app/demo/load-demo.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { addPartner } from '../../src/app/placements/partners.ts'
import { createSale } from '../../src/app/sales/create-sale.ts'
import type { Store } from '../../src/store/connect.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import type { ApiOperation } from './openapi-operations.ts'
import { resourceOf } from './openapi-operations.ts'
import type { Hints } from './openapi-values.ts'

/** Portal link settings for the servers of the contract and fuzz tests (no secret file is made). */
export const TEST_PORTAL = {
  settings: {
    secret: 'contract-test-portal-secret-0123456789abcdef',
    publicUrl: 'http://127.0.0.1:3000',
    linkDays: 14,
  },
  attempts: { perToken: 1_000_000, perAddress: 1_000_000 },
} as const

/** The date of birth the fixture gives the debtor of its open account (the portal checks it). */
export const FIXTURE_DATE_OF_BIRTH = '1970-01-02'

/** A demo tenant with an admin key, a posted payment, an open unmatched credit and spare key and user. */
export interface ApiFixture {
  readonly tenant: Tenant
  readonly headers: { authorization: string }
  /** The id of the API key in `headers` (not to be revoked by a test that needs it). */
  readonly keyId: number
  /** An open account's external id and debtor's external id. */
  readonly account: string
  readonly debtor: string
  /** A debtor portal session on `account`, once openPortalSession has opened one. */
  portal?: { readonly headers: { cookie: string; 'x-csrf-token': string }; readonly token: string }
}

/**
 * Loads a small demo portfolio into `slug` and adds what the endpoints address by id: a payment
 * (CONTRACT-PAY-1), an unmatched credit (CONTRACT-BK-1), the demo admin, then an admin API key for
 * the test and, created last (so "the newest row" picks them), a spare key and user to revoke and disable.
 */
export async function loadApiFixture(store: Store, slug: string): Promise<ApiFixture> {
  await loadDemo(store, { accounts: 24, seed: 3, asOf: '2026-03-01', tenantSlug: slug, by: 'test' })
  const tenant = await store.db
    .selectFrom('tenants')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow()
  const ctx = { store, actor: systemActor(tenant, 'test') }
  await ensureFirstAdmin(store, tenant, DEMO_ADMIN)
  const open = await store.db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .select(['a.external_id as account', 'd.external_id as debtor'])
    .where('a.tenant_id', '=', tenant.id)
    .where('a.status', '=', 'open')
    .orderBy('a.id')
    .executeTakeFirstOrThrow()
  await store.db
    .updateTable('debtors')
    .set({ date_of_birth: FIXTURE_DATE_OF_BIRTH })
    .where('tenant_id', '=', tenant.id)
    .where('external_id', '=', open.debtor)
    .execute()
  await postPayment(ctx, {
    account: open.account,
    amount: '1.00',
    reference: 'CONTRACT-PAY-1',
    source: 'api',
  })
  await store.db
    .insertInto('unmatched_credits')
    .values({
      tenant_id: tenant.id,
      bank_statement_id: null,
      bank_transaction_id: 'CONTRACT-BK-1',
      amount_minor: 1_000,
      currency: 'USD',
      booked_on: '2026-03-02',
      debtor_name: 'Unknown Payer',
      remittance: '{}',
      suggestions: JSON.stringify([]),
      status: 'open',
    })
    .execute()
  // A partner the placement routes name (`/partners/{partner}/...`, `"partner"` in bodies).
  await addPartner(ctx, {
    code: 'contract',
    name: 'Contract Collections',
    kind: 'agency',
    remit: 'net',
    terms: { contingency: { basis: 'age', tiers: [{ from: 0, percent: '25' }] }, noSuccessNoFee: true },
  })
  // A draft debt sale of one account in the middle of the portfolio (neither the fixture's account nor
  // the newest one other operations use), so the sale routes have a sale to show, value and close.
  const middle = await store.db
    .selectFrom('accounts')
    .select('external_id')
    .where('tenant_id', '=', tenant.id)
    .where('status', '=', 'open')
    .where('debt_kind', '=', 'consumer')
    .where('external_id', '<>', open.account)
    .orderBy('id')
    .execute()
  for (const candidate of middle.slice(1, -1)) {
    const made = await createSale(ctx, {
      buyer: 'Contract Buyer LLC',
      pricePercent: '10',
      asOf: '2026-03-01',
      filter: { accounts: [candidate.external_id] },
    }).then(
      () => true,
      () => false,
    )
    if (made) break
  }
  const key = await createApiKey(ctx, { name: 'contract admin', role: 'admin' })
  await createApiKey(ctx, { name: 'spare key', role: 'read_only' })
  await createUser(ctx, { email: `spare@${slug}.test`, role: 'collector', password: 'a-long-password-1' })
  return {
    tenant,
    headers: { authorization: `Bearer ${key.key}` },
    keyId: key.id,
    account: open.account,
    debtor: open.debtor,
  }
}

/**
 * Opens a debtor portal session on the fixture's account through the API itself (a link from the
 * staff endpoint, then the verification) and keeps it in `fixture.portal`.
 */
export async function openPortalSession(app: FastifyInstance, fixture: ApiFixture) {
  const link = await app.inject({
    method: 'POST',
    url: `/api/v1/tenants/${fixture.tenant.slug}/accounts/${encodeURIComponent(fixture.account)}/portal-link`,
    headers: fixture.headers,
  })
  if (link.statusCode !== 201) throw new Error(`portal-link: ${link.statusCode} ${link.body}`)
  const url = String(link.json().url)
  const token = url.slice(url.indexOf('/pay/') + 5)
  const session = await app.inject({
    method: 'POST',
    url: '/api/v1/portal/session',
    payload: { token, reference: fixture.account, dateOfBirth: FIXTURE_DATE_OF_BIRTH },
  })
  if (session.statusCode !== 200) throw new Error(`portal session: ${session.statusCode} ${session.body}`)
  const cookie = String(session.headers['set-cookie']).split(';')[0] ?? ''
  fixture.portal = { headers: { cookie, 'x-csrf-token': String(session.json().csrfToken) }, token }
  return fixture.portal
}

/**
 * The credentials an operation is called with: the portal session on the debtor portal's routes
 * (they refuse staff credentials), the admin API key everywhere else.
 */
export function credentialsFor(fixture: ApiFixture, operation: ApiOperation): Record<string, string> {
  const portal = operation.path.startsWith('/api/v1/portal/') && !operation.isPublic
  return portal && fixture.portal ? { ...fixture.portal.headers } : { ...fixture.headers }
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/-/g, '_')

/** Path resources stored under another table name. */
const TABLES: Readonly<Record<string, string>> = { cases: 'legal_cases' }

/**
 * Real values for an operation's path parameters, found from their names: `{tenant}` is the
 * fixture's slug; any other is read from the newest row of the table the segment before it names
 * (`/payments/{reference}` -> payments, `/api-keys/{id}` -> api_keys), from the column the parameter
 * names, else its external id, bank transaction id or id (an integer parameter: its id). A parameter
 * with no such table gets its example, or "x".
 */
export async function pathValuesFor(
  store: Store,
  fixture: ApiFixture,
  operation: ApiOperation,
): Promise<Record<string, string>> {
  const values: Record<string, string> = {}
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    if (parameter.name === 'tenant') {
      values.tenant = fixture.tenant.slug
      continue
    }
    const resource = resourceOf(operation.path, parameter.name)
    const row = resource
      ? await newestRow(store, TABLES[resource] ?? snake(resource), fixture.tenant.id)
      : undefined
    const integer = [parameter.schema?.type].flat().includes('integer')
    const columns = integer
      ? ['id']
      : [snake(parameter.name), 'external_id', 'bank_transaction_id', 'reference', 'code', 'id']
    const column = row ? columns.find((c) => row[c] !== undefined && row[c] !== null) : undefined
    values[parameter.name] =
      row && column
        ? String(row[column])
        : String(parameter.schema?.examples?.[0] ?? parameter.schema?.example ?? 'x')
  }
  return values
}

async function newestRow(
  store: Store,
  table: string,
  tenantId: number,
): Promise<Record<string, unknown> | undefined> {
  if (!/^[a-z_]+$/.test(table)) return undefined
  try {
    const result = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} where tenant_id = ${tenantId} order by id desc limit 1`.execute(
      store.db,
    )
    return result.rows[0]
  } catch {
    return undefined
  }
}

/** Field names a plausible body or query fills with the fixture's real values. */
export function fixtureHints(fixture: ApiFixture, operation: ApiOperation): Hints {
  let n = 0
  const login = operation.path.endsWith('/auth/login')
  if (operation.path === '/api/v1/portal/session')
    return {
      token: () => fixture.portal?.token ?? 'no-portal-session-yet',
      reference: () => fixture.account,
      dateOfBirth: () => FIXTURE_DATE_OF_BIRTH,
    }
  return {
    tenant: () => fixture.tenant.slug,
    account: () => fixture.account,
    accounts: () => [fixture.account],
    debtor: () => fixture.debtor,
    partner: () => 'contract',
    reference: () => `CONTRACT-${operation.operationId}-${++n}-${Date.now()}`,
    amount: () => '1.00',
    receivedOn: () => '2026-03-01',
    asOf: () => '2026-03-01',
    reason: () => 'contract test',
    email: login ? () => DEMO_ADMIN.email : () => `contract-${++n}-${Date.now()}@example.test`,
    password: login ? () => DEMO_ADMIN.password : () => 'a-long-password-1',
    name: () => `contract ${operation.operationId}`,
  }
}
