import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** The account a portal link names, with what the identity check compares against. */
export interface PortalAccountIdentity {
  readonly accountId: number
  readonly externalId: string
  readonly debtorId: number
  readonly datesOfBirth: string[]
  readonly postcodes: (string | null)[]
}

/**
 * The tenant's account with this id and what identifies its debtor: the stored date of birth (and a
 * `date_of_birth` or `dateOfBirth` attribute of any of the debtor's accounts, for books imported with
 * it as a mapped attribute) and the postcodes of every address. Undefined for no such account.
 */
export async function portalAccountIdentity(
  db: Db,
  tenantId: number,
  accountId: number,
): Promise<PortalAccountIdentity | undefined> {
  const account = await db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .select(['a.id', 'a.external_id', 'a.debtor_id', 'd.date_of_birth'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.id', '=', accountId)
    .executeTakeFirst()
  if (!account) return undefined
  const debtorId = Number(account.debtor_id)
  const [addresses, attributes] = await Promise.all([
    db
      .selectFrom('debtor_addresses')
      .select('postal_code')
      .where('tenant_id', '=', tenantId)
      .where('debtor_id', '=', debtorId)
      .execute(),
    db
      .selectFrom('accounts')
      .select('attributes')
      .where('tenant_id', '=', tenantId)
      .where('debtor_id', '=', debtorId)
      .where('attributes', 'is not', null)
      .execute(),
  ])
  const dates = account.date_of_birth ? [String(account.date_of_birth)] : []
  for (const row of attributes) {
    try {
      const parsed = JSON.parse(row.attributes ?? '{}') as Record<string, unknown>
      for (const key of ['date_of_birth', 'dateOfBirth'])
        if (typeof parsed[key] === 'string') dates.push(parsed[key] as string)
    } catch {
      // Attributes are written by the importer as JSON; an unreadable one identifies nothing.
    }
  }
  return {
    accountId: Number(account.id),
    externalId: account.external_id,
    debtorId,
    datesOfBirth: dates,
    postcodes: addresses.map((a) => a.postal_code),
  }
}

/** The account's external id, debtor and client as the portal shows them; undefined when gone. */
export async function portalAccountHeader(db: Db, tenantId: number, accountId: number) {
  return headerQuery(db, tenantId).where('a.id', '=', accountId).executeTakeFirst()
}

/** The same, for the tenant's account with this external id. */
export async function portalAccountHeaderByRef(db: Db, tenantId: number, externalId: string) {
  return headerQuery(db, tenantId).where('a.external_id', '=', externalId).executeTakeFirst()
}

function headerQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .leftJoin('clients as c', 'c.id', 'a.client_id')
    .select([
      'a.id as id',
      'a.external_id as externalId',
      'a.debtor_id as debtorId',
      'd.external_id as debtorExternalId',
      'd.name as debtorName',
      'd.preferred_language as preferredLanguage',
      'a.current_creditor as creditor',
      'a.original_creditor as originalCreditor',
      'c.name as clientName',
      'a.currency as currency',
      'a.jurisdiction as jurisdiction',
      'a.debt_kind as debtKind',
      'a.status as status',
    ])
    .where('a.tenant_id', '=', tenantId)
}

/** The letters mailed about the account (printed letter messages), oldest first. */
export async function lettersSentFor(db: Db, tenantId: number, accountId: number) {
  return db
    .selectFrom('messages as m')
    .innerJoin('message_accounts as ma', 'ma.message_id', 'm.id')
    .select(['m.id', 'm.render_input', 'm.sent_at'])
    .where('m.tenant_id', '=', tenantId)
    .where('ma.account_id', '=', accountId)
    .where('m.channel', '=', 'letter')
    .where('m.status', 'in', ['sent', 'delivered'])
    .where('m.sent_at', 'is not', null)
    .orderBy('m.sent_at')
    .orderBy('m.id')
    .execute()
}

/** The debtor's contact points that a channel opt-out applies to (open ones of that kind). */
export async function debtorContactPointsOfKind(
  db: Db,
  tenantId: number,
  debtorId: number,
  kind: 'email' | 'phone' | 'postal',
) {
  return db
    .selectFrom('contact_points')
    .select(['id', 'kind', 'phone_type'])
    .where('tenant_id', '=', tenantId)
    .where('debtor_id', '=', debtorId)
    .where('kind', '=', kind)
    .where('opted_out_at', 'is', null)
    .orderBy('id')
    .execute()
}

/** Sets the debtor's preferred language. */
export async function setDebtorLanguage(db: Db, debtorId: number, language: string): Promise<void> {
  await db.updateTable('debtors').set({ preferred_language: language }).where('id', '=', debtorId).execute()
}

/** Records a restriction the debtor stated on the portal (an opt-out, an inconvenient time, an attorney). */
export async function insertDebtorRestriction(
  db: Db,
  restriction: {
    tenantId: number
    debtorId: number
    kind: 'attorney' | 'inconvenient_time' | 'medium_opt_out'
    details: Record<string, unknown>
    atIso: string
  },
): Promise<number> {
  const row = await db
    .insertInto('debtor_restrictions')
    .values({
      tenant_id: restriction.tenantId,
      debtor_id: restriction.debtorId,
      kind: restriction.kind,
      details: JSON.stringify(restriction.details),
      effective_at: restriction.atIso,
      ended_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}
