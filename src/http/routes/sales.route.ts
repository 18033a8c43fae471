import type { FastifyInstance } from 'fastify'
import { billOfSale } from '../../app/sales/bill-of-sale.ts'
import { buyBackAccount } from '../../app/sales/buy-back-account.ts'
import { cancelSale } from '../../app/sales/cancel-sale.ts'
import { closeSale } from '../../app/sales/close-sale.ts'
import { createSale } from '../../app/sales/create-sale.ts'
import { exportSaleFile } from '../../app/sales/export-sale-file.ts'
import { listSales, showSale } from '../../app/sales/show-sale.ts'
import { valueSale } from '../../app/sales/value-sale.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type BuyBackRequest,
  billOfSaleSchema,
  buyBackSchema,
  type CancelSaleRequest,
  type CloseSaleRequest,
  type CreateSaleRequest,
  cancelSaleSchema,
  closeSaleSchema,
  createSaleSchema,
  type ListSalesRequest,
  listSalesSchema,
  type SaleFileRequest,
  type SaleRequest,
  saleFileSchema,
  showSaleSchema,
  type ValueSaleRequest,
  valueSaleSchema,
} from './sales.schema.ts'

const BASE = '/api/v1/tenants/:tenant/sales'

/** Registers the debt sale routes (docs/debt-sale.md). */
export function registerSalesRoutes(app: FastifyInstance): void {
  app.get<ListSalesRequest>(BASE, { schema: listSalesSchema }, async (request) =>
    listSales(
      requestContext(request),
      request.query.status !== undefined ? { status: request.query.status } : {},
    ),
  )
  app.post<CreateSaleRequest>(BASE, { schema: createSaleSchema }, async (request, reply) => {
    const created = await createSale(requestContext(request), request.body)
    return reply.status(201).send(created)
  })
  app.get<SaleRequest>(`${BASE}/:id`, { schema: showSaleSchema }, async (request) =>
    showSale(requestContext(request), { sale: request.params.id }),
  )
  app.post<ValueSaleRequest>(`${BASE}/:id/value`, { schema: valueSaleSchema }, async (request) =>
    valueSale(requestContext(request), { sale: request.params.id, ...(request.body ?? {}) }),
  )
  app.post<CloseSaleRequest>(`${BASE}/:id/close`, { schema: closeSaleSchema }, async (request) =>
    closeSale(requestContext(request), { sale: request.params.id, ...(request.body ?? {}) }),
  )
  app.post<CancelSaleRequest>(`${BASE}/:id/cancel`, { schema: cancelSaleSchema }, async (request) =>
    cancelSale(requestContext(request), { sale: request.params.id, reason: request.body.reason }),
  )
  app.post<BuyBackRequest>(`${BASE}/:id/buyback`, { schema: buyBackSchema }, async (request) =>
    buyBackAccount(requestContext(request), { sale: request.params.id, ...request.body }),
  )
  app.get<SaleFileRequest>(`${BASE}/:id/file`, { schema: saleFileSchema }, async (request, reply) => {
    const file = await exportSaleFile(requestContext(request), {
      sale: request.params.id,
      ...(request.query.asOf !== undefined ? { asOf: request.query.asOf } : {}),
    })
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="sale-${file.sale}.csv"`)
      .send(file.csv)
  })
  app.get<SaleRequest>(
    `${BASE}/:id/bill-of-sale.pdf`,
    { schema: billOfSaleSchema },
    async (request, reply) => {
      const { sale, pdf } = await billOfSale(requestContext(request), { sale: request.params.id })
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="bill-of-sale-${sale}.pdf"`)
        .send(Buffer.from(pdf))
    },
  )
}
