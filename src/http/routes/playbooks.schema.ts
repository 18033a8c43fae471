import { errorResponseSchema } from '../error.schema.ts'
import { tenantParam } from '../schema-fields.ts'

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
