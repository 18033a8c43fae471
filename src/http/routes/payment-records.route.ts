import type { FastifyInstance } from 'fastify'
import { getPayment, listPayments } from '../../app/records/list-payments.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type GetPaymentRequest,
  getPaymentSchema,
  type ListPaymentsRequest,
  listPaymentsSchema,
} from './payment-records.schema.ts'

/** Registers GET .../payments and GET .../payments/:reference. */
export function registerPaymentRecordsRoutes(app: FastifyInstance): void {
  app.get<ListPaymentsRequest>(
    '/api/v1/tenants/:tenant/payments',
    { schema: listPaymentsSchema },
    async (request) => listPayments(requestContext(request), request.query),
  )
  app.get<GetPaymentRequest>(
    '/api/v1/tenants/:tenant/payments/:reference',
    { schema: getPaymentSchema },
    async (request) => getPayment(requestContext(request), { reference: request.params.reference }),
  )
}
