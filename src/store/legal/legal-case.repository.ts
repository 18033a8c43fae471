import type { Insertable, Kysely, Transaction } from 'kysely'
import type { Database, LegalCaseStatus, LegalCaseTable } from '../schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** What opening a case needs of one account: its debtor, debt, balance and imported facts. */
export interface CaseAccountFacts {
  readonly id: number
  readonly externalId: string
  readonly clientId: number | null
  readonly debtorId: number
  readonly debtor: string
  readonly debtorName: string
  readonly debtorKind: 'person' | 'business'
  readonly creditor: string
  readonly debtKind: 'consumer' | 'commercial'
  readonly jurisdiction: string
  readonly currency: string
  readonly status: string
  readonly dueOn: string
  readonly attributes: Record<string, unknown>
  readonly balanceMinor: number
}

/** The tenant's accounts with these external ids (missing ones are left out), with their balances. */
export async function caseAccountFacts(
  db: Db,
  tenantId: number,
  externalIds: readonly string[],
): Promise<CaseAccountFacts[]> {
  if (externalIds.length === 0) return []
  const rows = await db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .select([
      'a.id',
      'a.external_id',
      'a.client_id',
      'a.debtor_id',
      'd.external_id as debtor',
      'd.name as debtor_name',
      'd.kind as debtor_kind',
      'a.current_creditor',
      'a.debt_kind',
      'a.jurisdiction',
      'a.currency',
      'a.status',
      'a.due_on',
      'a.attributes',
    ])
    .select((eb) =>
      eb
        .selectFrom('ledger_entries as l')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('l.amount_minor'), e.lit(0)).as('b'))
        .whereRef('l.account_id', '=', 'a.id')
        .as('balance'),
    )
    .where('a.tenant_id', '=', tenantId)
    .where('a.external_id', 'in', [...externalIds])
    .orderBy('a.id')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    externalId: r.external_id,
    clientId: r.client_id === null ? null : Number(r.client_id),
    debtorId: Number(r.debtor_id),
    debtor: r.debtor,
    debtorName: r.debtor_name,
    debtorKind: r.debtor_kind,
    creditor: r.current_creditor,
    debtKind: r.debt_kind as 'consumer' | 'commercial',
    jurisdiction: r.jurisdiction,
    currency: r.currency,
    status: r.status,
    dueOn: String(r.due_on),
    attributes: r.attributes ? (JSON.parse(r.attributes) as Record<string, unknown>) : {},
    balanceMinor: Number(r.balance ?? 0),
  }))
}

/** The disputes of these accounts (answered or not), for the case gate. */
export async function caseDisputes(db: Db, accountIds: readonly number[]) {
  const rows = await db
    .selectFrom('disputes')
    .select(['account_id', 'received_at', 'verification_sent_at', 'resolved_at'])
    .where('account_id', 'in', [...accountIds, -1])
    .execute()
  return rows.map((r) => ({
    accountId: Number(r.account_id),
    receivedAt: String(r.received_at),
    verificationSentAt: r.verification_sent_at === null ? null : String(r.verification_sent_at),
    resolvedAt: r.resolved_at === null ? null : String(r.resolved_at),
  }))
}

/** Inserts a case; returns its id. */
export async function insertCase(
  trx: Transaction<Database>,
  row: Insertable<LegalCaseTable>,
): Promise<number> {
  const inserted = await trx.insertInto('legal_cases').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(inserted.id)
}

/**
 * Links an account to a case, holding it; false when the account is already held by another case
 * (the unique partial index of migration 0029 decides, so racing openers open one case).
 */
export async function linkCaseAccount(
  trx: Transaction<Database>,
  link: { tenantId: number; caseId: number; accountId: number },
): Promise<boolean> {
  const row = await trx
    .insertInto('legal_case_accounts')
    .values({ tenant_id: link.tenantId, case_id: link.caseId, account_id: link.accountId, held: 1 })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/** The case holding this account, if any (its id and external-facing facts). */
export async function heldCaseOf(
  db: Db,
  accountId: number,
): Promise<{ caseId: number; kind: string; status: string; filedOn: string | null } | undefined> {
  const row = await db
    .selectFrom('legal_case_accounts as l')
    .innerJoin('legal_cases as c', 'c.id', 'l.case_id')
    .select(['c.id', 'c.kind', 'c.status', 'c.filed_on'])
    .where('l.account_id', '=', accountId)
    .where('l.held', '=', 1)
    .executeTakeFirst()
  return row
    ? { caseId: Number(row.id), kind: row.kind, status: row.status, filedOn: text(row.filed_on) }
    : undefined
}

/** Whether a case on one of these accounts ended in a judgment (in enforcement, or closed after it). */
export async function accountsHaveJudgment(db: Db, accountIds: readonly number[]): Promise<boolean> {
  if (accountIds.length === 0) return false
  const row = await db
    .selectFrom('legal_case_accounts as l')
    .innerJoin('legal_cases as c', 'c.id', 'l.case_id')
    .select('c.id')
    .where('l.account_id', 'in', [...accountIds])
    .where('c.outcome', '=', 'judgment')
    .executeTakeFirst()
  return row !== undefined
}

/** Releases the case's hold on its accounts (settled, withdrawn, dismissed, closed). */
export async function releaseCaseHold(
  trx: Transaction<Database>,
  tenantId: number,
  caseId: number,
): Promise<void> {
  await trx
    .updateTable('legal_case_accounts')
    .set({ held: 0 })
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .execute()
}

/** A stored case with its counsel's code and debtor's external id. */
export interface CaseRow {
  readonly id: number
  readonly debtorId: number
  readonly debtor: string
  readonly kind: string
  readonly status: LegalCaseStatus
  readonly forum: string | null
  readonly caseNumber: string | null
  readonly parties: string
  readonly counsel: string | null
  readonly currency: string
  readonly principalMinor: number
  readonly interestMinor: number
  readonly costsMinor: number
  readonly claimMinor: number
  readonly courtFeeMinor: number
  readonly counselFeeMinor: number
  readonly costsRecoverable: boolean
  readonly filedOn: string | null
  readonly facts: string
  readonly economics: string
  readonly openedBy: string
  readonly outcome: string | null
  readonly outcomeOn: string | null
  readonly judgmentMinor: number | null
  readonly settlementMinor: number | null
  readonly postJudgmentRate: string | null
  readonly outcomeNote: string | null
  readonly closedOn: string | null
  readonly closedBy: string | null
  readonly createdAt: string
}

function caseQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('legal_cases as c')
    .innerJoin('debtors as d', 'd.id', 'c.debtor_id')
    .leftJoin('partners as p', 'p.id', 'c.counsel_partner_id')
    .select([
      'c.id',
      'c.debtor_id as debtorId',
      'd.external_id as debtor',
      'c.kind',
      'c.status',
      'c.forum',
      'c.case_number as caseNumber',
      'c.parties',
      'p.code as counsel',
      'c.currency',
      'c.principal_minor as principalMinor',
      'c.interest_minor as interestMinor',
      'c.costs_minor as costsMinor',
      'c.claim_minor as claimMinor',
      'c.court_fee_minor as courtFeeMinor',
      'c.counsel_fee_minor as counselFeeMinor',
      'c.costs_recoverable as costsRecoverable',
      'c.filed_on as filedOn',
      'c.facts',
      'c.economics',
      'c.opened_by as openedBy',
      'c.outcome',
      'c.outcome_on as outcomeOn',
      'c.judgment_minor as judgmentMinor',
      'c.settlement_minor as settlementMinor',
      'c.post_judgment_rate as postJudgmentRate',
      'c.outcome_note as outcomeNote',
      'c.closed_on as closedOn',
      'c.closed_by as closedBy',
      'c.created_at as createdAt',
    ])
    .where('c.tenant_id', '=', tenantId)
}

const toIso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v))
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const text = (v: unknown) => (v === null || v === undefined ? null : String(v))

function normalise(r: Record<string, unknown>): CaseRow {
  return {
    ...(r as unknown as CaseRow),
    id: Number(r.id),
    debtorId: Number(r.debtorId),
    principalMinor: Number(r.principalMinor),
    interestMinor: Number(r.interestMinor),
    costsMinor: Number(r.costsMinor),
    claimMinor: Number(r.claimMinor),
    courtFeeMinor: Number(r.courtFeeMinor),
    counselFeeMinor: Number(r.counselFeeMinor),
    costsRecoverable: Number(r.costsRecoverable) === 1,
    filedOn: text(r.filedOn),
    outcomeOn: text(r.outcomeOn),
    judgmentMinor: num(r.judgmentMinor),
    settlementMinor: num(r.settlementMinor),
    closedOn: text(r.closedOn),
    createdAt: r.createdAt instanceof Date ? r.createdAt.toISOString() : String(r.createdAt),
  }
}

/** One case of the tenant, if any. */
export async function caseRowById(db: Db, tenantId: number, id: number): Promise<CaseRow | undefined> {
  const row = await caseQuery(db, tenantId).where('c.id', '=', id).executeTakeFirst()
  return row ? normalise(row) : undefined
}

/** The tenant's cases, newest first, optionally of one status or only those all of whose accounts are of some clients. */
export async function listCaseRows(
  db: Db,
  tenantId: number,
  filter: { status?: LegalCaseStatus; clientIds?: readonly number[]; limit?: number } = {},
): Promise<CaseRow[]> {
  let query = caseQuery(db, tenantId).orderBy('c.id', 'desc')
  if (filter.status) query = query.where('c.status', '=', filter.status)
  // A case is in a client scope when every one of its accounts is (as showing it requires): no account
  // of the case is of another client or of none.
  if (filter.clientIds) {
    const clientIds = [...filter.clientIds, -1]
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('legal_case_accounts as l')
            .innerJoin('accounts as a', 'a.id', 'l.account_id')
            .select('l.case_id')
            .whereRef('l.case_id', '=', 'c.id')
            .where((w) => w.or([w('a.client_id', 'is', null), w('a.client_id', 'not in', clientIds)])),
        ),
      ),
    )
  }
  if (filter.limit) query = query.limit(filter.limit)
  return (await query.execute()).map(normalise)
}

/** The ids of the case's posted cost lines (`case:<id>:court-fee`, `:counsel-fee`) not yet reversed, in id order. */
export async function unreversedCaseCostEntries(db: Db, tenantId: number, caseId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('ledger_entries as e')
    .select('e.id')
    .where('e.tenant_id', '=', tenantId)
    .where('e.external_id', 'in', [`case:${caseId}:court-fee`, `case:${caseId}:counsel-fee`])
    .where('e.kind', '=', 'fee')
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('ledger_entries as r').select('r.id').whereRef('r.reverses_id', '=', 'e.id')),
      ),
    )
    .orderBy('e.id')
    .execute()
  return rows.map((r) => Number(r.id))
}

/** The case's accounts (id, external id, client), in id order. */
export async function caseAccountsOf(
  db: Db,
  tenantId: number,
  caseId: number,
): Promise<{ id: number; externalId: string; clientId: number | null; held: boolean }[]> {
  const rows = await db
    .selectFrom('legal_case_accounts as l')
    .innerJoin('accounts as a', 'a.id', 'l.account_id')
    .select(['a.id', 'a.external_id', 'a.client_id', 'l.held'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.case_id', '=', caseId)
    .orderBy('a.id')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    externalId: r.external_id,
    clientId: num(r.client_id),
    held: Number(r.held) === 1,
  }))
}

export interface HearingRow {
  readonly id: number
  readonly hearingOn: string
  readonly purpose: string
  readonly outcome: string | null
  readonly nextOn: string | null
  readonly recordedBy: string
}

/** Records a hearing; returns its id. */
export async function insertHearing(
  trx: Transaction<Database>,
  h: {
    tenantId: number
    caseId: number
    hearingOn: string
    purpose: string
    outcome: string | null
    nextOn: string | null
    by: string
  },
): Promise<number> {
  const row = await trx
    .insertInto('legal_case_hearings')
    .values({
      tenant_id: h.tenantId,
      case_id: h.caseId,
      hearing_on: h.hearingOn,
      purpose: h.purpose,
      outcome: h.outcome,
      next_on: h.nextOn,
      recorded_by: h.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** The case's hearings in date order. */
export async function hearingsOf(db: Db, tenantId: number, caseId: number): Promise<HearingRow[]> {
  const rows = await db
    .selectFrom('legal_case_hearings')
    .select(['id', 'hearing_on', 'purpose', 'outcome', 'next_on', 'recorded_by'])
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('hearing_on')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    hearingOn: String(r.hearing_on),
    purpose: r.purpose,
    outcome: r.outcome,
    nextOn: text(r.next_on),
    recordedBy: r.recorded_by,
  }))
}

/** Records the outcome and the new status; false when the case was no longer in `from` (raced). */
export async function recordCaseOutcome(
  trx: Transaction<Database>,
  tenantId: number,
  caseId: number,
  from: readonly LegalCaseStatus[],
  change: {
    status: LegalCaseStatus
    outcome?: string
    outcomeOn?: string
    judgmentMinor?: number | null
    settlementMinor?: number | null
    postJudgmentRate?: string | null
    outcomeNote?: string | null
    closedOn?: string | null
    closedBy?: string | null
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('legal_cases')
    .set({
      status: change.status,
      ...(change.outcome !== undefined
        ? { outcome: change.outcome, outcome_on: change.outcomeOn ?? null }
        : {}),
      ...(change.judgmentMinor !== undefined ? { judgment_minor: change.judgmentMinor } : {}),
      ...(change.settlementMinor !== undefined ? { settlement_minor: change.settlementMinor } : {}),
      ...(change.postJudgmentRate !== undefined ? { post_judgment_rate: change.postJudgmentRate } : {}),
      ...(change.outcomeNote !== undefined ? { outcome_note: change.outcomeNote } : {}),
      ...(change.closedOn !== undefined
        ? { closed_on: change.closedOn, closed_by: change.closedBy ?? null }
        : {}),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', caseId)
    .where('status', 'in', [...from])
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** A work task for a case's deadline (a call_tasks row naming the case); returns its id. */
export async function insertCaseTask(
  trx: Transaction<Database>,
  t: {
    tenantId: number
    caseId: number
    accountId: number
    debtorId: number
    dueAt: string
    priority: number
    script: string
  },
): Promise<number> {
  const row = await trx
    .insertInto('call_tasks')
    .values({
      tenant_id: t.tenantId,
      account_id: t.accountId,
      debtor_id: t.debtorId,
      contact_point_id: null,
      outbox_id: null,
      follows_task_id: null,
      due_at: t.dueAt,
      status: 'open',
      assigned_user_id: null,
      priority: t.priority,
      script: t.script,
      outcome: null,
      outcome_note: null,
      outcome_details: null,
      outcome_at: null,
      outcome_by: null,
      legal_case_id: t.caseId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** The case's open tasks (id, due, script), soonest first. */
export async function caseTasksOf(db: Db, tenantId: number, caseId: number) {
  const rows = await db
    .selectFrom('call_tasks')
    .select(['id', 'due_at', 'script', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('legal_case_id', '=', caseId)
    .orderBy('due_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    dueAt: toIso(r.due_at as unknown),
    script: r.script,
    status: r.status,
  }))
}

/** Cancels the case's open deadline tasks (the case ended). */
export async function cancelCaseTasks(
  trx: Transaction<Database>,
  tenantId: number,
  caseId: number,
): Promise<number> {
  const result = await trx
    .updateTable('call_tasks')
    .set({ status: 'cancelled' })
    .where('tenant_id', '=', tenantId)
    .where('legal_case_id', '=', caseId)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
