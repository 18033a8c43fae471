import type { ErrorCode } from '../core/errors/index.ts'

/**
 * Request fields shared by the routes' schemas. Each carries `x-error-code`: the catalogue code a value
 * that fails the schema is reported under (http-errors.ts), so a bad date is `invalid_date` over HTTP
 * as on the CLI, not a generic `invalid_request`.
 */
const withCode = <T extends object>(code: ErrorCode, schema: T) =>
  ({ ...schema, 'x-error-code': code }) as const

/** A tenant slug in the path. */
export const tenantParam = withCode('invalid_slug', {
  type: 'string',
  pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  description: 'tenant slug',
} as const)

/** A calendar date, YYYY-MM-DD. */
export const dateField = (description: string) =>
  withCode('invalid_date', { type: 'string', format: 'date', description } as const)

/** A decimal amount in the account currency, as a string ("120.50"). */
export const amountField = (description: string) =>
  withCode('invalid_amount', {
    type: 'string',
    maxLength: 30,
    pattern: '^[0-9]+(\\.[0-9]+)?$',
    description,
  } as const)

/** A payment or bank reference (trimmed by the use case). */
export const referenceField = (description?: string) =>
  withCode('invalid_reference', {
    type: 'string',
    minLength: 1,
    maxLength: 200,
    ...(description ? { description } : {}),
  } as const)

/** A reason a person wrote. */
export const reasonField = (description: string) =>
  withCode('invalid_reason', { type: 'string', minLength: 1, maxLength: 500, description } as const)
