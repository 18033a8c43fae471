import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.ts'

/** A foreign key, by its referencing table and columns. */
interface ForeignKey {
  readonly table: string
  readonly columns: readonly string[]
}

describeEachDatabase('every foreign key has an index on its referencing columns', ({ store, config }) => {
  async function foreignKeysAndIndexes(): Promise<{ keys: ForeignKey[]; indexed: Map<string, string[][]> }> {
    const { db } = store()
    const keys: ForeignKey[] = []
    const indexed = new Map<string, string[][]>()
    const add = (table: string, columns: string[]) =>
      indexed.set(table, [...(indexed.get(table) ?? []), columns])
    const cfg = config()
    if (cfg.kind === 'sqlite') {
      const tables = await sql<{
        name: string
      }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(
        db,
      )
      for (const { name } of tables.rows) {
        const fks = await sql<{
          id: number
          from: string
          seq: number
        }>`select * from pragma_foreign_key_list(${name})`.execute(db)
        const byId = new Map<number, string[]>()
        for (const fk of fks.rows.sort((a, b) => a.seq - b.seq))
          byId.set(fk.id, [...(byId.get(fk.id) ?? []), fk.from])
        for (const columns of byId.values()) keys.push({ table: name, columns })
        const indexes = await sql<{ name: string }>`select name from pragma_index_list(${name})`.execute(db)
        for (const index of indexes.rows) {
          const cols = await sql<{
            name: string
            seqno: number
          }>`select * from pragma_index_info(${index.name})`.execute(db)
          add(
            name,
            cols.rows.sort((a, b) => a.seqno - b.seqno).map((c) => c.name),
          )
        }
        const pk = await sql<{
          name: string
          pk: number
        }>`select name, pk from pragma_table_info(${name}) where pk > 0`.execute(db)
        if (pk.rows.length > 0)
          add(
            name,
            pk.rows.sort((a, b) => a.pk - b.pk).map((c) => c.name),
          )
      }
    } else {
      const schema = cfg.schema ?? 'public'
      const fks = await sql<{ table: string; columns: string[] }>`
        select c.conrelid::regclass::text as table,
               array(select a.attname from unnest(c.conkey) with ordinality k(n, o)
                     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o)::text[] as columns
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = ${schema}`.execute(db)
      for (const fk of fks.rows)
        keys.push({ table: fk.table.split('.').pop() as string, columns: fk.columns })
      const indexes = await sql<{ table: string; columns: string[] }>`
        select i.indrelid::regclass::text as table,
               array(select a.attname from unnest(i.indkey) with ordinality k(n, o)
                     join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n order by k.o)::text[] as columns
        from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = ${schema}`.execute(db)
      for (const index of indexes.rows) add(index.table.split('.').pop() as string, index.columns)
    }
    return { keys, indexed }
  }

  it('so that deleting a parent row never scans a child table', async () => {
    const { keys, indexed } = await foreignKeysAndIndexes()
    expect(keys.length).toBeGreaterThan(10)
    // An index serves a foreign key when it leads with the key's first column: the parent's id (the
    // tenant_id that composite keys add for isolation narrows nothing further).
    const served = (key: ForeignKey) =>
      (indexed.get(key.table) ?? []).some((columns) => columns[0] === key.columns[0])
    const unserved = keys
      .filter((key) => !served(key))
      .map((key) => `${key.table}(${key.columns.join(', ')})`)
    expect(unserved).toEqual([])
  })
})
