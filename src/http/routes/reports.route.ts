import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.ts'
import { getChampionChallenger } from '../../app/reports/get-champion-challenger.ts'
import { getChannelEffectiveness } from '../../app/reports/get-channel-effectiveness.ts'
import { getComplianceBlocks } from '../../app/reports/get-compliance-blocks.ts'
import { getContactRates } from '../../app/reports/get-contact-rates.ts'
import { getCostToCollect } from '../../app/reports/get-cost-to-collect.ts'
import { getPartnerPerformance } from '../../app/reports/get-partner-performance.ts'
import { getPromisePlanRates } from '../../app/reports/get-promise-plan-rates.ts'
import { getReceivablesKpis } from '../../app/reports/get-receivables-kpis.ts'
import { getRecovery } from '../../app/reports/get-recovery.ts'
import { getRollRates } from '../../app/reports/get-roll-rates.ts'
import { getScoreMonitoring } from '../../app/reports/get-score-monitoring.ts'
import { getVintages } from '../../app/reports/get-vintages.ts'
import { listModels, showModel } from '../../app/scoring/show-model.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { AppError } from '../../core/errors/index.ts'
import { requestContext } from '../auth/request-context.ts'
import { toCsv } from '../csv.ts'
import {
  type ModelRequest,
  type ModelsRequest,
  modelSchema,
  modelsSchema,
  type ReportName,
  type ReportRequest,
  reportSchema,
} from './reports.schema.ts'

type Query = ReportRequest['Querystring']

function windowOf(q: Query) {
  if (q.from && q.to && q.from > q.to)
    throw new AppError('invalid_period', `from ${q.from} is after to ${q.to}`, { field: 'from' })
  return { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) }
}

/** Each report's use case, with the query parameters it reads. */
const REPORTS: Record<ReportName, (ctx: AppContext, q: Query) => Promise<ReportTable>> = {
  'roll-rates': (ctx, q) => getRollRates(ctx, windowOf(q)),
  vintages: (ctx, q) => getVintages(ctx, windowOf(q)),
  recovery: (ctx, q) => getRecovery(ctx, windowOf(q)),
  'cost-to-collect': (ctx, q) => getCostToCollect(ctx, windowOf(q)),
  'dso-cei': (ctx, q) => getReceivablesKpis(ctx, windowOf(q)),
  'partner-performance': (ctx, q) => getPartnerPerformance(ctx, windowOf(q)),
  promises: (ctx) => getPromisePlanRates(ctx),
  contacts: (ctx, q) => getContactRates(ctx, windowOf(q)),
  'channel-effectiveness': (ctx, q) =>
    getChannelEffectiveness(ctx, {
      ...windowOf(q),
      ...(q.withinDays !== undefined ? { withinDays: q.withinDays } : {}),
    }),
  'compliance-blocks': (ctx) => getComplianceBlocks(ctx),
  'champion-challenger': (ctx, q) => getChampionChallenger(ctx, q.asOf ? { asOf: q.asOf } : {}),
  'score-monitoring': (ctx, q) => {
    if (!q.target)
      throw new AppError('missing_option', 'target is required: late_payment or pay_30', { field: 'target' })
    return getScoreMonitoring(ctx, {
      target: q.target as 'late_payment',
      ...(q.asOf ? { asOf: q.asOf } : {}),
    })
  },
}

function wantsCsv(request: FastifyRequest<ReportRequest>): boolean {
  if (request.query.format !== undefined) return request.query.format === 'csv'
  const accept = request.headers.accept ?? ''
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept)
}

/** Registers GET /reports/:name (JSON or CSV), GET /models and GET /models/:target. */
export function registerReportRoutes(app: FastifyInstance): void {
  app.get<ReportRequest>(
    '/api/v1/tenants/:tenant/reports/:name',
    { schema: reportSchema },
    async (request, reply: FastifyReply) => {
      const table = await REPORTS[request.params.name](requestContext(request), request.query)
      if (!wantsCsv(request)) return reply.type('application/json; charset=utf-8').send(table)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.name}.csv"`)
        .send(toCsv(table.columns, table.rows))
    },
  )
  app.get<ModelsRequest>('/api/v1/tenants/:tenant/models', { schema: modelsSchema }, async (request) => ({
    items: await listModels(requestContext(request)),
  }))
  app.get<ModelRequest>(
    '/api/v1/tenants/:tenant/models/:target',
    { schema: modelSchema },
    async (request) => {
      const m = await showModel(requestContext(request), request.params.target, request.query.version)
      return {
        target: m.target,
        version: m.version,
        trainedAt: m.trainedAt,
        trainedBy: m.trainedBy,
        dataAsOf: m.dataAsOf,
        splitOn: m.splitOn,
        scorecard: m.scorecard,
        evaluation: m.evaluation,
      }
    },
  )
}
