import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** Whether the link with this token digest is locked. */
export async function portalLinkLocked(db: Db, tokenHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('portal_link_failures')
    .select('locked_at')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
  return row?.locked_at != null
}

/**
 * Counts one failed verification of the link and locks it at `limit` failures; answers whether this
 * failure locked it (the moment to journal it). One statement each, safe under concurrent attempts.
 */
export async function countPortalLinkFailure(
  db: Db,
  link: { tokenHash: string; tenantId: number; accountId: number; limit: number; at: string },
): Promise<boolean> {
  await db
    .insertInto('portal_link_failures')
    .values({
      token_hash: link.tokenHash,
      tenant_id: link.tenantId,
      account_id: link.accountId,
      failures: 1,
      last_failed_at: link.at,
      locked_at: null,
    })
    .onConflict((oc) =>
      oc.column('token_hash').doUpdateSet({
        failures: sql`portal_link_failures.failures + 1`,
        last_failed_at: link.at,
      }),
    )
    .execute()
  const locked = await db
    .updateTable('portal_link_failures')
    .set({ locked_at: link.at })
    .where('token_hash', '=', link.tokenHash)
    .where('failures', '>=', link.limit)
    .where('locked_at', 'is', null)
    .executeTakeFirst()
  return Number(locked.numUpdatedRows) > 0
}
