import type { Kysely } from 'kysely'
import { loadDemoPortfolio } from '../../src/demo/load-demo-portfolio.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import type { Store } from '../../src/store/connect.ts'
import { openStore } from '../../src/store/connect.ts'
import type { Database } from '../../src/store/schema.ts'
import { findTenantBySlug, type Tenant } from '../../src/store/tenant.repository.ts'
import { createTestDatabase, type TestDatabase } from '../support/databases.ts'
import { runDaily } from '../support/run-daily.ts'

export const DEMO_AS_OF = '2026-03-02'

/** Loads a small deterministic demo portfolio and returns its tenant. */
export async function loadDemo(store: Store, accounts: number, slug = 'demo'): Promise<Tenant> {
  await loadDemoPortfolio(store, { accounts, seed: 7, asOf: DEMO_AS_OF, tenantSlug: slug, batchSize: 500 })
  const tenant = await findTenantBySlug(store.db, slug)
  if (!tenant) throw new Error('demo tenant missing')
  return tenant
}

/** Row counts of the engine's tables for one tenant. */
export async function engineCounts(db: Kysely<Database>, tenantId: number) {
  const count = async (table: 'decisions' | 'outbox' | 'strategy_states') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  return {
    decisions: await count('decisions'),
    outbox: await count('outbox'),
    states: await count('strategy_states'),
  }
}

/** The engine's state keyed by account external id, without ids or wall-clock stamps: comparable across databases and runs. */
export async function engineState(db: Kysely<Database>, tenantId: number) {
  const decisions = await db
    .selectFrom('decisions as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select(['a.external_id', 'd.as_of', 'd.trigger', 'd.from_stage', 'd.to_stage', 'd.variant', 'd.trace'])
    .where('d.tenant_id', '=', tenantId)
    .orderBy('a.external_id')
    .orderBy('d.as_of')
    .orderBy('d.trigger')
    .orderBy('d.id')
    .execute()
  const outbox = await db
    .selectFrom('outbox as o')
    .innerJoin('accounts as a', 'a.id', 'o.account_id')
    .select([
      'a.external_id',
      'o.action_type',
      'o.channel',
      'o.status',
      'o.scheduled_at',
      'o.payload',
      'o.compliance',
    ])
    .where('o.tenant_id', '=', tenantId)
    .orderBy('a.external_id')
    .orderBy('o.idempotency_key')
    .execute()
  const states = await db
    .selectFrom('strategy_states as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['a.external_id', 's.playbook_id', 's.variant', 's.stage', 's.stage_entered_on', 's.next_step'])
    .where('s.tenant_id', '=', tenantId)
    .orderBy('a.external_id')
    .execute()
  return { decisions, outbox, states }
}

/** The engine state of the same demo portfolio decided in one uninterrupted run, in its own fresh database. */
export async function uninterruptedRunState(kind: TestDatabase, accounts: number) {
  const reference = await createTestDatabase(kind)
  const store = await openStore(reference.config)
  try {
    const tenant = await loadDemo(store, accounts)
    await runDaily(store, { tenant, asOf: DEMO_AS_OF, playbooks: loadDefaultPlaybooks(), batchSize: 20 })
    return await engineState(store.db, tenant.id)
  } finally {
    await store.close()
    await reference.dispose()
  }
}
