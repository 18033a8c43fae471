import { errorResponseSchema } from '../error.schema.ts'

/** GET /health: liveness plus a database round trip; nothing secret (no URL, no file path). */
export const healthSchema = {
  summary: 'Service health',
  description: 'Answers when the server runs and its database responds.',
  tags: ['system'],
  response: {
    200: {
      description: 'The server runs and its database answers',
      type: 'object',
      required: ['status', 'database', 'version'],
      properties: {
        status: { type: 'string', enum: ['ok'] },
        database: { type: 'string', enum: ['sqlite', 'postgres'] },
        version: { type: 'string' },
      },
    },
    503: { ...errorResponseSchema, description: 'The database does not answer' },
  },
} as const
