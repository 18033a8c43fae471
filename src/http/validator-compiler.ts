import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

/**
 * Request validation by HTTP part. Bodies are validated, never repaired: an unknown field or a value of
 * the wrong type is a 400 (Fastify's default would drop the field, or turn "1" into true and 12345 into
 * "12345", silently). Path and query parameters arrive as text, so there a declared integer or boolean
 * is read from its text; nothing else is converted. `x-error-code` names the catalogue code a field's
 * failure is reported under (src/http/schema-fields.ts, http-errors.ts).
 */
function ajvFor(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    keywords: ['x-error-code'],
  })
  addFormats.default(ajv)
  return ajv
}

const strict = ajvFor(false)
const fromText = ajvFor(true)

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : fromText).compile(schema)
