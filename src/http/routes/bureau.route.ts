import { createReadStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { exportMetro2 } from '../../app/bureau/export-metro2.ts'
import { requestContext } from '../auth/request-context.ts'
import { type ExportMetro2HttpRequest, exportMetro2Schema } from './bureau.schema.ts'

/** Registers POST /api/v1/tenants/:tenant/bureau/metro2 */
export function registerBureauRoutes(app: FastifyInstance): void {
  app.post<ExportMetro2HttpRequest>(
    '/api/v1/tenants/:tenant/bureau/metro2',
    { schema: exportMetro2Schema },
    async (request, reply) => {
      const { month, furnisherId, creditorClassification, part } = request.body
      // The export streams to a file (a million accounts are never in memory); the answer streams it back
      // and the directory goes when the stream closes.
      const dir = mkdtempSync(join(tmpdir(), 'recoup-metro2-'))
      const out = join(dir, `metro2-${month}.dat`)
      try {
        const result = await exportMetro2(requestContext(request), {
          month,
          out,
          ...(furnisherId !== undefined ? { furnisherId } : {}),
          ...(creditorClassification !== undefined ? { creditorClassification } : {}),
        })
        const excluded = part === 'excluded'
        const stream = createReadStream(excluded ? result.excludedFile : result.file)
        stream.on('close', () => rmSync(dir, { recursive: true, force: true }))
        const name = `metro2-${request.params.tenant}-${month}${excluded ? '-excluded.csv' : '.dat'}`
        return reply
          .type(excluded ? 'text/csv; charset=utf-8' : 'application/octet-stream')
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('x-metro2-furnished', String(result.furnished))
          .header('x-metro2-excluded', String(result.excluded))
          .header('x-metro2-sha256', result.sha256)
          .send(stream)
      } catch (error) {
        rmSync(dir, { recursive: true, force: true })
        throw error
      }
    },
  )
}
