import type { Kysely, Selectable } from 'kysely'
import type { Database, IdempotencyKeyTable } from './schema.ts'

export type IdempotencyRow = Selectable<IdempotencyKeyTable>

interface Scope {
  readonly tenantId: number
  readonly actor: string
  readonly key: string
}

/** The stored request under this key, if any. */
export async function findIdempotencyKey(
  db: Kysely<Database>,
  scope: Scope,
): Promise<IdempotencyRow | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('actor', '=', scope.actor)
    .where('key', '=', scope.key)
    .executeTakeFirst()
}

/** Claims the key for a request in flight; false when another request holds it already. */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  scope: Scope & { requestHash: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      tenant_id: scope.tenantId,
      actor: scope.actor,
      key: scope.key,
      request_hash: scope.requestHash,
      status: 'pending',
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'actor', 'key']).doNothing())
    .executeTakeFirst()
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0
}

/** Stores the answer given under a claimed key. */
export async function completeIdempotencyKey(
  db: Kysely<Database>,
  scope: Scope,
  response: { status: number; body: string },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status: 'done', response_status: response.status, response_body: response.body })
    .where('tenant_id', '=', scope.tenantId)
    .where('actor', '=', scope.actor)
    .where('key', '=', scope.key)
    .execute()
}

/** Releases a key (the request failed on the server, or the stored answer expired). */
export async function releaseIdempotencyKey(db: Kysely<Database>, scope: Scope): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('tenant_id', '=', scope.tenantId)
    .where('actor', '=', scope.actor)
    .where('key', '=', scope.key)
    .execute()
}

/**
 * Releases exactly the row that was read (same claim time and status), so two retries that both found
 * an expired or abandoned key cannot release each other's new claim: only one of them deletes it.
 */
export async function releaseIdempotencyRow(
  db: Kysely<Database>,
  scope: Scope,
  found: Pick<IdempotencyRow, 'created_at' | 'status'>,
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('tenant_id', '=', scope.tenantId)
    .where('actor', '=', scope.actor)
    .where('key', '=', scope.key)
    .where('created_at', '=', found.created_at)
    .where('status', '=', found.status)
    .execute()
}
