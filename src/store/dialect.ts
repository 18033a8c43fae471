import { type Kysely, PostgresAdapter } from 'kysely'

/** The two databases Recoup supports. SQL that differs between them branches on this. */
export type DialectName = 'sqlite' | 'postgres'

/** Which database a Kysely instance (or transaction) talks to. */
export function dialectOf(db: Kysely<unknown>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}
