import { sql } from 'kysely'
import { systemActor } from '../../src/app/actor.ts'
import { createApiKey } from '../../src/app/auth/api-keys.ts'
import { DEMO_ADMIN, ensureFirstAdmin } from '../../src/app/auth/first-admin.ts'
import { createUser } from '../../src/app/auth/users.ts'
import { loadDemo } from '../../src/app/demo/load-demo.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import type { Store } from '../../src/store/connect.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import type { ApiOperation } from './openapi-operations.ts'
import { resourceOf } from './openapi-operations.ts'
import type { Hints } from './openapi-values.ts'

/** A demo tenant with an admin key, a posted payment, an open unmatched credit and spare key and user. */
export interface ApiFixture {
  readonly tenant: Tenant
  readonly headers: { authorization: string }
  /** The id of the API key in `headers` (not to be revoked by a test that needs it). */
  readonly keyId: number
  /** An open account's external id and debtor's external id. */
  readonly account: string
  readonly debtor: string
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

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/-/g, '_')

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
    const row = resource ? await newestRow(store, snake(resource), fixture.tenant.id) : undefined
    const integer = [parameter.schema?.type].flat().includes('integer')
    const columns = integer
      ? ['id']
      : [snake(parameter.name), 'external_id', 'bank_transaction_id', 'reference', 'id']
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
  return {
    tenant: () => fixture.tenant.slug,
    account: () => fixture.account,
    debtor: () => fixture.debtor,
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
