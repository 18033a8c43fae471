import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { buildEvidencePack } from '../../app/evidence/build-evidence-pack.ts'
import type { PaperSize } from '../../core/documents/document-model.ts'
import { requestContext } from '../auth/request-context.ts'
import {
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

/**
 * Registers GET /api/v1/tenants/:tenant/accounts/:account/evidence-pack.pdf and .zip
 * (docs/evidence-pack.md). The file names carry the day only: the account reference stays out.
 */
export function registerEvidencePackRoutes(app: FastifyInstance, deps: EvidencePackDeps): void {
  app.get<EvidencePackRequest>(
    '/api/v1/tenants/:tenant/accounts/:account/evidence-pack.pdf',
    { schema: evidencePackPdfSchema },
    async (request, reply) => {
      const result = await pack(request, deps)
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="evidence-pack-${result.manifest.asOf}.pdf"`)
        .header('x-evidence-sha256', result.sha256.pdf)
        .send(Buffer.from(result.pdf))
    },
  )
  app.get<EvidencePackRequest>(
    '/api/v1/tenants/:tenant/accounts/:account/evidence-pack.zip',
    { schema: evidencePackZipSchema },
    async (request, reply) => {
      const result = await pack(request, deps)
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="evidence-pack-${result.manifest.asOf}.zip"`)
        .header('x-evidence-sha256', createHash('sha256').update(result.zip).digest('hex'))
        .send(Buffer.from(result.zip))
    },
  )
}
