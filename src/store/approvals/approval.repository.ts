import type { Kysely, Transaction } from 'kysely'
import type { PageRequest } from '../../core/paging/page-cursor.ts'
import { keysetAfter, keysetOrder } from '../paging.ts'
import type { Database, OutboxStatus } from '../schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** An outbox row with what the approval queue shows of its account, debtor and decision. */
export interface ApprovalRow {
  readonly id: number
  readonly accountId: number
  readonly account: string
  readonly debtor: string
  readonly debtorName: string
  readonly stage: string
  readonly playbookId: string
  readonly playbookVersion: number
  readonly decisionId: number
  readonly asOf: string
  readonly actionType: string
  readonly channel: string | null
  readonly payload: string
  readonly status: OutboxStatus
  readonly scheduledAt: string | null
  readonly createdAt: string
  readonly compliance: string
  readonly approvedAt: string | null
  readonly approvedBy: string | null
  readonly cancelledAt: string | null
  readonly cancelReason: string | null
}

export const APPROVAL_SORT_COLUMNS = { scheduledAt: 'o.scheduled_at', createdAt: 'o.created_at' } as const

function approvalQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('outbox as o')
    .innerJoin('accounts as a', (j) =>
      j.onRef('a.id', '=', 'o.account_id').onRef('a.tenant_id', '=', 'o.tenant_id'),
    )
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .innerJoin('decisions as dc', (j) =>
      j.onRef('dc.id', '=', 'o.decision_id').onRef('dc.tenant_id', '=', 'o.tenant_id'),
    )
    .select([
      'o.id',
      'o.account_id as accountId',
      'a.external_id as account',
      'd.external_id as debtor',
      'd.name as debtorName',
      'dc.to_stage as stage',
      'dc.playbook_id as playbookId',
      'dc.playbook_version as playbookVersion',
      'dc.id as decisionId',
      'dc.as_of as asOf',
      'o.action_type as actionType',
      'o.channel',
      'o.payload',
      'o.status',
      'o.scheduled_at as scheduledAt',
      'o.created_at as createdAt',
      'o.compliance',
      'o.approved_at as approvedAt',
      'o.approved_by as approvedBy',
      'o.cancelled_at as cancelledAt',
      'o.cancel_reason as cancelReason',
    ])
    .where('o.tenant_id', '=', tenantId)
}

/** One page of the tenant's rows awaiting approval (fetch `limit + 1`: pageOf cuts it). */
export async function listAwaitingApproval(
  db: Db,
  tenantId: number,
  filter: { clientIds?: readonly number[] },
  page: PageRequest<keyof typeof APPROVAL_SORT_COLUMNS>,
): Promise<ApprovalRow[]> {
  const column = APPROVAL_SORT_COLUMNS[page.sort.field]
  let query = approvalQuery(db, tenantId)
    .where('o.status', '=', 'awaiting_approval')
    .where(keysetAfter(column, 'o.id', page))
    .orderBy(keysetOrder(column, 'o.id', page))
    .limit(page.limit + 1)
  if (filter.clientIds) query = query.where('a.client_id', 'in', [...filter.clientIds, -1])
  return query.execute()
}

/** One outbox row of the tenant, whatever its status; undefined for another tenant's id. */
export async function approvalById(db: Db, tenantId: number, id: number): Promise<ApprovalRow | undefined> {
  return approvalQuery(db, tenantId).where('o.id', '=', id).executeTakeFirst()
}

/**
 * Releases a row to the dispatcher: `pending`, at its scheduled time (now when that has passed: the
 * dispatcher takes rows scheduled up to now). Conditional on
 * the row still awaiting approval, so a row cancelled meanwhile (a payment, a dispute, a re-decision)
 * or released by another approver is never released twice: answers whether this call released it.
 */
export async function releaseApproval(
  trx: Transaction<Database>,
  tenantId: number,
  id: number,
  release: { by: string; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('outbox')
    .set({
      status: 'pending',
      approved_at: release.at,
      approved_by: release.by,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'awaiting_approval')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Cancels a row awaiting approval with the rejection as its reason; false when it no longer waits. */
export async function rejectApproval(
  trx: Transaction<Database>,
  tenantId: number,
  id: number,
  rejection: { at: string; reason: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('outbox')
    .set({ status: 'cancelled', cancelled_at: rejection.at, cancel_reason: rejection.reason })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'awaiting_approval')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
