import type { FastifyInstance } from 'fastify'
import {
  activatePlaybookVersion,
  getPlaybookVersion,
  listEffectivePlaybooks,
  listPlaybookVersions,
  savePlaybookVersion,
  simulatePlaybookVersion,
} from '../../app/playbooks/manage-playbooks.ts'
import { validatePlaybookText } from '../../app/playbooks/validate-playbook-text.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  activateVersionSchema,
  effectivePlaybooksSchema,
  getVersionSchema,
  type ListVersionsRequest,
  listVersionsSchema,
  type SaveVersionRequest,
  type SimulateVersionRequest,
  saveVersionSchema,
  simulateVersionSchema,
  type TenantRequest,
  type ValidatePlaybookRequest,
  type VersionRequest,
  validatePlaybookSchema,
} from './playbooks.schema.ts'

const BASE = '/api/v1/tenants/:tenant/playbooks'

/** Registers the playbook routes: validate, the effective set, stored versions, simulate, activate. */
export function registerPlaybookRoutes(app: FastifyInstance): void {
  app.post<ValidatePlaybookRequest>(
    `${BASE}/validate`,
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
  app.get<TenantRequest>(BASE, { schema: effectivePlaybooksSchema }, async (request) =>
    listEffectivePlaybooks(requestContext(request)),
  )
  app.post<SaveVersionRequest>(
    `${BASE}/versions`,
    { schema: saveVersionSchema, bodyLimit: 2_000_000 },
    async (request, reply) => {
      const { document, format } = request.body
      const saved = await savePlaybookVersion(requestContext(request), {
        text: document,
        ...(format !== undefined ? { format } : {}),
      })
      return reply.status(saved.created ? 201 : 200).send(saved.version)
    },
  )
  app.get<ListVersionsRequest>(`${BASE}/versions`, { schema: listVersionsSchema }, async (request) =>
    listPlaybookVersions(requestContext(request), request.query),
  )
  app.get<VersionRequest>(`${BASE}/versions/:id`, { schema: getVersionSchema }, async (request) =>
    getPlaybookVersion(requestContext(request), { id: request.params.id }),
  )
  app.post<VersionRequest>(
    `${BASE}/versions/:id/activate`,
    { schema: activateVersionSchema },
    async (request) => activatePlaybookVersion(requestContext(request), { id: request.params.id }),
  )
  app.post<SimulateVersionRequest>(
    `${BASE}/versions/:id/simulate`,
    { schema: simulateVersionSchema },
    async (request) =>
      simulatePlaybookVersion(requestContext(request), { id: request.params.id, ...request.body }),
  )
}
