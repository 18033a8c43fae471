import type { Kysely } from 'kysely'
import { appendJournalEvent, type NewJournalEvent } from './journal.repository.ts'
import type { Database } from './schema.ts'

/** The journal's record of the demo loads into a tenant, to tell a finished portfolio from a half one. */
export interface DemoHistory {
  /** The last finished load (its `demo.generated` event), if any. */
  readonly generated?: { readonly accounts: number; readonly seed: number; readonly asOf: string }
  /** The seed and date of a load that committed batches, finished or not. */
  /** The last committed batch of a load: its seed, date and (since it was recorded) its size. */
  readonly started?: { readonly seed: number; readonly asOf: string; readonly accounts?: number }
}

/** What the journal says demo loads have written into the tenant. */
export async function demoHistory(db: Kysely<Database>, tenantId: number): Promise<DemoHistory> {
  const last = (type: string) =>
    db
      .selectFrom('journal_events')
      .select('payload')
      .where('tenant_id', '=', tenantId)
      .where('type', '=', type)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
  const generated = await last('demo.generated')
  const started = await last('demo.batch_committed')
  return {
    ...(generated ? { generated: JSON.parse(generated.payload) } : {}),
    ...(started ? { started: JSON.parse(started.payload) } : {}),
  }
}

/** How many accounts and import runs the tenant has: real data a demo load must not mix with. */
export async function tenantHoldings(
  db: Kysely<Database>,
  tenantId: number,
): Promise<{ accounts: number; importRuns: number }> {
  const count = async (table: 'accounts' | 'import_runs') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  return { accounts: await count('accounts'), importRuns: await count('import_runs') }
}

/** Creates the demo clients up front, so concurrent batches only ever look them up. */
export async function ensureDemoClients(
  db: Kysely<Database>,
  tenantId: number,
  clients: readonly { readonly externalId: string; readonly name: string }[],
): Promise<void> {
  const byId = new Map(clients.map((c) => [c.externalId, c.name]))
  await db
    .insertInto('clients')
    .values([...byId].map(([externalId, name]) => ({ tenant_id: tenantId, external_id: externalId, name })))
    .onConflict((oc) => oc.columns(['tenant_id', 'external_id']).doNothing())
    .execute()
}

/** Journals a demo event (`demo.generated`, `demo.replaced`) in a transaction of its own. */
export async function journalDemoEvent(db: Kysely<Database>, event: NewJournalEvent): Promise<void> {
  await db.transaction().execute((trx) => appendJournalEvent(trx, event))
}
