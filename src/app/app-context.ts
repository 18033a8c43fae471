import type { Transaction } from 'kysely'
import type { Store } from '../store/connect.ts'
import type { Database } from '../store/schema.ts'
import type { Actor } from './actor.ts'

/**
 * What every use case receives: the open store and the actor it acts for (tenant and who). Surfaces
 * (CLI, HTTP, web app, portal, workers) build one per request or command and call the use case; they
 * hold no business logic of their own.
 */
export interface AppContext {
  readonly store: Store
  readonly actor: Actor
}

/** Runs `work` in one transaction: a use case commits all of its writes or none. */
export function inTransaction<T>(
  ctx: AppContext,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return ctx.store.db.transaction().execute(work)
}
