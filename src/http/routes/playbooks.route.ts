import type { FastifyInstance } from 'fastify'
import { validatePlaybookText } from '../../app/playbooks/validate-playbook-text.ts'
import { requestContext } from '../auth/request-context.ts'
import { type ValidatePlaybookRequest, validatePlaybookSchema } from './playbooks.schema.ts'

/** Registers POST /playbooks/validate (playbook versions stored in the database are not built yet). */
export function registerPlaybookRoutes(app: FastifyInstance): void {
  app.post<ValidatePlaybookRequest>(
    '/api/v1/tenants/:tenant/playbooks/validate',
    { schema: validatePlaybookSchema, bodyLimit: 2_000_000 },
    async (request) => {
      const { document, format } = request.body
      const playbook = await validatePlaybookText(requestContext(request), {
        text: document,
        ...(format !== undefined ? { format } : {}),
      })
      return { valid: true, ...playbook }
    },
  )
}
