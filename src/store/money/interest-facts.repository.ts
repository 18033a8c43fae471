import type { Kysely, Transaction } from 'kysely'
import type { PrincipalEntry } from '../../core/interest/principal-from-ledger.ts'
import type { Database } from '../schema.ts'

/** What an interest statement needs from an account: its terms and its principal ledger lines. */
export interface InterestFacts {
  readonly externalId: string
  readonly currency: string
  readonly dueOn: string
  readonly openedOn: string
  readonly jurisdiction: string
  /** Principal lines (every kind: charges, payments, reversals, write-offs), oldest value date first. */
  readonly principalEntries: readonly PrincipalEntry[]
}

/** The interest facts of the tenant's account with this external id, or undefined when there is none. */
export async function interestFactsOf(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: number,
  externalId: string,
): Promise<InterestFacts | undefined> {
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'external_id', 'currency', 'due_on', 'opened_on', 'jurisdiction'])
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
    .executeTakeFirst()
  if (!account) return undefined
  const entries = await db
    .selectFrom('ledger_entries')
    .select(['amount_minor', 'effective_on'])
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', account.id)
    .where('component', '=', 'principal')
    .orderBy('effective_on')
    .orderBy('id')
    .execute()
  return {
    externalId: account.external_id,
    currency: account.currency,
    dueOn: account.due_on,
    openedOn: account.opened_on,
    jurisdiction: account.jurisdiction,
    principalEntries: entries.map((e) => ({
      amountMinor: Number(e.amount_minor),
      effectiveOn: e.effective_on,
    })),
  }
}
