import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { buildEvidencePack, type EvidencePack } from '../../app/evidence/build-evidence-pack.ts'
import { buildCaseEvidencePack } from '../../app/legal/case-evidence-pack.ts'
import type { PaperSize } from '../../core/documents/document-model.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type CaseEvidencePackRequest,
  caseEvidencePackPdfSchema,
  caseEvidencePackZipSchema,
  type EvidencePackRequest,
  evidencePackPdfSchema,
  evidencePackZipSchema,
} from './evidence-pack.schema.ts'

/** Where the originals are: the portal's data dir and the print-and-mail sender's folder (or none). */
export interface EvidencePackDeps {
  readonly dataDir: string
  readonly letterDir: string | null
}

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

async function pack(request: FastifyRequest<EvidencePackRequest>, deps: EvidencePackDeps) {
  const { asOf, paper, title, line } = request.query
  return buildEvidencePack(requestContext(request), {
    accounts: [request.params.account, ...list(request.query.account)],
    dataDir: deps.dataDir,
    letterDir: deps.letterDir,
    ...(asOf !== undefined ? { asOf } : {}),
    ...(paper !== undefined ? { paper: paper.toUpperCase() as PaperSize } : {}),
    ...(title !== undefined ? { header: { title, lines: list(line) } } : {}),
  })
}

async function casePack(request: FastifyRequest<CaseEvidencePackRequest>, deps: EvidencePackDeps) {
  const { asOf, paper } = request.query
  return buildCaseEvidencePack(requestContext(request), {
    id: request.params.id,
    dataDir: deps.dataDir,
    letterDir: deps.letterDir,
    ...(asOf !== undefined ? { asOf } : {}),
    ...(paper !== undefined ? { paper: paper.toUpperCase() as PaperSize } : {}),
  })
}

/** The PDF as an attachment named by the day (no reference in the name), with its digest. */
function sendPdf(reply: FastifyReply, result: EvidencePack) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="evidence-pack-${result.manifest.asOf}.pdf"`)
    .header('x-evidence-sha256', result.sha256.pdf)
    .send(Buffer.from(result.pdf))
}

/** The ZIP likewise. */
function sendZip(reply: FastifyReply, result: EvidencePack) {
  return reply
    .type('application/zip')
    .header('content-disposition', `attachment; filename="evidence-pack-${result.manifest.asOf}.zip"`)
    .header('x-evidence-sha256', createHash('sha256').update(result.zip).digest('hex'))
    .send(Buffer.from(result.zip))
}

/**
 * Registers GET /api/v1/tenants/:tenant/accounts/:account/evidence-pack.pdf and .zip, and the same
 * for a legal case, GET /api/v1/tenants/:tenant/cases/:id/evidence-pack.pdf and .zip
 * (docs/evidence-pack.md). The file names carry the day only: the account reference stays out.
 */
export function registerEvidencePackRoutes(app: FastifyInstance, deps: EvidencePackDeps): void {
  app.get<EvidencePackRequest>(
    '/api/v1/tenants/:tenant/accounts/:account/evidence-pack.pdf',
    { schema: evidencePackPdfSchema },
    async (request, reply) => {
      return sendPdf(reply, await pack(request, deps))
    },
  )
  app.get<EvidencePackRequest>(
    '/api/v1/tenants/:tenant/accounts/:account/evidence-pack.zip',
    { schema: evidencePackZipSchema },
    async (request, reply) => {
      return sendZip(reply, await pack(request, deps))
    },
  )
  app.get<CaseEvidencePackRequest>(
    '/api/v1/tenants/:tenant/cases/:id/evidence-pack.pdf',
    { schema: caseEvidencePackPdfSchema },
    async (request, reply) => sendPdf(reply, await casePack(request, deps)),
  )
  app.get<CaseEvidencePackRequest>(
    '/api/v1/tenants/:tenant/cases/:id/evidence-pack.zip',
    { schema: caseEvidencePackZipSchema },
    async (request, reply) => sendZip(reply, await casePack(request, deps)),
  )
}
