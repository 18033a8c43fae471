import type { FastifyInstance } from 'fastify'
import { exportPlacementFile } from '../../app/placements/export-placement-file.ts'
import { importRemittance } from '../../app/placements/import-remittance.ts'
import { listPlacements } from '../../app/placements/list-placements.ts'
import { addPartner, listPartners } from '../../app/placements/partners.ts'
import { placeAccount } from '../../app/placements/place-account.ts'
import { recallPlacement } from '../../app/placements/recall-placement.ts'
import { getRemittance, listRemittances } from '../../app/placements/remittance-report.ts'
import { reportPlacementStatus } from '../../app/placements/report-placement-status.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type AddPartnerRequest,
  addPartnerSchema,
  type ImportRemittanceRequest,
  importRemittanceSchema,
  type ListPartnersRequest,
  type ListPlacementsRequest,
  type ListRemittancesRequest,
  listPartnersSchema,
  listPlacementsSchema,
  listRemittancesSchema,
  type PlacementFileRequest,
  type PlaceRequest,
  placementFileSchema,
  placeSchema,
  type RecallRequest,
  type RemittanceRequest,
  recallSchema,
  remittanceSchema,
  type StatusUpdatesRequest,
  statusUpdatesSchema,
} from './placements.schema.ts'

/** A remittance's JSON body: its CSV text (at most 5 MiB) escaped. */
const REMITTANCE_BODY_LIMIT = 12 * 1024 * 1024

/**
 * Registers the placement routes (docs/placements.md): partners (list, add), placements (list, place,
 * recall), a partner's placement file, its remittances in and their reconciliation, its status updates.
 */
export function registerPlacementRoutes(app: FastifyInstance): void {
  app.get<ListPartnersRequest>(
    '/api/v1/tenants/:tenant/partners',
    { schema: listPartnersSchema },
    async (request) => ({
      items: await listPartners(requestContext(request)),
    }),
  )
  app.post<AddPartnerRequest>(
    '/api/v1/tenants/:tenant/partners',
    { schema: addPartnerSchema },
    async (request, reply) => reply.status(201).send(await addPartner(requestContext(request), request.body)),
  )
  app.get<ListPlacementsRequest>(
    '/api/v1/tenants/:tenant/placements',
    { schema: listPlacementsSchema },
    async (request) => {
      const { partner, status } = request.query
      return {
        items: await listPlacements(requestContext(request), {
          ...(partner !== undefined ? { partner } : {}),
          ...(status !== undefined ? { status } : {}),
        }),
      }
    },
  )
  app.post<PlaceRequest>(
    '/api/v1/tenants/:tenant/placements',
    { schema: placeSchema },
    async (request, reply) => {
      const { account, partner, placedOn, expectedReturnOn } = request.body
      const placed = await placeAccount(requestContext(request), {
        account,
        partner,
        ...(placedOn !== undefined ? { placedOn } : {}),
        ...(expectedReturnOn !== undefined ? { expectedReturnOn } : {}),
      })
      return reply.status(201).send(placed)
    },
  )
  app.post<RecallRequest>(
    '/api/v1/tenants/:tenant/placements/recall',
    { schema: recallSchema },
    async (request) => {
      const { account, reason, recalledOn } = request.body
      return recallPlacement(requestContext(request), {
        account,
        reason,
        ...(recalledOn !== undefined ? { recalledOn } : {}),
      })
    },
  )
  app.post<PlacementFileRequest>(
    '/api/v1/tenants/:tenant/partners/:partner/placement-file',
    { schema: placementFileSchema },
    async (request, reply) => {
      const asOf = request.body?.asOf
      const file = await exportPlacementFile(requestContext(request), {
        partner: request.params.partner,
        ...(asOf !== undefined ? { asOf } : {}),
      })
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="placements-${file.partner}-${file.asOf}.csv"`)
        .header('x-placement-accounts', String(file.accounts))
        .send(file.csv)
    },
  )
  app.post<ImportRemittanceRequest>(
    '/api/v1/tenants/:tenant/partners/:partner/remittances',
    { schema: importRemittanceSchema, bodyLimit: REMITTANCE_BODY_LIMIT },
    async (request, reply) => {
      const report = await importRemittance(requestContext(request), {
        partner: request.params.partner,
        fileName: request.body.fileName ?? 'remittance.csv',
        csv: request.body.csv,
        source: 'api',
      })
      return reply.status(201).send(report)
    },
  )
  app.get<ListRemittancesRequest>(
    '/api/v1/tenants/:tenant/remittances',
    { schema: listRemittancesSchema },
    async (request) => ({ items: await listRemittances(requestContext(request), request.query.partner) }),
  )
  app.get<RemittanceRequest>(
    '/api/v1/tenants/:tenant/remittances/:id',
    { schema: remittanceSchema },
    async (request) => getRemittance(requestContext(request), request.params.id),
  )
  app.post<StatusUpdatesRequest>(
    '/api/v1/tenants/:tenant/partners/:partner/status-updates',
    { schema: statusUpdatesSchema },
    async (request) => ({
      results: await reportPlacementStatus(requestContext(request), {
        partner: request.params.partner,
        updates: request.body.updates,
      }),
    }),
  )
}
