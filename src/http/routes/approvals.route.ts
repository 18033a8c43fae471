import type { FastifyInstance } from 'fastify'
import { approveEscalation, rejectEscalation } from '../../app/approvals/decide-approval.ts'
import { listApprovals } from '../../app/approvals/list-approvals.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type ApproveRequest,
  approveSchema,
  type ListApprovalsRequest,
  listApprovalsSchema,
  type RejectRequest,
  rejectSchema,
} from './approvals.schema.ts'

/** Registers GET .../approvals, POST .../approvals/:id/approve and POST .../approvals/:id/reject. */
export function registerApprovalRoutes(app: FastifyInstance): void {
  app.get<ListApprovalsRequest>(
    '/api/v1/tenants/:tenant/approvals',
    { schema: listApprovalsSchema },
    async (request) => {
      const { limit, cursor, sort } = request.query
      return listApprovals(requestContext(request), {
        ...(limit !== undefined ? { limit } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        ...(sort !== undefined ? { sort } : {}),
      })
    },
  )
  app.post<ApproveRequest>(
    '/api/v1/tenants/:tenant/approvals/:id/approve',
    { schema: approveSchema },
    async (request) => approveEscalation(requestContext(request), { id: request.params.id }),
  )
  app.post<RejectRequest>(
    '/api/v1/tenants/:tenant/approvals/:id/reject',
    { schema: rejectSchema },
    async (request) =>
      rejectEscalation(requestContext(request), { id: request.params.id, reason: request.body.reason }),
  )
}
