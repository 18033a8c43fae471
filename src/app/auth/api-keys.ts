import type { Role } from '../../core/auth/permissions.ts'
import { AppError } from '../../core/errors/index.ts'
import {
  type ApiKeyRow,
  findApiKeyById,
  insertApiKey,
  listApiKeyRows,
  revokeApiKeyRow,
} from '../../store/auth.repository.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { newToken, tokenHash } from './credentials.ts'
import { parseRole } from './users.ts'

/** An API key as listings show it: never the key itself, only its first characters. */
export interface ApiKeyView {
  readonly id: number
  readonly name: string
  /** The key's first characters ("rcp_k_AbCd"), to tell keys apart. */
  readonly prefix: string
  readonly role: Role
  readonly createdBy: string
  readonly createdAt: string
  readonly lastUsedAt: string | null
  readonly revokedAt: string | null
}

function view(row: ApiKeyRow): ApiKeyView {
  return {
    id: Number(row.id),
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }
}

const MAX_NAME_CHARS = 100

/**
 * Creates an API key of the actor's tenant, acting with `role`. The key is in the answer once and
 * stored only as its SHA-256: whoever loses it creates another. Journaled as `api_key.created`.
 */
export async function createApiKey(
  ctx: AppContext,
  input: { name: string; role: string },
): Promise<ApiKeyView & { key: string }> {
  authorize(ctx.actor, 'apikeys.manage')
  const role = parseRole(input.role)
  const name = input.name.trim()
  if (name === '' || name.length > MAX_NAME_CHARS) {
    throw new AppError('invalid_option', `the key name must be 1 to ${MAX_NAME_CHARS} characters`, {
      field: 'name',
    })
  }
  const key = newToken('k')
  const row = await inTransaction(ctx, async (trx) => {
    const created = await insertApiKey(trx, {
      tenantId: ctx.actor.tenant.id,
      name,
      prefix: key.slice(0, 10),
      tokenHash: tokenHash(key),
      role,
      createdBy: actorLabel(ctx.actor),
    })
    await appendJournalEvent(trx, {
      tenantId: ctx.actor.tenant.id,
      type: 'api_key.created',
      actor: actorLabel(ctx.actor),
      subject: `api_key:${created.id}`,
      payload: { name, role },
    })
    return created
  })
  return { ...view(row), key }
}

/** The tenant's API keys, newest first (revoked ones too, marked). */
export async function listApiKeys(ctx: AppContext): Promise<ApiKeyView[]> {
  authorize(ctx.actor, 'apikeys.manage')
  return (await listApiKeyRows(ctx.store.db, ctx.actor.tenant.id)).map(view)
}

/** Revokes one of the tenant's keys by id: it stops working at once. Idempotent; journaled. */
export async function revokeApiKey(ctx: AppContext, input: { id: number }): Promise<ApiKeyView> {
  authorize(ctx.actor, 'apikeys.manage')
  return inTransaction(ctx, async (trx) => {
    const row = await findApiKeyById(trx, ctx.actor.tenant.id, input.id)
    if (!row) throw new AppError('api_key_not_found', `no API key ${input.id} in this tenant`)
    if (row.revoked_at !== null) return view(row)
    const now = new Date().toISOString()
    await revokeApiKeyRow(trx, Number(row.id), now)
    await appendJournalEvent(trx, {
      tenantId: ctx.actor.tenant.id,
      type: 'api_key.revoked',
      actor: actorLabel(ctx.actor),
      subject: `api_key:${row.id}`,
      payload: {},
    })
    return view({ ...row, revoked_at: now })
  })
}
