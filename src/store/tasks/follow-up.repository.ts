import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** A promise due and unpaid, or a plan broken lately, on an open account: a collector should call. */
export interface FollowUpRow {
  readonly kind: 'promise_due' | 'plan_broken'
  readonly id: number
  readonly account: string
  readonly debtorName: string
  /** The promise's due day, or the day the plan broke. */
  readonly on: string
  /** What was promised, or what the plan was to collect. */
  readonly amountMinor: number
  readonly currency: string
}

/**
 * The tenant's open promises due on or before `today` and plans broken on or after `brokenSince`, on
 * open accounts (of `clientIds` only, when given), the largest first, at most `limit` of each.
 */
export async function selectFollowUps(
  db: Db,
  tenantId: number,
  filter: { today: string; brokenSince: string; clientIds?: readonly number[]; limit: number },
): Promise<FollowUpRow[]> {
  let promises = db
    .selectFrom('promises as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .select([
      'p.id',
      'a.external_id as account',
      'd.name as debtorName',
      'p.due_on as on',
      'p.amount_minor',
      'a.currency',
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.state', '=', 'open')
    .where('p.due_on', '<=', filter.today)
    .where('a.status', '=', 'open')
    .orderBy('p.amount_minor', 'desc')
    .orderBy('p.id')
    .limit(filter.limit)
  let plans = db
    .selectFrom('payment_plans as pl')
    .innerJoin('accounts as a', 'a.id', 'pl.account_id')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .select([
      'pl.id',
      'a.external_id as account',
      'd.name as debtorName',
      'pl.broken_on as on',
      'pl.total_minor',
      'a.currency',
    ])
    .where('pl.tenant_id', '=', tenantId)
    .where('pl.status', '=', 'broken')
    .where('pl.broken_on', '>=', filter.brokenSince)
    .where('a.status', '=', 'open')
    // A plan agreed since replaces the broken one: nothing to follow up.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('payment_plans as later')
            .select('later.id')
            .whereRef('later.account_id', '=', 'pl.account_id')
            .where('later.status', '=', 'active'),
        ),
      ),
    )
    .orderBy('pl.total_minor', 'desc')
    .orderBy('pl.id')
    .limit(filter.limit)
  if (filter.clientIds) {
    promises = promises.where('a.client_id', 'in', [...filter.clientIds, -1])
    plans = plans.where('a.client_id', 'in', [...filter.clientIds, -1])
  }
  const [due, broken] = await Promise.all([promises.execute(), plans.execute()])
  return [
    ...due.map((r) => ({
      kind: 'promise_due' as const,
      id: Number(r.id),
      account: r.account,
      debtorName: r.debtorName,
      on: r.on,
      amountMinor: Number(r.amount_minor),
      currency: r.currency,
    })),
    ...broken.map((r) => ({
      kind: 'plan_broken' as const,
      id: Number(r.id),
      account: r.account,
      debtorName: r.debtorName,
      on: r.on ?? '',
      amountMinor: Number(r.total_minor),
      currency: r.currency,
    })),
  ]
}
