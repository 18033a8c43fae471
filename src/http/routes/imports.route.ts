import type { FastifyInstance } from 'fastify'
import { getImport, importRejects, listImports, uploadImport } from '../../app/intake/uploaded-imports.ts'
import type { UploadConfig } from '../../config/upload-config.ts'
import { AppError } from '../../core/errors/index.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  CSV_TYPE,
  getImportSchema,
  type ImportRequest,
  importRejectsSchema,
  type ListImportsRequest,
  listImportsSchema,
  type UploadImportRequest,
  uploadImportSchema,
  XLSX_TYPE,
} from './imports.schema.ts'

/** Background imports still working, so the server can wait for them on close. */
const working = new Set<Promise<void>>()

/** Registers POST /imports (raw CSV or XLSX body), GET /imports, /imports/:id and /imports/:id/rejects. */
export function registerImportRoutes(app: FastifyInstance, uploads: UploadConfig): void {
  app.addHook('onClose', async () => {
    await Promise.all([...working])
  })
  app.register(async (scope) => {
    for (const type of [CSV_TYPE, XLSX_TYPE])
      scope.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: uploads.limitBytes },
        (_r, body, done) => done(null, body),
      )
    scope.post<UploadImportRequest>(
      '/api/v1/tenants/:tenant/imports',
      { schema: uploadImportSchema, bodyLimit: uploads.limitBytes },
      async (request, reply) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
        if (!Buffer.isBuffer(request.body) || (type !== CSV_TYPE && type !== XLSX_TYPE))
          throw new AppError(
            'unsupported_media_type',
            `send the file itself as the body, with Content-Type ${CSV_TYPE} or ${XLSX_TYPE}`,
            { field: 'content-type' },
          )
        const started = await uploadImport(requestContext(request), {
          bytes: request.body,
          format: type === XLSX_TYPE ? 'xlsx' : 'csv',
          dataDir: uploads.dataDir,
          ...(request.query.preset !== undefined ? { preset: request.query.preset } : {}),
          ...(request.query.currency !== undefined ? { currency: request.query.currency } : {}),
          onError: (error) => request.log.error({ err: error }, 'an uploaded import stopped'),
        })
        working.add(started.finished)
        void started.finished.finally(() => working.delete(started.finished))
        return reply.code(202).send(started.import)
      },
    )
  })
  app.get<ListImportsRequest>(
    '/api/v1/tenants/:tenant/imports',
    { schema: listImportsSchema },
    async (request) => listImports(requestContext(request), request.query),
  )
  app.get<ImportRequest>(
    '/api/v1/tenants/:tenant/imports/:id',
    { schema: getImportSchema },
    async (request) => getImport(requestContext(request), { id: request.params.id }),
  )
  app.get<ImportRequest>(
    '/api/v1/tenants/:tenant/imports/:id/rejects',
    { schema: importRejectsSchema },
    async (request, reply) => {
      const csv = await importRejects(requestContext(request), {
        id: request.params.id,
        dataDir: uploads.dataDir,
      })
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${request.params.id}-rejects.csv"`)
        .send(csv)
    },
  )
}
