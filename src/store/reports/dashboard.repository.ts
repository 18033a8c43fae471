import { type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import type { LocalDate } from '../../core/calendar/local-date.ts'
import type { Database } from '../schema.ts'

/**
 * The figures of the staff dashboard beyond the aging cells (store/aging.repository.ts) and the runs
 * (store/operations): accounts by stage, payments received and reversed per currency, promise states,
 * and compliance refusals with their rule ids. Every query is the tenant's and, for an actor limited to
 * some clients, only those clients' accounts (`clientIds`; absent: every client).
 */

interface Scope {
  readonly tenantId: number
  readonly clientIds: readonly number[] | undefined
}

type Db = Kysely<Database>

/** Keeps rows whose account (`a`) is in the actor's clients. */
function inClients<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB & { a: Database['accounts'] }, TB | 'a', O>,
  clientIds: readonly number[] | undefined,
) {
  if (clientIds === undefined) return query
  if (clientIds.length === 0) return query.where(sql<boolean>`1 = 0`)
  return query.where(sql<boolean>`a.client_id in (${sql.join(clientIds)})`)
}

/** Open accounts per playbook stage (null: not decided yet). */
export async function openAccountsByStage(
  db: Db,
  at: Scope,
): Promise<{ stage: string | null; accounts: number }[]> {
  const query = db
    .selectFrom('accounts as a')
    .leftJoin('strategy_states as s', 's.account_id', 'a.id')
    .select(['s.stage as stage', (eb) => eb.fn.countAll<number>().as('accounts')])
    .where('a.tenant_id', '=', at.tenantId)
    .where('a.status', '=', 'open')
    .groupBy('s.stage')
  const rows = await inClients(query, at.clientIds).execute()
  // Sorted here: the databases disagree on where NULL sorts. Not decided yet first, then by stage.
  return rows
    .map((r) => ({ stage: r.stage ?? null, accounts: Number(r.accounts) }))
    .sort((a, b) =>
      a.stage === b.stage ? 0 : a.stage === null ? -1 : b.stage === null ? 1 : a.stage < b.stage ? -1 : 1,
    )
}

/** Payments received in [from, to] per currency: count and sum of all, and of those since reversed. */
export async function paymentsReceived(db: Db, at: Scope, from: LocalDate, to: LocalDate) {
  const query = db
    .selectFrom('payments as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select([
      'p.currency as currency',
      (eb) => eb.fn.countAll<number>().as('payments'),
      sql<number>`coalesce(sum(p.amount_minor), 0)`.as('gross'),
      sql<number>`coalesce(sum(case when p.status = 'reversed' then p.amount_minor else 0 end), 0)`.as(
        'reversed',
      ),
      sql<number>`coalesce(sum(case when p.status = 'reversed' then 1 else 0 end), 0)`.as('reversals'),
    ])
    .where('p.tenant_id', '=', at.tenantId)
    .where('p.received_on', '>=', from)
    .where('p.received_on', '<=', to)
    .groupBy('p.currency')
    .orderBy('p.currency')
  const rows = await inClients(query, at.clientIds).execute()
  return rows.map((r) => ({
    currency: r.currency,
    payments: Number(r.payments),
    reversals: Number(r.reversals),
    grossMinor: Number(r.gross),
    reversedMinor: Number(r.reversed),
  }))
}

/** Promises due in [from, to], counted per state. */
export async function promiseStates(db: Db, at: Scope, from: LocalDate, to: LocalDate) {
  const query = db
    .selectFrom('promises as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select(['p.state as state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.tenant_id', '=', at.tenantId)
    .where('p.due_on', '>=', from)
    .where('p.due_on', '<=', to)
    .groupBy('p.state')
  const rows = await inClients(query, at.clientIds).execute()
  return new Map<string, number>(rows.map((r) => [r.state, Number(r.n)]))
}

/**
 * Compliance refusals made in [fromInstant, toInstant): outbox actions the decision-time check blocked
 * and messages the send-time check suppressed, each with its compliance JSON (the caller reads the
 * rule ids). An action blocked at send time keeps its decision-time "allow" on the outbox row, so it
 * is counted once, as its suppressed message.
 */
export async function complianceRefusals(db: Db, at: Scope, fromInstant: string, toInstant: string) {
  const actions = inClients(
    db
      .selectFrom('outbox as o')
      .innerJoin('accounts as a', 'a.id', 'o.account_id')
      .select(['o.compliance as compliance'])
      .where('o.tenant_id', '=', at.tenantId)
      .where('o.status', '=', 'blocked')
      .where('o.created_at', '>=', fromInstant)
      .where('o.created_at', '<', toInstant),
    at.clientIds,
  ).execute()
  const messages = db
    .selectFrom('messages as m')
    .select(['m.compliance as compliance'])
    .where('m.tenant_id', '=', at.tenantId)
    .where('m.status', '=', 'suppressed')
    .where('m.created_at', '>=', fromInstant)
    .where('m.created_at', '<', toInstant)
    .where('m.id', 'in', (eb) =>
      inClients(
        eb
          .selectFrom('message_accounts as ma')
          .innerJoin('accounts as a', 'a.id', 'ma.account_id')
          .select('ma.message_id')
          .where('ma.tenant_id', '=', at.tenantId),
        at.clientIds,
      ),
    )
    .execute()
  return { atDecision: await actions, atSend: await messages }
}
