import { errorResponseSchema } from '../error.schema.ts'
import { type PageQuery, pageQueryProperties, pageResponse } from '../pagination.schema.ts'
import { dateField, tenantParam } from '../schema-fields.ts'

export interface ValidatePlaybookRequest {
  Params: { tenant: string }
  Body: { document: string; format?: 'yaml' | 'json' }
}

/** POST /api/v1/tenants/:tenant/playbooks/validate */
export const validatePlaybookSchema = {
  summary: 'Validate a playbook',
  description:
    'Checks a playbook document (YAML or JSON text, docs/playbooks.md) with the loader the daily run ' +
    'uses, without saving it. A bad document is 400 invalid_playbook whose details list every problem ' +
    'with its line, column and field path (e.g. stages[2].exits[0].to).',
  tags: ['playbooks'],
  params: { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } },
  body: {
    type: 'object',
    required: ['document'],
    additionalProperties: false,
    properties: {
      document: { type: 'string', minLength: 1, maxLength: 1_000_000, description: 'the playbook text' },
      format: { type: 'string', enum: ['yaml', 'json'], description: 'default: guessed from the text' },
    },
  },
  response: {
    200: {
      description: 'The playbook is valid',
      type: 'object',
      required: ['valid', 'id', 'version', 'description', 'stages'],
      additionalProperties: false,
      properties: {
        valid: { type: 'boolean', const: true },
        id: { type: 'string' },
        version: { type: 'integer' },
        description: { type: ['string', 'null'] },
        stages: { type: 'array', items: { type: 'string' }, description: 'stage keys in order' },
      },
    },
    400: {
      ...errorResponseSchema,
      description: 'invalid_playbook: details is a list of {file, line, column, path, message}',
    },
    403: { ...errorResponseSchema, description: 'The role may not validate playbooks' },
    404: { ...errorResponseSchema, description: 'No such tenant' },
  },
} as const

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
} as const
const stageKeys = { type: 'array', items: { type: 'string' }, description: 'stage keys in order' } as const

const versionProperties = {
  id: { type: 'integer', description: 'the stored version (row) id' },
  playbookId: { type: 'string', description: "the document's id" },
  version: { type: 'integer', description: "the document's version" },
  description: { type: ['string', 'null'] },
  stages: stageKeys,
  active: { type: 'boolean', description: 'the version the daily run applies for this playbook id' },
  createdBy: { type: 'string' },
  createdAt: { type: 'string' },
  activatedAt: { type: ['string', 'null'], description: 'when it was last activated' },
  activatedBy: { type: ['string', 'null'] },
} as const

export const playbookVersion = {
  type: 'object',
  required: Object.keys(versionProperties),
  additionalProperties: false,
  properties: versionProperties,
} as const

const versionParams = {
  type: 'object',
  required: ['tenant', 'id'],
  properties: { tenant: tenantParam, id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } },
} as const
const tenantOnly = { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } } as const

export interface TenantRequest {
  Params: { tenant: string }
}
export interface VersionRequest {
  Params: { tenant: string; id: number }
}
export interface SaveVersionRequest {
  Params: { tenant: string }
  Body: { document: string; format?: 'yaml' | 'json' }
}
export interface ListVersionsRequest {
  Params: { tenant: string }
  Querystring: PageQuery & { playbook?: string }
}
export interface SimulateVersionRequest {
  Params: { tenant: string; id: number }
  Body: { from: string; to: string }
}

/** GET /api/v1/tenants/:tenant/playbooks */
export const effectivePlaybooksSchema = {
  summary: 'The playbooks the daily run applies',
  description:
    "The shipped playbooks, each replaced by the tenant's active stored version of the same id, plus " +
    'the tenant\'s active playbooks of other ids (docs/playbooks.md, "Stored versions").',
  tags: ['playbooks'],
  params: tenantOnly,
  response: {
    200: {
      type: 'array',
      items: {
        type: 'object',
        required: ['playbookId', 'version', 'description', 'stages', 'origin', 'versionId', 'document'],
        additionalProperties: false,
        properties: {
          playbookId: { type: 'string' },
          version: { type: 'integer' },
          description: { type: ['string', 'null'] },
          stages: stageKeys,
          origin: { type: 'string', enum: ['shipped', 'tenant'] },
          versionId: { type: ['integer', 'null'], description: 'the stored version; null when shipped' },
          document: {
            type: 'object',
            additionalProperties: true,
            description:
              'the whole document as loaded (docs/playbooks.md): segments, stages with entry, exits and steps',
          },
        },
      },
    },
    ...errors,
  },
} as const

/** POST /api/v1/tenants/:tenant/playbooks/versions */
export const saveVersionSchema = {
  summary: 'Save a playbook version (inactive)',
  description:
    "Validates the document like POST /playbooks/validate and stores it under the document's own id " +
    'and version, inactive. The same document again answers 200 with the stored version; another ' +
    'document under a stored id and version is 409 playbook_version_exists.',
  tags: ['playbooks'],
  params: tenantOnly,
  body: validatePlaybookSchema.body,
  response: {
    200: { ...playbookVersion, description: 'The same document was already stored' },
    201: { ...playbookVersion, description: 'Stored, inactive' },
    ...errors,
    409: { ...errorResponseSchema, description: 'playbook_version_exists' },
  },
} as const

/** GET /api/v1/tenants/:tenant/playbooks/versions */
export const listVersionsSchema = {
  summary: "List the tenant's stored playbook versions",
  description: 'Newest first; `playbook` keeps one playbook id.',
  tags: ['playbooks'],
  params: tenantOnly,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...pageQueryProperties(['id']),
      playbook: { type: 'string', minLength: 1, maxLength: 200, description: 'a playbook id' },
    },
  },
  response: { 200: pageResponse(playbookVersion), ...errors },
} as const

/** GET /api/v1/tenants/:tenant/playbooks/versions/:id */
export const getVersionSchema = {
  summary: 'Get a stored playbook version with its text',
  tags: ['playbooks'],
  params: versionParams,
  response: {
    200: {
      type: 'object',
      required: [...Object.keys(versionProperties), 'source'],
      additionalProperties: false,
      properties: { ...versionProperties, source: { type: 'string', description: 'the text as saved' } },
    },
    ...errors,
  },
} as const

/** POST /api/v1/tenants/:tenant/playbooks/versions/:id/activate */
export const activateVersionSchema = {
  summary: 'Activate a stored playbook version',
  description:
    'It becomes the active version of its playbook id (the one active before goes inactive) and ' +
    "applies from the tenant's next daily run. Journaled as playbook.activated.",
  tags: ['playbooks'],
  params: versionParams,
  response: { 200: playbookVersion, ...errors },
} as const

const tallyProperties = {
  entered: { type: 'integer' },
  escalated: { type: 'integer' },
  actions: { type: 'integer' },
  wouldSend: { type: 'integer' },
  awaitingApproval: { type: 'integer' },
  blocked: { type: 'integer' },
  deferred: { type: 'integer' },
  paid: { type: 'integer' },
  byAction: { type: 'object', additionalProperties: { type: 'integer' } },
  blockedByRule: { type: 'object', additionalProperties: { type: 'integer' } },
} as const
const tally = {
  type: 'object',
  required: Object.keys(tallyProperties),
  additionalProperties: false,
  properties: tallyProperties,
} as const

/** POST /api/v1/tenants/:tenant/playbooks/versions/:id/simulate */
export const simulateVersionSchema = {
  summary: 'Simulate a stored playbook version over past days',
  description:
    "Replays the recorded ledger through the tenant's playbooks with this version in place of its " +
    'playbook id, as `recoup simulate` does. Sends and writes nothing.',
  tags: ['playbooks'],
  params: versionParams,
  body: {
    type: 'object',
    required: ['from', 'to'],
    additionalProperties: false,
    properties: {
      from: dateField('first day replayed'),
      to: dateField('last day replayed'),
    },
  },
  response: {
    200: {
      type: 'object',
      required: [
        'from',
        'to',
        'days',
        'playbooks',
        'accounts',
        'undecided',
        'stoppedByPayment',
        'totals',
        'rows',
      ],
      additionalProperties: false,
      properties: {
        from: { type: 'string' },
        to: { type: 'string' },
        days: { type: 'integer' },
        playbooks: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'version'],
            additionalProperties: false,
            properties: { id: { type: 'string' }, version: { type: 'integer' } },
          },
        },
        accounts: {
          type: 'object',
          required: ['replayed', 'treated', 'openAtEnd'],
          additionalProperties: false,
          properties: {
            replayed: { type: 'integer' },
            treated: { type: 'integer' },
            openAtEnd: { type: 'integer' },
          },
        },
        undecided: {
          type: 'array',
          items: {
            type: 'object',
            required: ['account', 'on', 'reason'],
            additionalProperties: false,
            properties: { account: { type: 'string' }, on: { type: 'string' }, reason: { type: 'string' } },
          },
        },
        stoppedByPayment: {
          type: 'object',
          required: ['accounts', 'actionsAfterPayment'],
          additionalProperties: false,
          properties: { accounts: { type: 'integer' }, actionsAfterPayment: { type: 'integer' } },
        },
        totals: tally,
        rows: {
          type: 'array',
          items: {
            type: 'object',
            required: [...Object.keys(tallyProperties), 'playbookId', 'stage', 'variant'],
            additionalProperties: false,
            properties: {
              ...tallyProperties,
              playbookId: { type: 'string' },
              stage: { type: 'string' },
              variant: { type: 'string' },
            },
          },
        },
      },
    },
    ...errors,
  },
} as const
