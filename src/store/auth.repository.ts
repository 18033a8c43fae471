import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Role } from '../core/auth/permissions.ts'
import { preparedQuery } from './prepared-query.ts'
import type { ApiKeyTable, Database, SessionTable, UserTable } from './schema.ts'
import type { Tenant } from './tenant.repository.ts'

export type UserRow = Selectable<UserTable>
export type SessionRow = Selectable<SessionTable>
export type ApiKeyRow = Selectable<ApiKeyTable>
type Db = Kysely<Database> | Transaction<Database>

export interface NewUser {
  readonly tenantId: number
  readonly email: string
  readonly name: string
  readonly role: Role
  readonly passwordHash: string
}

/** Inserts an active user. */
export async function insertUser(trx: Db, user: NewUser): Promise<UserRow> {
  return trx
    .insertInto('users')
    .values({
      tenant_id: user.tenantId,
      email: user.email,
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      status: 'active',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The tenant's user with this (lower-cased) e-mail address, if any. */
export async function findUserByEmail(db: Db, tenantId: number, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('email', '=', email)
    .executeTakeFirst()
}

/** The tenant's user with this id, if any. */
export async function findUserById(db: Db, tenantId: number, id: number): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The tenant's users, by e-mail address. */
export async function listUserRows(db: Db, tenantId: number): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).orderBy('email').execute()
}

/** How many users the tenant has (the first start creates an admin only when there are none). */
export async function countUsers(db: Db, tenantId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Sets a user's status. */
export async function setUserStatus(db: Db, userId: number, status: 'active' | 'disabled'): Promise<void> {
  await db.updateTable('users').set({ status }).where('id', '=', userId).execute()
}

/** Records the outcome of a login attempt: the failure count and lock, or a success. */
export async function recordLoginOutcome(
  db: Db,
  userId: number,
  outcome: { failedLogins: number; lockedUntil: string | null; loggedInAt?: string },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      failed_logins: outcome.failedLogins,
      locked_until: outcome.lockedUntil,
      ...(outcome.loggedInAt ? { last_login_at: outcome.loggedInAt } : {}),
    })
    .where('id', '=', userId)
    .execute()
}

/** Replaces the clients a user is limited to (none: every client). */
export async function setUserClients(trx: Db, userId: number, clientIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('user_clients').where('user_id', '=', userId).execute()
  if (clientIds.length === 0) return
  await trx
    .insertInto('user_clients')
    .values(clientIds.map((client_id) => ({ user_id: userId, client_id })))
    .execute()
}

/** The clients each of the users is limited to (a user absent from the map sees every client). */
export async function userClientIds(db: Db, userIds: readonly number[]): Promise<Map<number, number[]>> {
  const limits = new Map<number, number[]>()
  if (userIds.length === 0) return limits
  const rows = await db
    .selectFrom('user_clients')
    .select(['user_id', 'client_id'])
    .where('user_id', 'in', [...userIds])
    .orderBy('client_id')
    .execute()
  for (const row of rows) {
    const list = limits.get(Number(row.user_id)) ?? []
    list.push(Number(row.client_id))
    limits.set(Number(row.user_id), list)
  }
  return limits
}

/** The tenant's clients by external id, for the given external ids (unknown ones are absent). */
export async function clientsByExternalId(
  db: Db,
  tenantId: number,
  externalIds: readonly string[],
): Promise<Map<string, number>> {
  if (externalIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('clients')
    .select(['id', 'external_id'])
    .where('tenant_id', '=', tenantId)
    .where('external_id', 'in', [...externalIds])
    .execute()
  return new Map(rows.map((row) => [row.external_id, Number(row.id)]))
}

/** External ids of the given clients of a tenant. */
export async function clientExternalIds(db: Db, tenantId: number, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, string>()
  const rows = await db
    .selectFrom('clients')
    .select(['id', 'external_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute()
  return new Map(rows.map((row) => [Number(row.id), row.external_id]))
}

export interface NewSession {
  readonly tenantId: number
  readonly userId: number
  readonly tokenHash: string
  readonly csrfToken: string
  readonly expiresAt: string
  readonly now: string
}

/** Stores a session (its token's hash only). */
export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      tenant_id: session.tenantId,
      user_id: session.userId,
      token_hash: session.tokenHash,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
      last_seen_at: session.now,
    })
    .execute()
}

/** A session by its token's hash, with its user, if neither is gone. */
export async function findSession(
  db: Db,
  tokenHash: string,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
  if (!session) return undefined
  const user = await findUserById(db, Number(session.tenant_id), Number(session.user_id))
  return user ? { session, user } : undefined
}

/** Marks a session as seen now (sliding idle timeout). */
export async function touchSession(db: Db, sessionId: number, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute()
}

/** Ends one session (logout). */
export async function revokeSessionByHash(db: Db, tokenHash: string, now: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Ends every session of a user (disable). */
export async function revokeUserSessions(db: Db, userId: number, now: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute()
}

export interface NewApiKey {
  readonly tenantId: number
  readonly name: string
  readonly prefix: string
  readonly tokenHash: string
  readonly role: Role
  readonly createdBy: string
}

/** Stores an API key (its hash only). */
export async function insertApiKey(trx: Db, key: NewApiKey): Promise<ApiKeyRow> {
  return trx
    .insertInto('api_keys')
    .values({
      tenant_id: key.tenantId,
      name: key.name,
      prefix: key.prefix,
      token_hash: key.tokenHash,
      role: key.role,
      created_by: key.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

const apiKeyWithTenant = preparedQuery((db, tokenHash: string) =>
  db
    .selectFrom('api_keys as k')
    .innerJoin('tenants as t', 't.id', 'k.tenant_id')
    .selectAll('t')
    .select([
      'k.id as key_id',
      'k.role as key_role',
      'k.revoked_at as key_revoked_at',
      'k.last_used_at as key_last_used_at',
    ])
    .where('k.token_hash', '=', tokenHash),
)

/**
 * The key with this hash and its tenant, in one prepared query: every request with an API key asks
 * this first (src/app/auth/sessions.ts, actorForApiKey).
 */
export async function findApiKeyWithTenant(
  db: Db,
  tokenHash: string,
): Promise<
  | {
      key: Pick<ApiKeyRow, 'id' | 'role' | 'revoked_at' | 'last_used_at'>
      tenant: Tenant
    }
  | undefined
> {
  const [row] = await apiKeyWithTenant(db, tokenHash)
  if (!row) return undefined
  const { key_id, key_role, key_revoked_at, key_last_used_at, ...tenant } = row
  return {
    key: { id: key_id, role: key_role, revoked_at: key_revoked_at, last_used_at: key_last_used_at },
    tenant,
  }
}

/** Records that a key was used now. */
export async function touchApiKey(db: Db, keyId: number, now: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', keyId).execute()
}

/** The tenant's API keys, newest first. */
export async function listApiKeyRows(db: Db, tenantId: number): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc')
    .execute()
}

/** The tenant's API key with this id, if any. */
export async function findApiKeyById(db: Db, tenantId: number, id: number): Promise<ApiKeyRow | undefined> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Revokes a key. */
export async function revokeApiKeyRow(db: Db, keyId: number, now: string): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', keyId).execute()
}

/** The client of the tenant's account with this external id: undefined when there is no such account. */
export async function accountClientByExternalId(
  db: Db,
  tenantId: number,
  externalId: string,
): Promise<{ clientId: number | null } | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select('client_id')
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
    .executeTakeFirst()
  return row ? { clientId: row.client_id === null ? null : Number(row.client_id) } : undefined
}

/** The clients of the tenant's accounts with these ids (null: held for no client). */
export async function accountClients(db: Db, tenantId: number, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, number | null>()
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'client_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute()
  return new Map(rows.map((row) => [Number(row.id), row.client_id === null ? null : Number(row.client_id)]))
}
