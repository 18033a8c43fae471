import type { Kysely, Transaction } from 'kysely'
import { AppError } from '../../core/errors/index.ts'
import { clientByExternalId, debtorClientIds } from '../../store/credit/credit.repository.ts'
import { debtorRow } from '../../store/records/debtors-read.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { AppContext } from '../app-context.ts'
import { actorSeesClient } from '../authorize.ts'
import { debtorNotFound } from '../records/list-debtors.ts'
import { clientNotFound } from './credit-lines.ts'

type Db = Kysely<Database> | Transaction<Database>

/** The debtor by external id in the actor's tenant and clients, or `debtor_not_found`. */
export async function requireDebtor(ctx: AppContext, db: Db, externalId: unknown) {
  if (typeof externalId !== 'string' || externalId === '') throw debtorNotFound(String(externalId))
  const row = await debtorRow(db, ctx.actor.tenant.id, externalId, ctx.actor.clientIds)
  if (!row) throw debtorNotFound(externalId)
  return { id: row.id, externalId: row.externalId, name: row.name }
}

/** A named client in the actor's scope, or `client_not_found`. */
export async function requireClient(ctx: AppContext, db: Db, externalId: string): Promise<number> {
  const client = await clientByExternalId(db, ctx.actor.tenant.id, externalId)
  if (!client || !actorSeesClient(ctx.actor, Number(client.id))) throw clientNotFound(externalId)
  return Number(client.id)
}

/**
 * The client of a debtor's credit line: the one named, else the only client the debtor's accounts
 * (in the actor's scope) are held for, else the own book when none is; a debtor owing several
 * clients needs `client` named (`credit_client_required`).
 */
export async function lineClient(
  ctx: AppContext,
  db: Db,
  debtorId: number,
  client: string | undefined,
): Promise<number | null> {
  if (client !== undefined) return requireClient(ctx, db, client)
  const seen = (await debtorClientIds(db, ctx.actor.tenant.id, debtorId)).filter((c) =>
    actorSeesClient(ctx.actor, c),
  )
  if (seen.length > 1)
    throw new AppError(
      'credit_client_required',
      'the debtor owes several clients: name the client of the credit line',
      { field: 'client' },
    )
  if (seen.length === 1) return seen[0] as number | null
  if (ctx.actor.clientIds !== undefined)
    throw new AppError('credit_client_required', 'name the client of the credit line', { field: 'client' })
  return null
}
