import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, PortalSessionTable } from '../schema.ts'

type Db = Kysely<Database> | Transaction<Database>
export type PortalSessionRow = Selectable<PortalSessionTable>

/** A portal session to store: its token's hash only. */
export interface NewPortalSession {
  readonly tenantId: number
  readonly accountId: number
  readonly debtorId: number
  readonly tokenHash: string
  readonly csrfToken: string
  readonly expiresAt: string
  readonly now: string
}

/** Stores a portal session. */
export async function insertPortalSession(db: Db, session: NewPortalSession): Promise<void> {
  await db
    .insertInto('portal_sessions')
    .values({
      tenant_id: session.tenantId,
      account_id: session.accountId,
      debtor_id: session.debtorId,
      token_hash: session.tokenHash,
      csrf_token: session.csrfToken,
      created_at: session.now,
      expires_at: session.expiresAt,
      last_seen_at: session.now,
    })
    .execute()
}

/** The portal session with this token hash, if any (revoked and expired ones too: the caller decides). */
export async function findPortalSession(db: Db, tokenHash: string): Promise<PortalSessionRow | undefined> {
  return db.selectFrom('portal_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
}

/** Moves the idle clock of a session. */
export async function touchPortalSession(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('portal_sessions').set({ last_seen_at: at }).where('id', '=', id).execute()
}

/** Ends the open session with this token hash; the number of sessions ended (0 or 1). */
export async function revokePortalSession(db: Db, tokenHash: string, at: string): Promise<number> {
  const result = await db
    .updateTable('portal_sessions')
    .set({ revoked_at: at })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
