import { type Kysely, sql } from 'kysely'
import type { AccountSnapshot } from '../../core/engine/account-snapshot.ts'
import { dialectOf } from '../dialect.ts'
import type { Database } from '../schema.ts'

/** The id range of one batch of a tenant's accounts, both ends inclusive. */
export interface AccountRange {
  tenantId: number
  firstAccountId: number
  lastAccountId: number
}

const parseJson = (text: string | null): Record<string, unknown> =>
  text ? (JSON.parse(text) as Record<string, unknown>) : {}

/**
 * Loads the snapshots of every open account in `range` with one query per table (twelve in all, however
 * many accounts): balances are summed as of `asOf`, so a re-run for a past day sees that day's ledger.
 * Child rows are fetched by the batch's id range or its debtors, never account by account.
 * `includeClosed` also loads paid and closed accounts (a replay of history needs them: they were open once).
 */
export async function loadAccountSnapshots(
  db: Kysely<Database>,
  range: AccountRange,
  asOf: string,
  options: { includeClosed?: boolean; accountIds?: readonly number[] } = {},
): Promise<AccountSnapshot[]> {
  const { tenantId, firstAccountId: first, lastAccountId: last } = range
  // `tenant_id + 0` keeps the planner on the primary-key range: compared bare, SQLite prefers the
  // (tenant_id, ...) index and scans every account of the tenant for each batch (quadratic over a run).
  const sameTenant = (column: string) => sql<boolean>`${sql.ref(column)} + 0 = ${tenantId}`
  // The day's work only (docs/daily-run.md): the accounts the batch locked as due, and their child rows
  // by those ids, so a sparse batch reads what it decides and not the whole id range. The ids travel
  // as ONE parameter (a JSON array on SQLite, an array on PostgreSQL): no bound-parameter limit.
  const ids = options.accountIds
  if (ids !== undefined && ids.length === 0) return []
  const listed = ids === undefined ? null : idList(db, ids)
  const ofAccounts = (table: ChildTable) =>
    listed === null
      ? sql<boolean>`${sql.ref(`${table}.tenant_id`)} = ${tenantId} and ${sql.ref(`${table}.account_id`)} between ${first} and ${last}`
      : sql<boolean>`${sql.ref(`${table}.tenant_id`)} = ${tenantId} and ${sql.ref(`${table}.account_id`)} in ${listed}`
  const debtorIds = db
    .selectFrom('accounts')
    .select('debtor_id')
    .where(sameTenant('accounts.tenant_id'))
    .$if(listed === null, (qb) => qb.where('id', '>=', first).where('id', '<=', last))
    .$if(listed !== null, (qb) => qb.where(sql<boolean>`id in ${listed}`))

  // Started first so they run alongside the others; awaited after them.
  const moneyRows = loadPlansAndPauses(db, ofAccounts, asOf)
  // Awaited below; this only keeps a failure while the others are awaited from being reported unhandled.
  moneyRows.catch(() => undefined)
  const [accounts, balances, points, addresses, states, events, restrictions, disputes, promises, scores] =
    await Promise.all([
      db
        .selectFrom('accounts as a')
        .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
        .leftJoin('clients as c', 'c.id', 'a.client_id')
        .select([
          'a.id',
          'a.external_id',
          'a.debtor_id',
          'd.external_id as debtor_external_id',
          'd.kind as debtor_kind',
          'd.stated_time_zone',
          'c.external_id as client_external_id',
          'a.debt_kind',
          'a.jurisdiction',
          'a.currency',
          'a.due_on',
          'a.charge_off_on',
          'a.attributes',
        ])
        .where(sameTenant('a.tenant_id'))
        .$if(listed === null, (qb) => qb.where('a.id', '>=', first).where('a.id', '<=', last))
        .$if(listed !== null, (qb) => qb.where(sql<boolean>`a.id in ${listed}`))
        .$if(options.includeClosed !== true, (qb) => qb.where('a.status', '=', 'open'))
        .orderBy('a.id')
        .execute(),
      // One pass over the batch's ledger: the figures as of the day, and the first line dated after it
      // (rare: the day the balance changes without an event, for the decision schedule).
      db
        .selectFrom('ledger_entries')
        .select([
          'account_id',
          sql<number>`sum(case when effective_on <= ${asOf} then amount_minor else 0 end)`.as('balance'),
          sql<number>`sum(case when kind = 'charge' and effective_on <= ${asOf} then amount_minor else 0 end)`.as(
            'original',
          ),
          // A bounced (reversed) payment or an overpayment's credit line is no part payment: it must not
          // restart the limitation period.
          sql<
            string | null
          >`max(case when kind = 'payment' and component <> 'credit' and effective_on <= ${asOf}
          and not exists (select 1 from ledger_entries r where r.reverses_id = ledger_entries.id)
          then effective_on end)`.as('last_payment'),
          sql<string | null>`min(case when effective_on > ${asOf} then effective_on end)`.as('next_on'),
        ])
        .where(ofAccounts('ledger_entries'))
        .groupBy('account_id')
        .execute(),
      db.selectFrom('contact_points').selectAll().where('debtor_id', 'in', debtorIds).orderBy('id').execute(),
      db
        .selectFrom('debtor_addresses')
        .select(['debtor_id', 'time_zone', 'is_primary'])
        .where('debtor_id', 'in', debtorIds)
        .orderBy('is_primary', 'desc')
        .orderBy('id')
        .execute(),
      db.selectFrom('strategy_states').selectAll().where(ofAccounts('strategy_states')).execute(),
      db
        .selectFrom('contact_events')
        .selectAll()
        .where(ofAccounts('contact_events'))
        .orderBy('occurred_at')
        .execute(),
      db
        .selectFrom('debtor_restrictions')
        .selectAll()
        .where('debtor_id', 'in', debtorIds)
        .where('ended_at', 'is', null)
        .execute(),
      db.selectFrom('disputes').selectAll().where(ofAccounts('disputes')).execute(),
      db.selectFrom('promises').selectAll().where(ofAccounts('promises')).orderBy('id').execute(),
      db
        .selectFrom('account_scores')
        .select(['account_id', 'score', 'band', 'reason_codes'])
        .where(ofAccounts('account_scores'))
        .execute(),
    ])

  const byAccount = new Map<number, AccountSnapshot>()
  const byDebtor = new Map<number, AccountSnapshot[]>()
  for (const a of accounts) {
    const snapshot: AccountSnapshot = {
      accountId: a.id,
      externalId: a.external_id,
      debtorId: a.debtor_id,
      debtorExternalId: a.debtor_external_id,
      debtorKind: a.debtor_kind,
      clientExternalId: a.client_external_id ?? '',
      debtKind: a.debt_kind,
      jurisdiction: a.jurisdiction,
      currency: a.currency,
      dueOn: a.due_on,
      chargeOffOn: a.charge_off_on,
      attributes: parseJson(a.attributes),
      balanceMinor: 0,
      originalMinor: 0,
      lastPaymentOn: null,
      addressZones: [],
      statedTimeZone: a.stated_time_zone,
      contactPoints: [],
      restrictions: [],
      contactEvents: [],
      disputes: [],
      promises: [],
      plans: [],
      hardshipPauses: [],
      state: null,
    }
    byAccount.set(a.id, snapshot)
    const siblings = byDebtor.get(a.debtor_id)
    if (siblings) siblings.push(snapshot)
    else byDebtor.set(a.debtor_id, [snapshot])
  }
  const eachOfDebtor = (debtorId: number, apply: (s: AccountSnapshot) => void) => {
    for (const s of byDebtor.get(debtorId) ?? []) apply(s)
  }
  for (const b of balances) {
    const s = byAccount.get(b.account_id)
    if (!s) continue
    s.balanceMinor = Number(b.balance)
    s.originalMinor = Number(b.original)
    s.lastPaymentOn = b.last_payment
    s.nextLedgerOn = b.next_on
  }
  for (const p of points) {
    const point = {
      id: p.id,
      kind: p.kind,
      value: p.value,
      phoneType: p.phone_type,
      consent: p.consent,
      consentAt: p.consent_at,
      optedOutAt: p.opted_out_at,
      timeZone: p.time_zone,
      undeliverableAt: p.undeliverable_at,
    }
    eachOfDebtor(p.debtor_id, (s) => s.contactPoints.push(point))
  }
  for (const a of addresses) {
    if (a.time_zone) eachOfDebtor(a.debtor_id, (s) => s.addressZones.push(a.time_zone as string))
  }
  for (const r of restrictions) {
    const restriction = { kind: r.kind, details: parseJson(r.details), effectiveAt: r.effective_at }
    eachOfDebtor(r.debtor_id, (s) => s.restrictions.push(restriction))
  }
  for (const st of states) {
    const s = byAccount.get(st.account_id)
    if (s)
      s.state = {
        playbookId: st.playbook_id,
        playbookVersion: st.playbook_version,
        variant: st.variant,
        stage: st.stage,
        stageEnteredOn: st.stage_entered_on,
        nextStep: st.next_step,
      }
  }
  for (const e of events) {
    byAccount.get(e.account_id)?.contactEvents.push({
      contactPointId: e.contact_point_id,
      channel: e.channel,
      direction: e.direction,
      result: e.result,
      occurredAt: e.occurred_at,
    })
  }
  for (const d of disputes) {
    byAccount.get(d.account_id)?.disputes.push({
      receivedAt: d.received_at,
      written: d.written === 1,
      amountMinor: d.amount_minor,
      verificationSentAt: d.verification_sent_at,
      resolvedAt: d.resolved_at,
      resolution: d.resolution,
    })
  }
  for (const p of promises) {
    byAccount
      .get(p.account_id)
      ?.promises.push({ amountMinor: p.amount_minor, dueOn: p.due_on, state: p.state })
  }
  for (const r of scores) {
    const s = byAccount.get(r.account_id)
    if (s) s.score = { score: r.score, band: r.band, reasonCodes: JSON.parse(r.reason_codes) as string[] }
  }
  const [plans, pauses] = await moneyRows
  for (const p of plans) {
    const state = p.status as 'active' | 'completed' | 'broken'
    byAccount.get(p.account_id)?.plans.push({ state, createdOn: p.created_on })
  }
  for (const h of pauses) {
    byAccount.get(h.account_id)?.hardshipPauses.push({ reason: h.reason, from: h.from_on, to: h.to_on })
  }
  return [...byAccount.values()]
}

/** The tables read by account: filtered by the batch's id range, or by its due accounts' ids. */
type ChildTable =
  | 'ledger_entries'
  | 'strategy_states'
  | 'contact_events'
  | 'disputes'
  | 'promises'
  | 'account_scores'
  | 'payment_plans'
  | 'hardship_pauses'

/** `(id, ...)` as one bound value: a JSON array read by json_each on SQLite, an array on PostgreSQL. */
function idList(db: Kysely<Database>, ids: readonly number[]) {
  return dialectOf(db as unknown as Kysely<unknown>) === 'postgres'
    ? sql`(select unnest(${[...ids]}::bigint[]))`
    : sql`(select value from json_each(${JSON.stringify(ids)}))`
}

/** The accounts' payment plans (not cancelled) and the hardship pauses not over by `asOf`, oldest first. */
function loadPlansAndPauses(
  db: Kysely<Database>,
  ofAccounts: (table: ChildTable) => ReturnType<typeof sql<boolean>>,
  asOf: string,
) {
  return Promise.all([
    db
      .selectFrom('payment_plans')
      .select(['account_id', 'status', 'created_on'])
      .where(ofAccounts('payment_plans'))
      .where('status', '!=', 'cancelled')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('hardship_pauses')
      .select(['account_id', 'reason', 'from_on', 'to_on'])
      .where(ofAccounts('hardship_pauses'))
      .where('to_on', '>=', asOf)
      .orderBy('id')
      .execute(),
  ])
}
