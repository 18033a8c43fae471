import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.ts'

/** Runs the cheapest query there is, so that a dead connection or server shows as an error. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db)
}
