import type { FastifyInstance } from 'fastify'
import { getContactPoint, getDebtor, listDebtors } from '../../app/records/list-debtors.ts'
import { updateContactPoint } from '../../app/records/update-contact-point.ts'
import { updateDebtor } from '../../app/records/update-debtor.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type ContactPointPathRequest,
  type DebtorPathRequest,
  getContactPointSchema,
  getDebtorSchema,
  type ListDebtorsRequest,
  listDebtorsSchema,
  type UpdateContactPointRequest,
  type UpdateDebtorRequest,
  updateContactPointSchema,
  updateDebtorSchema,
} from './debtors.schema.ts'

/** Registers GET .../debtors, GET/PATCH .../debtors/:debtor and GET/PATCH .../contact-points/:id. */
export function registerDebtorsRoutes(app: FastifyInstance): void {
  app.get<ListDebtorsRequest>(
    '/api/v1/tenants/:tenant/debtors',
    { schema: listDebtorsSchema },
    async (request) => listDebtors(requestContext(request), request.query),
  )
  app.get<DebtorPathRequest>(
    '/api/v1/tenants/:tenant/debtors/:debtor',
    { schema: getDebtorSchema },
    async (request, reply) => {
      const debtor = await getDebtor(requestContext(request), { debtor: request.params.debtor })
      return reply.header('etag', debtor.etag).send(debtor)
    },
  )
  app.patch<UpdateDebtorRequest>(
    '/api/v1/tenants/:tenant/debtors/:debtor',
    { schema: updateDebtorSchema },
    async (request, reply) => {
      const debtor = await updateDebtor(requestContext(request), {
        debtor: request.params.debtor,
        ifMatch: request.headers['if-match'],
        ...request.body,
      })
      return reply.header('etag', debtor.etag).send(debtor)
    },
  )
  app.get<ContactPointPathRequest>(
    '/api/v1/tenants/:tenant/contact-points/:id',
    { schema: getContactPointSchema },
    async (request, reply) => {
      const point = await getContactPoint(requestContext(request), { contactPoint: request.params.id })
      return reply.header('etag', point.etag).send(point)
    },
  )
  app.patch<UpdateContactPointRequest>(
    '/api/v1/tenants/:tenant/contact-points/:id',
    { schema: updateContactPointSchema },
    async (request, reply) => {
      const point = await updateContactPoint(requestContext(request), {
        contactPoint: request.params.id,
        ifMatch: request.headers['if-match'],
        ...request.body,
      })
      return reply.header('etag', point.etag).send(point)
    },
  )
}
