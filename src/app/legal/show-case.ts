import type { Kysely, Transaction } from 'kysely'
import { AppError } from '../../core/errors/index.ts'
import { caseDeadlines } from '../../core/legal/case-deadlines.ts'
import { CASE_STATUSES, type CaseKind, type CaseStatus } from '../../core/legal/case-kinds.ts'
import {
  type CaseRow,
  caseAccountsOf,
  caseRowById,
  caseTasksOf,
  hearingsOf,
  listCaseRows,
} from '../../store/legal/legal-case.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { Tenant } from '../../store/tenant.repository.ts'
import type { AppContext } from '../app-context.ts'
import { actorSeesClient, authorize } from '../authorize.ts'
import { deadlineInputOf, type StoredCaseFacts } from './case-compliance.ts'
import { type CaseView, caseView } from './case-view.ts'

type Db = Kysely<Database> | Transaction<Database>

/** The case's view with its accounts, hearings, deadlines (from its stored facts) and tasks. */
export async function showCaseIn(db: Db, tenant: Tenant, id: number, row?: CaseRow): Promise<CaseView> {
  const found = row ?? (await caseRowById(db, tenant.id, id))
  if (!found) throw new AppError('case_not_found', `no legal case ${id} in this tenant`)
  const accounts = await caseAccountsOf(db, tenant.id, found.id)
  const stored = JSON.parse(found.facts) as StoredCaseFacts
  const judgmentOn = found.outcome === 'judgment' ? found.outcomeOn : null
  return caseView(found, {
    accounts: accounts.map((a) => a.externalId),
    hearings: await hearingsOf(db, tenant.id, found.id),
    deadlines: caseDeadlines(deadlineInputOf(found.kind as CaseKind, stored, judgmentOn)),
    tasks: await caseTasksOf(db, tenant.id, found.id),
  })
}

/**
 * The one `caseId -> accountIds` lookup of the app layer (the evidence pack and other per-case work
 * start here): the case's account ids and external ids, lead account first; `case_not_found` for a
 * case of another tenant or outside the actor's clients.
 */
export async function caseAccountIds(
  ctx: AppContext,
  caseId: number,
): Promise<{ readonly accountIds: readonly number[]; readonly accounts: readonly string[] }> {
  authorize(ctx.actor, 'cases.read')
  const row = await caseRowById(ctx.store.db, ctx.actor.tenant.id, caseId)
  if (!row) throw new AppError('case_not_found', `no legal case ${caseId} in this tenant`)
  const accounts = await caseAccountsOf(ctx.store.db, ctx.actor.tenant.id, caseId)
  requireCaseInScope(ctx, caseId, accounts)
  return { accountIds: accounts.map((a) => a.id), accounts: accounts.map((a) => a.externalId) }
}

/** An actor limited to some clients sees a case only when it sees all of its accounts. */
function requireCaseInScope(
  ctx: AppContext,
  caseId: number,
  accounts: readonly { clientId: number | null }[],
) {
  if (ctx.actor.accountRefs !== undefined)
    throw new AppError('case_not_found', `no legal case ${caseId} in this tenant`)
  if (ctx.actor.clientIds === undefined) return
  if (!accounts.every((a) => actorSeesClient(ctx.actor, a.clientId)))
    throw new AppError('case_not_found', `no legal case ${caseId} in this tenant`)
}

/** One case in full (`cases.read`). */
export async function showCase(ctx: AppContext, input: { id: number }): Promise<CaseView> {
  authorize(ctx.actor, 'cases.read')
  const tenant = ctx.actor.tenant
  const row = await caseRowById(ctx.store.db, tenant.id, input.id)
  if (!row) throw new AppError('case_not_found', `no legal case ${input.id} in this tenant`)
  requireCaseInScope(ctx, input.id, await caseAccountsOf(ctx.store.db, tenant.id, row.id))
  return showCaseIn(ctx.store.db, tenant, row.id, row)
}

/** The tenant's cases, newest first (`cases.read`), optionally of one status; at most `limit` (default 100). */
export async function listCases(
  ctx: AppContext,
  input: { status?: string; limit?: number } = {},
): Promise<CaseView[]> {
  authorize(ctx.actor, 'cases.read')
  if (input.status !== undefined && !(CASE_STATUSES as readonly string[]).includes(input.status))
    throw new AppError('invalid_case', `status: one of ${CASE_STATUSES.join(', ')}, not "${input.status}"`, {
      field: 'status',
    })
  if (ctx.actor.accountRefs !== undefined) return []
  const tenant = ctx.actor.tenant
  const rows = await listCaseRows(ctx.store.db, tenant.id, {
    ...(input.status ? { status: input.status as CaseStatus } : {}),
    ...(ctx.actor.clientIds ? { clientIds: ctx.actor.clientIds } : {}),
    limit: Math.min(Math.max(input.limit ?? 100, 1), 500),
  })
  const views: CaseView[] = []
  for (const row of rows) views.push(await showCaseIn(ctx.store.db, tenant, row.id, row))
  return views
}
