import type { FastifyInstance } from 'fastify'
import { addHearing, closeCase } from '../../app/legal/close-case.ts'
import { fileCase, openCase } from '../../app/legal/open-case.ts'
import { listCases, showCase } from '../../app/legal/show-case.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type AddHearingRequest,
  addHearingSchema,
  type CloseCaseRequest,
  closeCaseSchema,
  type FileCaseRequest,
  fileCaseSchema,
  type ListCasesRequest,
  listCasesSchema,
  type OpenCaseRequest,
  openCaseSchema,
  type ShowCaseRequest,
  showCaseSchema,
} from './cases.schema.ts'

/** Registers the legal-case routes (docs/legal-cases.md); each calls its use case. */
export function registerCaseRoutes(app: FastifyInstance): void {
  app.get<ListCasesRequest>('/api/v1/tenants/:tenant/cases', { schema: listCasesSchema }, async (request) =>
    listCases(requestContext(request), request.query),
  )
  app.post<OpenCaseRequest>('/api/v1/tenants/:tenant/cases', { schema: openCaseSchema }, async (request) =>
    openCase(requestContext(request), request.body),
  )
  app.get<ShowCaseRequest>('/api/v1/tenants/:tenant/cases/:id', { schema: showCaseSchema }, async (request) =>
    showCase(requestContext(request), { id: request.params.id }),
  )
  app.post<FileCaseRequest>(
    '/api/v1/tenants/:tenant/cases/:id/file',
    { schema: fileCaseSchema },
    async (request) => fileCase(requestContext(request), { id: request.params.id, ...(request.body ?? {}) }),
  )
  app.post<AddHearingRequest>(
    '/api/v1/tenants/:tenant/cases/:id/hearings',
    { schema: addHearingSchema },
    async (request) => addHearing(requestContext(request), { id: request.params.id, ...request.body }),
  )
  app.post<CloseCaseRequest>(
    '/api/v1/tenants/:tenant/cases/:id/close',
    { schema: closeCaseSchema },
    async (request) => closeCase(requestContext(request), { id: request.params.id, ...request.body }),
  )
}
