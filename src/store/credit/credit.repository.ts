import { type Kysely, sql, type Transaction } from 'kysely'
import type { CreditAccount } from '../../core/credit/credit-facts.ts'
import type { CreditLimit } from '../../core/credit/credit-terms.ts'
import type { Database } from '../schema.ts'

/*
 * Credit control's storage (migration 0032, docs/credit-control.md): clients' policies, debtors'
 * overrides, and the set-based reads a credit line is computed from (one row per account with its
 * ledger sums; the promise and dispute counts per debtor and client).
 */

type Db = Kysely<Database> | Transaction<Database>

/** A client of the tenant by external id. */
export async function clientByExternalId(db: Db, tenantId: number, externalId: string) {
  return db
    .selectFrom('clients')
    .select(['id', 'external_id as externalId', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
    .executeTakeFirst()
}

/** External ids of clients by id. */
export async function clientExternalIds(db: Db, tenantId: number, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, string>()
  const rows = await db
    .selectFrom('clients')
    .select(['id', 'external_id as externalId'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [Number(r.id), r.externalId]))
}

export interface PolicyRow {
  readonly clientId: number | null
  readonly termsDays: number
  readonly limit: CreditLimit | null
  readonly updatedBy: string
  readonly updatedAt: string
}

export interface OverrideRow {
  readonly debtorId: number
  readonly clientId: number | null
  readonly termsDays: number | null
  readonly limit: CreditLimit | null
  readonly updatedBy: string
  readonly updatedAt: string
}

const limitOf = (minor: number | null, currency: string | null): CreditLimit | null =>
  minor === null || currency === null ? null : { minor: Number(minor), currency }

/** Every policy of the tenant (one per client at most). */
export async function creditPolicies(db: Db, tenantId: number): Promise<Map<number | null, PolicyRow>> {
  const rows = await db.selectFrom('credit_policies').selectAll().where('tenant_id', '=', tenantId).execute()
  return new Map(
    rows.map((r) => {
      const clientId = r.client_id === null ? null : Number(r.client_id)
      return [
        clientId,
        {
          clientId,
          termsDays: r.terms_days,
          limit: limitOf(r.limit_minor, r.limit_currency),
          updatedBy: r.updated_by,
          updatedAt: new Date(r.updated_at).toISOString(),
        },
      ]
    }),
  )
}

/** Writes a client's policy (insert or replace); returns it. */
export async function saveCreditPolicy(
  trx: Transaction<Database>,
  tenantId: number,
  policy: { clientId: number | null; termsDays: number; limit: CreditLimit | null; updatedBy: string },
): Promise<void> {
  const values = {
    terms_days: policy.termsDays,
    limit_minor: policy.limit?.minor ?? null,
    limit_currency: policy.limit?.currency ?? null,
    updated_by: policy.updatedBy,
    updated_at: new Date().toISOString(),
  }
  // One statement against the partial unique index of the line's kind: two writers racing for a
  // client's policy end with one row, the later one's.
  await trx
    .insertInto('credit_policies')
    .values({ tenant_id: tenantId, client_id: policy.clientId, ...values })
    .onConflict((oc) =>
      (policy.clientId === null
        ? oc.column('tenant_id').where('client_id', 'is', null)
        : oc.columns(['client_id', 'tenant_id']).where('client_id', 'is not', null)
      ).doUpdateSet(values),
    )
    .execute()
}

/** The overrides of these debtors. */
export async function debtorOverrides(
  db: Db,
  tenantId: number,
  debtorIds: readonly number[],
): Promise<OverrideRow[]> {
  if (debtorIds.length === 0) return []
  const rows = await db
    .selectFrom('debtor_credit_terms')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('debtor_id', 'in', debtorIds)
    .execute()
  return rows.map((r) => ({
    debtorId: Number(r.debtor_id),
    clientId: r.client_id === null ? null : Number(r.client_id),
    termsDays: r.terms_days,
    limit: limitOf(r.limit_minor, r.limit_currency),
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  }))
}

/** Writes a debtor's override for one client (insert or replace). */
export async function saveDebtorOverride(
  trx: Transaction<Database>,
  tenantId: number,
  override: {
    debtorId: number
    clientId: number | null
    termsDays: number | null
    limit: CreditLimit | null
    updatedBy: string
  },
): Promise<void> {
  const values = {
    terms_days: override.termsDays,
    limit_minor: override.limit?.minor ?? null,
    limit_currency: override.limit?.currency ?? null,
    updated_by: override.updatedBy,
    updated_at: new Date().toISOString(),
  }
  await trx
    .insertInto('debtor_credit_terms')
    .values({ tenant_id: tenantId, debtor_id: override.debtorId, client_id: override.clientId, ...values })
    .onConflict((oc) =>
      (override.clientId === null
        ? oc.column('debtor_id').where('client_id', 'is', null)
        : oc.columns(['debtor_id', 'client_id']).where('client_id', 'is not', null)
      ).doUpdateSet(values),
    )
    .execute()
}

/** One account of a debtor with the sums its credit line needs. */
export interface CreditAccountRow extends CreditAccount {
  readonly debtorId: number
  readonly clientId: number | null
}

/**
 * The accounts of these debtors (in the actor's clients when `clientIds` is given) with their
 * ledger balance, charged amount, last unreversed payment day and whether a write-off is on them:
 * one grouped query.
 */
export async function creditAccountRows(
  db: Db,
  tenantId: number,
  debtorIds: readonly number[],
  clientIds: readonly number[] | undefined,
): Promise<CreditAccountRow[]> {
  if (debtorIds.length === 0 || clientIds?.length === 0) return []
  const rows = await db
    .selectFrom('accounts as a')
    .leftJoin('ledger_entries as le', (join) =>
      join.onRef('le.account_id', '=', 'a.id').onRef('le.tenant_id', '=', 'a.tenant_id'),
    )
    .select([
      'a.id',
      'a.external_id as externalId',
      'a.debtor_id as debtorId',
      'a.client_id as clientId',
      'a.currency',
      'a.status',
      'a.opened_on as openedOn',
      sql<number>`coalesce(sum(le.amount_minor), 0)`.as('balanceMinor'),
      sql<number>`coalesce(sum(case when le.kind = 'charge' then le.amount_minor else 0 end), 0)`.as(
        'chargedMinor',
      ),
      sql<
        string | null
      >`max(case when le.kind = 'payment' and not exists (select 1 from ledger_entries r where r.reverses_id = le.id) then le.effective_on end)`.as(
        'lastPaidOn',
      ),
      sql<number>`sum(case when le.kind = 'write_off' then 1 else 0 end)`.as('writeOffs'),
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.debtor_id', 'in', debtorIds)
    .$if(clientIds !== undefined, (q) => q.where('a.client_id', 'in', clientIds as number[]))
    .groupBy(['a.id', 'a.external_id', 'a.debtor_id', 'a.client_id', 'a.currency', 'a.status', 'a.opened_on'])
    .orderBy('a.id')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    externalId: r.externalId,
    debtorId: Number(r.debtorId),
    clientId: r.clientId === null ? null : Number(r.clientId),
    currency: r.currency,
    status: r.status,
    openedOn: String(r.openedOn),
    balanceMinor: Number(r.balanceMinor),
    chargedMinor: Number(r.chargedMinor),
    lastPaidOn: r.lastPaidOn === null ? null : String(r.lastPaidOn),
    writtenOff: Number(r.writeOffs ?? 0) > 0,
  }))
}

/** Broken promises, disputes and open disputes per debtor and client. */
export interface ConductRow {
  readonly debtorId: number
  readonly clientId: number | null
  readonly brokenPromises: number
  readonly disputes: number
  readonly openDisputes: number
}

export async function creditConductRows(
  db: Db,
  tenantId: number,
  debtorIds: readonly number[],
): Promise<ConductRow[]> {
  if (debtorIds.length === 0) return []
  const promises = await db
    .selectFrom('promises as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select(['a.debtor_id as debtorId', 'a.client_id as clientId', sql<number>`count(*)`.as('n')])
    .where('p.tenant_id', '=', tenantId)
    .where('p.state', '=', 'broken')
    .where('a.debtor_id', 'in', debtorIds)
    .groupBy(['a.debtor_id', 'a.client_id'])
    .execute()
  const disputes = await db
    .selectFrom('disputes as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select([
      'a.debtor_id as debtorId',
      'a.client_id as clientId',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when d.resolved_at is null then 1 else 0 end)`.as('open'),
    ])
    .where('d.tenant_id', '=', tenantId)
    .where('a.debtor_id', 'in', debtorIds)
    .groupBy(['a.debtor_id', 'a.client_id'])
    .execute()
  const key = (d: unknown, c: unknown) => `${Number(d)}:${c === null ? '' : Number(c)}`
  const out = new Map<
    string,
    {
      debtorId: number
      clientId: number | null
      brokenPromises: number
      disputes: number
      openDisputes: number
    }
  >()
  const entry = (d: unknown, c: unknown) => {
    const k = key(d, c)
    let e = out.get(k)
    if (!e) {
      e = {
        debtorId: Number(d),
        clientId: c === null ? null : Number(c),
        brokenPromises: 0,
        disputes: 0,
        openDisputes: 0,
      }
      out.set(k, e)
    }
    return e
  }
  for (const r of promises) entry(r.debtorId, r.clientId).brokenPromises = Number(r.n)
  for (const r of disputes) {
    const e = entry(r.debtorId, r.clientId)
    e.disputes = Number(r.n)
    e.openDisputes = Number(r.open ?? 0)
  }
  return [...out.values()]
}

/** A page of the tenant's debtor ids after `afterId`, in the actor's clients (keyset on id). */
export async function debtorIdPage(
  db: Db,
  tenantId: number,
  afterId: number,
  size: number,
  clientIds: readonly number[] | undefined,
): Promise<{ id: number; externalId: string; name: string }[]> {
  if (clientIds?.length === 0) return []
  const rows = await db
    .selectFrom('debtors as d')
    .select(['d.id', 'd.external_id as externalId', 'd.name'])
    .where('d.tenant_id', '=', tenantId)
    .where('d.id', '>', afterId)
    .$if(clientIds !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('accounts as a')
            .select('a.id')
            .whereRef('a.debtor_id', '=', 'd.id')
            .where('a.client_id', 'in', clientIds as number[]),
        ),
      ),
    )
    .orderBy('d.id')
    .limit(size)
    .execute()
  return rows.map((r) => ({ id: Number(r.id), externalId: r.externalId, name: r.name }))
}

/** The distinct clients (null: none) the debtor's accounts are held for. */
export async function debtorClientIds(
  db: Db,
  tenantId: number,
  debtorId: number,
): Promise<(number | null)[]> {
  const rows = await db
    .selectFrom('accounts')
    .select('client_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('debtor_id', '=', debtorId)
    .execute()
  return rows.map((r) => (r.client_id === null ? null : Number(r.client_id)))
}
