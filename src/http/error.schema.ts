/** JSON schema of the wire format of every error: `{ error: { code, message, details? } }`. */
export const errorResponseSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'stable, machine-readable code, e.g. tenant_not_found' },
        message: { type: 'string', description: 'what went wrong and what to do about it' },
        details: { description: 'structured details, e.g. the failing fields of a request' },
      },
    },
  },
} as const
