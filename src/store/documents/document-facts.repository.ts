import type { Kysely } from 'kysely'
import { addressOf } from '../address-of.ts'
import type { Database } from '../schema.ts'

/** An account's rows a document speaks of: the account, its debtor, primary address, client and ledger. */
export interface DocumentRows {
  readonly accountId: number
  readonly account: {
    externalId: string
    originalCreditor: string
    currentCreditor: string
    debtKind: 'consumer' | 'commercial'
    currency: string
    jurisdiction: string
    openedOn: string
    dueOn: string
    chargeOffOn: string | null
    attributes: Record<string, unknown>
  }
  readonly debtor: { name: string; kind: 'person' | 'business'; preferredLanguage: string | null }
  readonly address: {
    line1: string | null
    line2: string | null
    city: string | null
    region: string | null
    postalCode: string | null
    country: string
  } | null
  readonly clientName: string | null
  readonly ledger: {
    kind: string
    component: string
    amountMinor: number
    effectiveOn: string
    memo: string | null
  }[]
}

/** The document rows of the tenant's account with this external id, or undefined when there is none. */
export async function documentRowsOf(
  db: Kysely<Database>,
  tenantId: number,
  externalId: string,
  /** A letter's postal contact point: its address instead of the primary one. */
  options: { contactPointId?: number } = {},
): Promise<DocumentRows | undefined> {
  const row = await db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .leftJoin('clients as c', 'c.id', 'a.client_id')
    .select([
      'a.id',
      'a.debtor_id',
      'a.external_id',
      'a.original_creditor',
      'a.current_creditor',
      'a.debt_kind',
      'a.currency',
      'a.jurisdiction',
      'a.opened_on',
      'a.due_on',
      'a.charge_off_on',
      'a.attributes',
      'd.name',
      'd.kind',
      'd.preferred_language',
      'c.name as client_name',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.external_id', '=', externalId)
    .executeTakeFirst()
  if (!row) return undefined
  const [address, ledger] = await Promise.all([
    db
      .selectFrom('debtor_addresses')
      .select(['line1', 'line2', 'city', 'region', 'postal_code', 'country'])
      .where('tenant_id', '=', tenantId)
      .where('debtor_id', '=', row.debtor_id)
      .$if(options.contactPointId !== undefined, (q) =>
        q.where('id', '=', (eb) =>
          eb
            .selectFrom('contact_points')
            .select('address_id')
            .where('tenant_id', '=', tenantId)
            .where('debtor_id', '=', row.debtor_id)
            .where('id', '=', options.contactPointId ?? 0),
        ),
      )
      .orderBy('is_primary', 'desc')
      .orderBy('id')
      .executeTakeFirst(),
    db
      .selectFrom('ledger_entries')
      .select(['kind', 'component', 'amount_minor', 'effective_on', 'memo'])
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', row.id)
      .orderBy('effective_on')
      .orderBy('id')
      .execute(),
  ])
  return {
    accountId: row.id,
    account: {
      externalId: row.external_id,
      originalCreditor: row.original_creditor,
      currentCreditor: row.current_creditor,
      debtKind: row.debt_kind,
      currency: row.currency,
      jurisdiction: row.jurisdiction,
      openedOn: row.opened_on,
      dueOn: row.due_on,
      chargeOffOn: row.charge_off_on,
      attributes: row.attributes ? (JSON.parse(row.attributes) as Record<string, unknown>) : {},
    },
    debtor: { name: row.name, kind: row.kind, preferredLanguage: row.preferred_language },
    address: addressOf(address),
    clientName: row.client_name,
    ledger: ledger.map((l) => ({
      kind: l.kind,
      component: l.component,
      amountMinor: Number(l.amount_minor),
      effectiveOn: l.effective_on,
      memo: l.memo,
    })),
  }
}
