import type { Kysely } from 'kysely'
import type { Database } from '../../src/store/schema.ts'
import { seedOutbox } from '../outreach/outreach-fixtures.ts'

/**
 * A tenant whose debtors each have one account with a due `call` outbox row (a playbook's
 * `create_task: call`) to their mobile phone, as the daily run writes it.
 */
export async function seedCallRows(
  db: Kysely<Database>,
  slug: string,
  debtors: number,
  options: { debtKind?: 'consumer' | 'commercial'; kind?: 'creditor' | 'agency' } = {},
) {
  const seeded = await seedOutbox(
    db,
    slug,
    Array.from({ length: debtors }, () => ({
      accounts: 1,
      channels: ['sms'] as const,
      debtKind: options.debtKind ?? 'commercial',
    })),
    { kind: options.kind ?? 'creditor' },
  )
  await db
    .updateTable('outbox')
    .set({
      channel: 'call',
      action_type: 'create_task',
      payload: JSON.stringify({ type: 'create_task', task: 'call', note: 'Offer the 3-month plan.' }),
    })
    .where('id', 'in', seeded.outboxIds)
    .execute()
  return seeded
}
