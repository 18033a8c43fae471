import type { Kysely, Transaction } from 'kysely'
import { AppError } from '../core/errors/index.ts'
import { accountClientByExternalId, accountClients } from '../store/auth.repository.ts'
import type { Database } from '../store/schema.ts'
import type { AppContext } from './app-context.ts'
import { actorSeesClient } from './authorize.ts'

type Db = Kysely<Database> | Transaction<Database>

/**
 * The agency case for a use case addressed by account: an actor limited to some clients gets
 * `account_not_found` (the very answer for an account that does not exist) for another client's
 * account. Accounts that do not exist are left to the use case's own error.
 */
export async function requireAccountInScope(ctx: AppContext, db: Db, externalId: string): Promise<void> {
  // The debtor portal: only the account of the link exists.
  if (ctx.actor.accountRefs !== undefined && !ctx.actor.accountRefs.includes(externalId))
    throw new AppError('account_not_found', `no account with external id "${externalId}" in this tenant`)
  if (ctx.actor.clientIds === undefined) return
  const found = await accountClientByExternalId(db, ctx.actor.tenant.id, externalId)
  if (found && !actorSeesClient(ctx.actor, found.clientId)) {
    throw new AppError('account_not_found', `no account with external id "${externalId}" in this tenant`)
  }
}

/** The same for accounts by id (a payment's accounts): `notFound` is thrown when one is out of scope. */
export async function requireAccountIdsInScope(
  ctx: AppContext,
  db: Db,
  ids: readonly number[],
  notFound: () => AppError,
): Promise<void> {
  if (ctx.actor.accountRefs !== undefined) throw notFound()
  if (ctx.actor.clientIds === undefined) return
  const clients = await accountClients(db, ctx.actor.tenant.id, ids)
  for (const id of ids) if (!actorSeesClient(ctx.actor, clients.get(id) ?? null)) throw notFound()
}
