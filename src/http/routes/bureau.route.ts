import { createReadStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { exportDefaultListings } from '../../app/bureau/export-default-listings.ts'
import { exportMetro2 } from '../../app/bureau/export-metro2.ts'
import { localDateAt } from '../../core/calendar/local-date.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type ExportDefaultListingsHttpRequest,
  type ExportMetro2HttpRequest,
  exportDefaultListingsSchema,
  exportMetro2Schema,
} from './bureau.schema.ts'

/**
 * Runs an export into a temporary directory and answers the file it names as an attachment. The
 * exports stream to files (a million accounts are never in memory); the answer streams the file back
 * and the directory goes when the stream closes, or at once when the export fails.
 */
async function sendExport(
  reply: FastifyReply,
  prefix: string,
  run: (
    dir: string,
  ) => Promise<{ path: string; type: string; name: string; headers: Record<string, string> }>,
): Promise<FastifyReply> {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  try {
    const answer = await run(dir)
    const stream = createReadStream(answer.path)
    stream.on('close', () => rmSync(dir, { recursive: true, force: true }))
    return reply
      .type(answer.type)
      .header('content-disposition', `attachment; filename="${answer.name}"`)
      .headers(answer.headers)
      .send(stream)
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

/** Registers POST /api/v1/tenants/:tenant/bureau/metro2 and /bureau/au-listings */
export function registerBureauRoutes(app: FastifyInstance): void {
  app.post<ExportMetro2HttpRequest>(
    '/api/v1/tenants/:tenant/bureau/metro2',
    { schema: exportMetro2Schema },
    async (request, reply) => {
      const { month, furnisherId, creditorClassification, part } = request.body
      return sendExport(reply, 'recoup-metro2-', async (dir) => {
        const result = await exportMetro2(requestContext(request), {
          month,
          out: join(dir, `metro2-${month}.dat`),
          ...(furnisherId !== undefined ? { furnisherId } : {}),
          ...(creditorClassification !== undefined ? { creditorClassification } : {}),
        })
        const excluded = part === 'excluded'
        return {
          path: excluded ? result.excludedFile : result.file,
          type: excluded ? 'text/csv; charset=utf-8' : 'application/octet-stream',
          name: `metro2-${request.params.tenant}-${month}${excluded ? '-excluded.csv' : '.dat'}`,
          headers: {
            'x-metro2-furnished': String(result.furnished),
            'x-metro2-excluded': String(result.excluded),
            'x-metro2-sha256': result.sha256,
          },
        }
      })
    },
  )

  app.post<ExportDefaultListingsHttpRequest>(
    '/api/v1/tenants/:tenant/bureau/au-listings',
    { schema: exportDefaultListingsSchema },
    async (request, reply) => {
      const ctx = requestContext(request)
      const asOf = request.body.asOf ?? localDateAt(new Date(), ctx.actor.tenant.time_zone)
      return sendExport(reply, 'recoup-au-listings-', async (dir) => {
        const result = await exportDefaultListings(ctx, { asOf, out: join(dir, `au-listings-${asOf}.csv`) })
        const excluded = request.body.part === 'excluded'
        const base = `au-default-listings-${request.params.tenant}-${asOf}`
        return {
          path: excluded ? result.excludedFile : result.file,
          type: 'text/csv; charset=utf-8',
          name: `${base}${excluded ? '-excluded' : ''}.csv`,
          headers: {
            'x-listings-listed': String(result.listed),
            'x-listings-excluded': String(result.excluded),
            'x-listings-sha256': result.sha256,
          },
        }
      })
    },
  )
}
