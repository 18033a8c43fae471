import { type Kysely, sql, type Transaction } from 'kysely'
import type { SaleFileInput } from '../../core/sales/sale-file.ts'
import { accountFileFacts } from '../placements/placement-file.repository.ts'
import type { AccountStatus, Database, DebtKind, SaleAccountTable, SaleTable } from '../schema.ts'

/** The checked selection filter (docs/debt-sale.md, "Selecting"); every field narrows. */
export interface SaleSelection {
  readonly clientId?: number
  readonly debtKind?: DebtKind
  readonly currency?: string
  readonly chargeOffFrom?: string
  readonly chargeOffTo?: string
  readonly minBalanceMinor?: number
  readonly maxBalanceMinor?: number
  readonly status: AccountStatus
  readonly accountIds?: readonly number[]
}

/** An account the filter selects, with what its valuation reads. */
export interface SaleCandidate {
  readonly accountId: number
  readonly externalId: string
  readonly currency: string
  readonly dueOn: string
  readonly chargeOffOn: string | null
  readonly balanceMinor: number
  /** The current pay_30 score's bad-outcome probability (ppm), or null when unscored. */
  readonly badPpm: number | null
}

const balanceOf = sql<number>`(select coalesce(sum(l.amount_minor), 0) from ledger_entries l where l.account_id = a.id)`

/**
 * The tenant's accounts the filter selects that can be sold: owing something (balance > 0), not placed
 * with a partner, not held by a legal case, not sold already; with their current pay_30 score where one exists. Id order.
 */
export async function saleCandidates(
  db: Kysely<Database>,
  tenantId: number,
  f: SaleSelection,
): Promise<SaleCandidate[]> {
  const query = db
    .selectFrom('accounts as a')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('account_scores as s')
          .innerJoin('score_models as m', 'm.id', 's.model_id')
          .select(['s.account_id', 's.bad_ppm'])
          .where('s.tenant_id', '=', tenantId)
          .where('m.target', '=', 'pay_30')
          .as('sc'),
      (join) => join.onRef('sc.account_id', '=', 'a.id'),
    )
    .select(['a.id', 'a.external_id', 'a.currency', 'a.due_on', 'a.charge_off_on', 'sc.bad_ppm'])
    .select(balanceOf.as('balance'))
    .where('a.tenant_id', '=', tenantId)
    .where('a.status', '=', f.status)
    .$if(f.clientId !== undefined, (q) => q.where('a.client_id', '=', f.clientId ?? 0))
    .$if(f.debtKind !== undefined, (q) => q.where('a.debt_kind', '=', f.debtKind ?? 'consumer'))
    .$if(f.currency !== undefined, (q) => q.where('a.currency', '=', f.currency ?? ''))
    .$if(f.chargeOffFrom !== undefined, (q) => q.where('a.charge_off_on', '>=', f.chargeOffFrom ?? ''))
    .$if(f.chargeOffTo !== undefined, (q) => q.where('a.charge_off_on', '<=', f.chargeOffTo ?? ''))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('placements as p')
            .select('p.id')
            .whereRef('p.account_id', '=', 'a.id')
            .where('p.status', '=', 'active'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('sale_accounts as x')
            .select('x.id')
            .whereRef('x.account_id', '=', 'a.id')
            .where('x.status', '=', 'sold'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('legal_case_accounts as c')
            .select('c.id')
            .whereRef('c.account_id', '=', 'a.id')
            .where('c.held', '=', 1),
        ),
      ),
    )
    .orderBy('a.id')
  // An account list is read in chunks (parameter limits); no list means the filter alone.
  const chunks =
    f.accountIds === undefined
      ? [undefined]
      : Array.from({ length: Math.ceil(f.accountIds.length / 500) }, (_, i) =>
          (f.accountIds ?? []).slice(i * 500, i * 500 + 500),
        )
  const rows = []
  for (const chunk of chunks)
    rows.push(...(await (chunk === undefined ? query : query.where('a.id', 'in', chunk)).execute()))
  rows.sort((a, b) => Number(a.id) - Number(b.id))
  return rows
    .map((r) => ({
      accountId: Number(r.id),
      externalId: r.external_id,
      currency: r.currency,
      dueOn: String(r.due_on),
      chargeOffOn: r.charge_off_on === null ? null : String(r.charge_off_on),
      balanceMinor: Number(r.balance),
      badPpm: r.bad_ppm === null || r.bad_ppm === undefined ? null : Number(r.bad_ppm),
    }))
    .filter(
      (c) =>
        c.balanceMinor > 0 &&
        (f.minBalanceMinor === undefined || c.balanceMinor >= f.minBalanceMinor) &&
        (f.maxBalanceMinor === undefined || c.balanceMinor <= f.maxBalanceMinor),
    )
}

/** The ids of the tenant's accounts with these external ids (those that exist). */
export async function accountIdsByExternalIds(
  db: Kysely<Database>,
  tenantId: number,
  externalIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (let i = 0; i < externalIds.length; i += 500) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('tenant_id', '=', tenantId)
      .where('external_id', 'in', externalIds.slice(i, i + 500))
      .execute()
    for (const r of rows) out.set(r.external_id, Number(r.id))
  }
  return out
}

/** The id of the tenant's client with this external id, if any. */
export async function clientIdOf(db: Kysely<Database>, tenantId: number, externalId: string) {
  const row = await db
    .selectFrom('clients')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
    .executeTakeFirst()
  return row ? Number(row.id) : undefined
}

export type SaleRow = Omit<SaleTable, 'id' | 'created_at'> & { id: number; created_at: string }
export type NewSale = Omit<SaleTable, 'id' | 'created_at'>
export type SaleAccountFigures = Pick<
  SaleAccountTable,
  | 'account_id'
  | 'balance_minor'
  | 'basis'
  | 'payment_ppm'
  | 'recovery_rate'
  | 'expected_minor'
  | 'price_minor'
>

/** Inserts a draft sale with its accounts; returns its id. */
export async function insertSale(
  trx: Transaction<Database>,
  sale: NewSale,
  accounts: readonly SaleAccountFigures[],
): Promise<number> {
  const { id } = await trx.insertInto('sales').values(sale).returning('id').executeTakeFirstOrThrow()
  const saleId = Number(id)
  for (let i = 0; i < accounts.length; i += 200) {
    await trx
      .insertInto('sale_accounts')
      .values(
        accounts.slice(i, i + 200).map((a) => ({
          ...a,
          tenant_id: sale.tenant_id,
          sale_id: saleId,
          status: 'selected' as const,
        })),
      )
      .execute()
  }
  return saleId
}

/** Rewrites a draft's valuation: the sale's terms and totals and each account's figures. */
export async function updateSaleValuation(
  trx: Transaction<Database>,
  tenantId: number,
  saleId: number,
  sale: Pick<
    SaleTable,
    'price_percent' | 'recovery_fraction' | 'valued_on' | 'balance_minor' | 'expected_minor' | 'price_minor'
  >,
  accounts: readonly SaleAccountFigures[],
): Promise<void> {
  await trx
    .updateTable('sales')
    .set(sale)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', saleId)
    .execute()
  for (const a of accounts) {
    const { account_id, ...figures } = a
    await trx
      .updateTable('sale_accounts')
      .set(figures)
      .where('sale_id', '=', saleId)
      .where('account_id', '=', account_id)
      .execute()
  }
}

/** The tenant's sale with this id. */
export async function saleById(
  db: Kysely<Database>,
  tenantId: number,
  saleId: number,
): Promise<SaleRow | undefined> {
  const row = await db
    .selectFrom('sales')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', saleId)
    .executeTakeFirst()
  return row ? normalizeSale(row) : undefined
}

/** The tenant's sales, newest first, optionally of one status. */
export async function listSaleRows(db: Kysely<Database>, tenantId: number, status?: string) {
  const rows = await db
    .selectFrom('sales')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .$if(status !== undefined, (q) => q.where('status', '=', (status ?? 'draft') as SaleTable['status']))
    .orderBy('id', 'desc')
    .execute()
  return rows.map(normalizeSale)
}

function normalizeSale(row: Record<string, unknown>): SaleRow {
  const r = row as unknown as SaleRow
  const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10))
  return {
    ...r,
    id: Number(r.id),
    tenant_id: Number(r.tenant_id),
    buyback_days: Number(r.buyback_days),
    balance_minor: Number(r.balance_minor),
    expected_minor: Number(r.expected_minor),
    price_minor: Number(r.price_minor),
    valued_on: String(day(r.valued_on)),
    closed_on: day(r.closed_on),
    created_at: String(r.created_at),
    cancelled_at: r.cancelled_at === null ? null : String(r.cancelled_at),
  }
}

/** One account of a sale as views and files show it. */
export interface SaleAccountRow {
  readonly accountId: number
  readonly externalId: string
  readonly debtorName: string
  readonly status: SaleAccountTable['status']
  readonly balanceMinor: number
  readonly basis: 'score' | 'age'
  readonly paymentPpm: number | null
  readonly recoveryRate: string
  readonly expectedMinor: number
  readonly priceMinor: number
  readonly soldOn: string | null
  readonly boughtBackOn: string | null
  readonly buybackReason: string | null
}

/** The accounts of a sale, in account id order. */
export async function saleAccountsOf(
  db: Kysely<Database>,
  tenantId: number,
  saleId: number,
): Promise<SaleAccountRow[]> {
  const rows = await db
    .selectFrom('sale_accounts as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .select([
      's.account_id',
      'a.external_id',
      'd.name',
      's.status',
      's.balance_minor',
      's.basis',
      's.payment_ppm',
      's.recovery_rate',
      's.expected_minor',
      's.price_minor',
      's.sold_on',
      's.bought_back_on',
      's.buyback_reason',
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.sale_id', '=', saleId)
    .orderBy('s.account_id')
    .execute()
  const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10))
  return rows.map((r) => ({
    accountId: Number(r.account_id),
    externalId: r.external_id,
    debtorName: r.name,
    status: r.status,
    balanceMinor: Number(r.balance_minor),
    basis: r.basis,
    paymentPpm: r.payment_ppm === null ? null : Number(r.payment_ppm),
    recoveryRate: r.recovery_rate,
    expectedMinor: Number(r.expected_minor),
    priceMinor: Number(r.price_minor),
    soldOn: day(r.sold_on),
    boughtBackOn: day(r.bought_back_on),
    buybackReason: r.buyback_reason,
  }))
}

/** Marks the sale closed (only a draft); false when it was not a draft any more. */
export async function closeSaleRow(
  trx: Transaction<Database>,
  tenantId: number,
  saleId: number,
  on: string,
  by: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('sales')
    .set({ status: 'closed', closed_on: on, closed_by: by })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', saleId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Cancels a draft with a reason; false when it was not a draft any more. */
export async function cancelSaleRow(
  trx: Transaction<Database>,
  tenantId: number,
  saleId: number,
  reason: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('sales')
    .set({ status: 'cancelled', cancelled_at: new Date().toISOString(), cancel_reason: reason })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', saleId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/**
 * The account's sale link becomes `sold` on `on`; undefined when another sale holds the account
 * (the unique partial index decides, so two closings racing for it sell it once).
 */
export async function markAccountSold(
  trx: Transaction<Database>,
  saleId: number,
  accountId: number,
  on: string,
): Promise<boolean> {
  const taken = await trx
    .selectFrom('sale_accounts')
    .select('sale_id')
    .where('account_id', '=', accountId)
    .where('status', '=', 'sold')
    .executeTakeFirst()
  if (taken) return false
  await trx
    .updateTable('sale_accounts')
    .set({ status: 'sold', sold_on: on })
    .where('sale_id', '=', saleId)
    .where('account_id', '=', accountId)
    .execute()
  return true
}

/** A sold account goes back: its link becomes `bought_back`; false when it was not sold in this sale. */
export async function markBoughtBack(
  trx: Transaction<Database>,
  saleId: number,
  accountId: number,
  on: string,
  reason: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('sale_accounts')
    .set({ status: 'bought_back', bought_back_on: on, buyback_reason: reason })
    .where('sale_id', '=', saleId)
    .where('account_id', '=', accountId)
    .where('status', '=', 'sold')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** The ledger lines a sale's closing wrote on an account (external ids `sale:<id>#component`). */
export async function closingLinesOf(
  trx: Transaction<Database>,
  tenantId: number,
  saleId: number,
  accountId: number,
) {
  const rows = await trx
    .selectFrom('ledger_entries')
    .select(['id', 'component', 'amount_minor'])
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('external_id', 'like', `sale:${saleId}#%`)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ id: Number(r.id), component: r.component, amountMinor: Number(r.amount_minor) }))
}

/** Opens again an account a sale closed (status `closed`): the buy-back. */
export async function reopenSoldAccount(trx: Transaction<Database>, tenantId: number, accountId: number) {
  await trx
    .updateTable('accounts')
    .set({ status: 'open', closed_on: null, close_reason: null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', accountId)
    .where('status', '=', 'closed')
    .execute()
}

/** Which of these accounts a buyer owns now: the sale and buyer of each sold one. */
export async function soldAccountsAmong(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
): Promise<Map<number, { saleId: number; buyer: string }>> {
  const out = new Map<number, { saleId: number; buyer: string }>()
  for (let i = 0; i < accountIds.length; i += 500) {
    const rows = await trx
      .selectFrom('sale_accounts as x')
      .innerJoin('sales as s', 's.id', 'x.sale_id')
      .select(['x.account_id', 'x.sale_id', 's.buyer'])
      .where('x.tenant_id', '=', tenantId)
      .where('x.account_id', 'in', accountIds.slice(i, i + 500))
      .where('x.status', '=', 'sold')
      .execute()
    for (const r of rows) out.set(Number(r.account_id), { saleId: Number(r.sale_id), buyer: r.buyer })
  }
  return out
}

/** A payment received for a sold account, to forward to its buyer. */
export interface NewForwardedPayment {
  readonly tenant_id: number
  readonly sale_id: number
  readonly account_id: number
  readonly amount_minor: number
  readonly currency: string
  readonly received_on: string
  readonly source: string
  readonly external_id: string
  readonly recorded_by: string
}

/** Records forwarded payments; a reference recorded before is skipped. Returns the new ids by reference. */
export async function insertForwardedPayments(
  trx: Transaction<Database>,
  rows: readonly NewForwardedPayment[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const row of rows) {
    const inserted = await trx
      .insertInto('forwarded_payments')
      .values(row)
      .onConflict((oc) => oc.columns(['tenant_id', 'external_id']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (inserted) out.set(row.external_id, Number(inserted.id))
  }
  return out
}

/** The forwarded payments recorded under these references, by reference (chunked: parameter limits). */
export async function forwardedByReference(
  trx: Transaction<Database>,
  tenantId: number,
  references: readonly string[],
): Promise<Map<string, ForwardedPayment>> {
  const out = new Map<string, ForwardedPayment>()
  const unique = [...new Set(references)]
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await trx
      .selectFrom('forwarded_payments')
      .select(['external_id', 'account_id', 'amount_minor', 'currency', 'received_on'])
      .where('tenant_id', '=', tenantId)
      .where('external_id', 'in', unique.slice(i, i + 500))
      .execute()
    for (const r of rows)
      out.set(r.external_id, {
        accountId: Number(r.account_id),
        amountMinor: Number(r.amount_minor),
        currency: r.currency,
        receivedOn: String(r.received_on).slice(0, 10),
      })
  }
  return out
}

/** What a forwarded payment was recorded with: the facts a replay must repeat to be one. */
export interface ForwardedPayment {
  readonly accountId: number
  readonly amountMinor: number
  readonly currency: string
  readonly receivedOn: string
}

/**
 * Why each of these accounts may not be sold now: an active placement with a partner, or a legal case
 * holding it (`held = 1`). Accounts free of both are absent.
 */
export async function saleBlockersAmong(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  for (let i = 0; i < accountIds.length; i += 500) {
    const chunk = accountIds.slice(i, i + 500)
    const cases = await trx
      .selectFrom('legal_case_accounts')
      .select(['account_id', 'case_id'])
      .where('tenant_id', '=', tenantId)
      .where('account_id', 'in', chunk)
      .where('held', '=', 1)
      .execute()
    for (const c of cases) out.set(Number(c.account_id), `is held by legal case ${c.case_id}`)
    const placed = await trx
      .selectFrom('placements as p')
      .innerJoin('partners as r', 'r.id', 'p.partner_id')
      .select(['p.account_id', 'r.code'])
      .where('p.tenant_id', '=', tenantId)
      .where('p.account_id', 'in', chunk)
      .where('p.status', '=', 'active')
      .execute()
    for (const p of placed) out.set(Number(p.account_id), `is placed with ${p.code}`)
  }
  return out
}

/**
 * Which of these accounts a sale holds: selected in a draft sale, or sold. Placing the account or
 * bringing a case on it is refused meanwhile (docs/debt-sale.md).
 */
export async function saleHoldsAmong(
  db: Kysely<Database>,
  tenantId: number,
  accountIds: readonly number[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  for (let i = 0; i < accountIds.length; i += 500) {
    const rows = await db
      .selectFrom('sale_accounts as x')
      .innerJoin('sales as s', 's.id', 'x.sale_id')
      .select(['x.account_id', 'x.sale_id', 'x.status', 's.buyer'])
      .where('x.tenant_id', '=', tenantId)
      .where('x.account_id', 'in', accountIds.slice(i, i + 500))
      .where((eb) =>
        eb.or([
          eb('x.status', '=', 'sold'),
          eb.and([eb('x.status', '=', 'selected'), eb('s.status', '=', 'draft')]),
        ]),
      )
      .execute()
    for (const r of rows)
      out.set(
        Number(r.account_id),
        r.status === 'sold'
          ? `is sold to ${r.buyer} (sale ${r.sale_id})`
          : `is in draft sale ${r.sale_id} to ${r.buyer}`,
      )
  }
  return out
}

/** The payments forwarded to a sale's buyer for one account, oldest first (what a buy-back books). */
export async function forwardedPaymentsOfAccount(
  trx: Transaction<Database>,
  tenantId: number,
  saleId: number,
  accountId: number,
) {
  const rows = await trx
    .selectFrom('forwarded_payments')
    .select(['id', 'amount_minor', 'currency', 'received_on', 'source', 'external_id'])
    .where('tenant_id', '=', tenantId)
    .where('sale_id', '=', saleId)
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    receivedOn: String(r.received_on).slice(0, 10),
    source: r.source,
    reference: r.external_id,
  }))
}

/** A sale's forwarded payments, oldest first. */
export async function forwardedPaymentsOf(db: Kysely<Database>, tenantId: number, saleId: number) {
  const rows = await db
    .selectFrom('forwarded_payments as f')
    .innerJoin('accounts as a', 'a.id', 'f.account_id')
    .select([
      'f.id',
      'a.external_id',
      'f.amount_minor',
      'f.currency',
      'f.received_on',
      'f.external_id as reference',
    ])
    .where('f.tenant_id', '=', tenantId)
    .where('f.sale_id', '=', saleId)
    .orderBy('f.id')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    account: r.external_id,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    receivedOn: String(r.received_on).slice(0, 10),
    reference: r.reference,
  }))
}

/** A sale file row's facts before the sale's own fields and the limitation date are added. */
export type SaleFileAccount = Omit<SaleFileInput, 'saleId' | 'buyer' | 'limitationEndsOn'> & {
  readonly accountId: number
}

/**
 * The sale file's inputs for a sale's accounts (all of them while a draft; those sold or bought back
 * once closed), by the shared reads of accountFileFacts. `at` judges restrictions and opt-outs.
 */
export async function saleFileAccounts(
  db: Kysely<Database>,
  tenantId: number,
  saleId: number,
  at: string,
): Promise<SaleFileAccount[]> {
  const rows = await db
    .selectFrom('sale_accounts as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .select([
      's.account_id',
      's.basis',
      's.recovery_rate',
      's.expected_minor',
      's.price_minor',
      'a.debtor_id',
      'a.external_id',
      'a.original_creditor',
      'a.current_creditor',
      'a.debt_kind',
      'a.currency',
      'a.opened_on',
      'a.due_on',
      'a.charge_off_on',
      'a.attributes',
      'd.external_id as debtor',
      'd.name as debtor_name',
      'd.kind as debtor_kind',
      'd.date_of_birth',
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.sale_id', '=', saleId)
    .orderBy('s.account_id')
    .execute()
  if (rows.length === 0) return []
  const facts = await accountFileFacts(
    db,
    rows.map((r) => ({ accountId: Number(r.account_id), debtorId: Number(r.debtor_id) })),
    at,
  )
  const day = (v: unknown) => String(v).slice(0, 10)
  return rows.map((r) => {
    const f = facts.get(Number(r.account_id))
    if (!f) throw new Error(`account ${r.account_id}: no file facts`)
    return {
      accountId: Number(r.account_id),
      account: {
        externalId: r.external_id,
        originalCreditor: r.original_creditor,
        currentCreditor: r.current_creditor,
        debtKind: r.debt_kind,
        currency: r.currency,
        openedOn: day(r.opened_on),
        dueOn: day(r.due_on),
        chargeOffOn: r.charge_off_on === null ? null : day(r.charge_off_on),
        attributes: r.attributes ? (JSON.parse(r.attributes) as Record<string, unknown>) : {},
      },
      debtor: {
        externalId: r.debtor,
        name: r.debtor_name,
        kind: r.debtor_kind,
        dateOfBirth: r.date_of_birth === null ? null : day(r.date_of_birth),
      },
      address: f.address,
      ledger: f.ledger,
      disputed: f.disputed,
      disputeCount: f.disputeCount,
      valuation: {
        basis: r.basis,
        recoveryRate: r.recovery_rate,
        expectedMinor: Number(r.expected_minor),
        priceMinor: Number(r.price_minor),
      },
    }
  })
}
