import { type Kysely, sql, type Transaction } from 'kysely'
import { dialectOf } from '../dialect.ts'
import type { Database, MessageChannel } from '../schema.ts'

/** An outbox row the dispatcher may send now, with the debtor it reaches. */
export interface DueOutboxRow {
  id: number
  tenant_id: number
  account_id: number
  debtor_id: number
  channel: MessageChannel
  /** The account's jurisdiction and debt kind (which document a letter prints). */
  jurisdiction: string
  debt_kind: string
  contact_point_id: number | null
  idempotency_key: string
  payload: string
}

const isPostgres = (db: Kysely<Database>) => dialectOf(db as unknown as Kysely<unknown>) === 'postgres'

function dueQuery(trx: Transaction<Database>, channels: readonly string[], nowIso: string) {
  return trx
    .selectFrom('outbox as o')
    .innerJoin('accounts as a', (j) =>
      j.onRef('a.id', '=', 'o.account_id').onRef('a.tenant_id', '=', 'o.tenant_id'),
    )
    .select([
      'o.id',
      'o.tenant_id',
      'o.account_id',
      'a.debtor_id',
      sql<MessageChannel>`o.channel`.as('channel'),
      'a.jurisdiction',
      'a.debt_kind',
      'o.contact_point_id',
      'o.idempotency_key',
      'o.payload',
    ])
    .where('o.status', '=', 'pending')
    .where('o.message_id', 'is', null)
    .where('o.channel', 'in', [...channels])
    .where('o.scheduled_at', '<=', nowIso)
}

/**
 * Due outbox rows, oldest first, at most `limit`. On PostgreSQL the rows are locked with SKIP LOCKED:
 * rows another dispatcher is claiming right now are passed over, never waited for or taken twice.
 */
export async function selectDueOutbox(
  trx: Transaction<Database>,
  channels: readonly string[],
  nowIso: string,
  limit: number,
): Promise<DueOutboxRow[]> {
  return dueQuery(trx, channels, nowIso)
    .orderBy('o.scheduled_at')
    .orderBy('o.id')
    .limit(limit)
    .$if(isPostgres(trx), (qb) => qb.forUpdate('o').skipLocked())
    .execute()
}

/** Every due row of these debtors on these channels (for consolidation), locked like `selectDueOutbox`. */
export async function selectDueOutboxOfDebtors(
  trx: Transaction<Database>,
  debtorIds: readonly number[],
  channels: readonly string[],
  nowIso: string,
): Promise<DueOutboxRow[]> {
  if (debtorIds.length === 0) return []
  return dueQuery(trx, channels, nowIso)
    .where('a.debtor_id', 'in', [...debtorIds])
    .orderBy('o.id')
    .$if(isPostgres(trx), (qb) => qb.forUpdate('o').skipLocked())
    .execute()
}

/**
 * Takes the debtor's row lock for the rest of the transaction, or answers false when another
 * dispatcher holds it (PostgreSQL SKIP LOCKED): the per-debtor serialisation that keeps two
 * dispatchers from both passing a frequency cap. SQLite has one writer at a time: always true.
 */
export async function lockDebtor(trx: Transaction<Database>, debtorId: number): Promise<boolean> {
  if (!isPostgres(trx)) return true
  const row = await sql<{
    id: number
  }>`select id from debtors where id = ${debtorId} for update skip locked`.execute(trx)
  return row.rows.length === 1
}

/** The debtor's outbound messages (any account, any result but failed), for caps counted per consumer. */
export async function debtorOutboundMessages(
  trx: Transaction<Database>,
  tenantId: number,
  debtorId: number,
): Promise<{ account_id: number; channel: string; contact_point_id: number | null; occurred_at: string }[]> {
  return trx
    .selectFrom('contact_events as e')
    .innerJoin('accounts as a', 'a.id', 'e.account_id')
    .select(['e.account_id', 'e.channel', 'e.contact_point_id', 'e.occurred_at'])
    .where('e.tenant_id', '=', tenantId)
    .where('a.debtor_id', '=', debtorId)
    .where('e.direction', '=', 'outbound')
    .where('e.channel', '<>', 'call')
    .where('e.result', '<>', 'failed')
    .orderBy('e.occurred_at')
    .execute()
}

/** The facts a message about these accounts is rendered from. */
export async function renderFacts(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
) {
  const accounts = await trx
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .select([
      'a.id',
      'a.external_id',
      'a.current_creditor',
      'a.currency',
      'a.due_on',
      'd.name as debtor_name',
      'd.kind as debtor_kind',
      'd.preferred_language',
      sql<number>`(select coalesce(sum(l.amount_minor), 0) from ledger_entries l where l.account_id = a.id)`.as(
        'balance',
      ),
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.id', 'in', [...accountIds])
    .execute()
  return accounts.map((a) => ({ ...a, balance: Number(a.balance) }))
}

/** The contact point a message goes to. */
export async function contactPointById(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('contact_points').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * SQLite: takes the database's write lock at the start of a transaction that reads before it writes,
 * so a second dispatcher process waits for it (busy timeout) instead of failing the read-to-write
 * upgrade with SQLITE_BUSY. PostgreSQL locks rows instead: nothing to do.
 */
export async function takeWriteLock(trx: Transaction<Database>): Promise<void> {
  if (isPostgres(trx)) return
  await sql`update tenants set id = id where 0 = 1`.execute(trx)
}
