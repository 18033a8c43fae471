import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

/** One account's decisions (oldest first) and its outbox, for `recoup explain`. */
export async function loadAccountTimeline(db: Kysely<Database>, tenantId: number, accountRef: string) {
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'external_id', 'status', 'jurisdiction', 'debt_kind', 'currency', 'due_on'])
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', accountRef)
    .executeTakeFirst()
  if (!account) return null
  const [decisions, outbox, state] = await Promise.all([
    db
      .selectFrom('decisions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', account.id)
      .orderBy('as_of')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('outbox')
      .select(['id', 'decision_id', 'action_type', 'channel', 'status', 'scheduled_at', 'cancel_reason'])
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', account.id)
      .orderBy('id')
      .execute(),
    db.selectFrom('strategy_states').selectAll().where('account_id', '=', account.id).executeTakeFirst(),
  ])
  return { account, decisions, outbox, state: state ?? null }
}

export type AccountTimeline = NonNullable<Awaited<ReturnType<typeof loadAccountTimeline>>>
