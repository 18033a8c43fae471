import type { Kysely, Transaction } from 'kysely'
import { isRole, ROLES, type Role } from '../../core/auth/permissions.ts'
import { AppError } from '../../core/errors/index.ts'
import {
  clientExternalIds,
  clientsByExternalId,
  findUserByEmail,
  findUserById,
  insertUser,
  listUserRows,
  revokeUserSessions,
  setUserClients,
  setUserStatus,
  type UserRow,
  userClientIds,
} from '../../store/auth.repository.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import type { Database } from '../../store/schema.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { checkPassword, hashPassword } from './credentials.ts'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MAX_EMAIL_CHARS = 254
const MAX_NAME_CHARS = 200

/** The e-mail address as stored (trimmed, lower-cased), or `invalid_email`. */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase()
  if (normalized.length > MAX_EMAIL_CHARS || !EMAIL.test(normalized)) {
    throw new AppError('invalid_email', 'the e-mail address is malformed', { field: 'email' })
  }
  return normalized
}

/** The role, or `invalid_role` listing the roles. */
export function parseRole(role: string): Role {
  if (!isRole(role)) {
    throw new AppError('invalid_role', `role must be one of ${ROLES.join(', ')}, not "${role}"`, {
      field: 'role',
    })
  }
  return role
}

/** A user as people see it: never the password hash. */
export interface UserView {
  readonly id: number
  readonly email: string
  readonly name: string
  readonly role: Role
  readonly status: 'active' | 'disabled'
  /** The clients' external ids this user is limited to; null: every client. */
  readonly clients: readonly string[] | null
  readonly lastLoginAt: string | null
  readonly createdAt: string
}

export interface CreateUserInput {
  readonly email: string
  readonly name?: string
  readonly role: string
  readonly password: string
  /** Agency tenants: the external ids of the clients the user is limited to (default: every client). */
  readonly clients?: readonly string[]
}

/** The ids of the tenant's clients with these external ids, or `unknown_client` naming the first unknown. */
async function resolveClients(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: number,
  externalIds: readonly string[],
): Promise<number[]> {
  const found = await clientsByExternalId(db, tenantId, externalIds)
  const unknown = externalIds.find((id) => !found.has(id))
  if (unknown !== undefined) {
    throw new AppError('unknown_client', `no client "${unknown}" in this tenant`, { field: 'clients' })
  }
  return [...new Set(externalIds.map((id) => found.get(id) as number))]
}

/**
 * Creates a staff user of the actor's tenant with an argon2id password hash, optionally limited to
 * some clients (the agency case). `user_exists` when the address is taken in the tenant. Journaled
 * as `user.created` (the role and limits, never the address or password).
 */
export async function createUser(ctx: AppContext, input: CreateUserInput): Promise<UserView> {
  authorize(ctx.actor, 'users.manage')
  const email = normalizeEmail(input.email)
  const role = parseRole(input.role)
  checkPassword(input.password)
  const name = (input.name ?? email.split('@')[0] ?? email).trim()
  if (name === '' || name.length > MAX_NAME_CHARS) {
    throw new AppError('invalid_option', `the name must be 1 to ${MAX_NAME_CHARS} characters`, {
      field: 'name',
    })
  }
  const passwordHash = await hashPassword(input.password)
  const { tenant } = ctx.actor
  const user = await inTransaction(ctx, async (trx) => {
    if (await findUserByEmail(trx, tenant.id, email)) {
      throw new AppError('user_exists', 'a user with this e-mail address already exists in the tenant', {
        field: 'email',
      })
    }
    const clientIds = await resolveClients(trx, tenant.id, input.clients ?? [])
    const created = await insertUser(trx, { tenantId: tenant.id, email, name, role, passwordHash })
    await setUserClients(trx, Number(created.id), clientIds)
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'user.created',
      actor: actorLabel(ctx.actor),
      subject: `user:${created.id}`,
      payload: { role, clients: clientIds.length > 0 ? clientIds : null },
    })
    return created
  })
  return (await usersAsViews(ctx, [user]))[0] as UserView
}

async function usersAsViews(ctx: AppContext, rows: readonly UserRow[]): Promise<UserView[]> {
  const limits = await userClientIds(
    ctx.store.db,
    rows.map((row) => Number(row.id)),
  )
  const names = await clientExternalIds(ctx.store.db, ctx.actor.tenant.id, [...limits.values()].flat())
  return rows.map((row) => {
    const clients = limits.get(Number(row.id))
    return {
      id: Number(row.id),
      email: row.email,
      name: row.name,
      role: row.role,
      status: row.status,
      clients: clients ? clients.map((id) => names.get(id) ?? String(id)) : null,
      lastLoginAt: row.last_login_at,
      createdAt: row.created_at,
    }
  })
}

/** The tenant's users, by e-mail address. */
export async function listUsers(ctx: AppContext): Promise<UserView[]> {
  authorize(ctx.actor, 'users.manage')
  return usersAsViews(ctx, await listUserRows(ctx.store.db, ctx.actor.tenant.id))
}

/**
 * Disables a user (by e-mail address, or by id: URLs carry the id, so no address reaches an access
 * log): they can no longer log in and their open sessions end at once. Idempotent. Journaled as
 * `user.disabled`.
 */
export async function disableUser(
  ctx: AppContext,
  input: { email: string } | { id: number },
): Promise<UserView> {
  authorize(ctx.actor, 'users.manage')
  const { tenant } = ctx.actor
  const email = 'email' in input ? normalizeEmail(input.email) : undefined
  const user = await inTransaction(ctx, async (trx) => {
    const found =
      email !== undefined
        ? await findUserByEmail(trx, tenant.id, email)
        : await findUserById(trx, tenant.id, (input as { id: number }).id)
    if (!found) throw new AppError('user_not_found', 'no such user in this tenant')
    if (found.status === 'disabled') return found
    await setUserStatus(trx, Number(found.id), 'disabled')
    await revokeUserSessions(trx, Number(found.id), new Date().toISOString())
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'user.disabled',
      actor: actorLabel(ctx.actor),
      subject: `user:${found.id}`,
      payload: {},
    })
    return { ...found, status: 'disabled' as const }
  })
  return (await usersAsViews(ctx, [user]))[0] as UserView
}
