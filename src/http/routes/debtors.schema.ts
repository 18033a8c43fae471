import { DEBTOR_SORTS } from '../../store/records/debtors-read.repository.ts'
import { errorResponseSchema } from '../error.schema.ts'
import { tenantParam } from '../schema-fields.ts'
import {
  nullableString,
  type PageQuery,
  pageResponse,
  readErrors,
  record,
  recordPageQuery,
  tenantOnly,
} from './records.schema.ts'

const debtorProperties = {
  id: { type: 'string', description: 'debtor external id' },
  kind: { type: 'string', enum: ['person', 'business'] },
  name: { type: 'string' },
  givenName: nullableString,
  familyName: nullableString,
  preferredLanguage: nullableString,
  statedTimeZone: { ...nullableString, description: 'IANA zone the debtor stated (overrides the address)' },
} as const

const etag = {
  type: 'string',
  description: 'the strong ETag of this version (also the ETag header)',
} as const

const contactPoint = record({
  id: { type: 'integer', description: 'contact point id (PATCH /contact-points/:id)' },
  kind: { type: 'string', enum: ['phone', 'email', 'postal'] },
  phoneType: nullableString,
  value: { type: 'string' },
  consent: { type: 'string', enum: ['unknown', 'granted', 'revoked'] },
  consentAt: nullableString,
  optedOutAt: nullableString,
  timeZone: nullableString,
  undeliverableAt: nullableString,
  etag,
})

/** Path and query of GET /api/v1/tenants/:tenant/debtors. */
export interface ListDebtorsRequest {
  Params: { tenant: string }
  Querystring: PageQuery & { namePrefix?: string; externalId?: string }
}

export const listDebtorsSchema = {
  summary: 'List debtors',
  description:
    "The tenant's debtors (an agency user's: those with an account of their clients), by name prefix or " +
    'external id, cursor-paged, sorted by name unless `sort` says otherwise.',
  tags: ['debtors'],
  params: tenantOnly,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...recordPageQuery(DEBTOR_SORTS),
      namePrefix: { type: 'string', minLength: 1, maxLength: 200, description: 'names starting with this' },
      externalId: { type: 'string', minLength: 1, maxLength: 200 },
    },
  },
  response: { 200: pageResponse(record(debtorProperties)), ...readErrors },
} as const

const debtorPath = {
  type: 'object',
  required: ['tenant', 'debtor'],
  properties: {
    tenant: tenantParam,
    debtor: { type: 'string', minLength: 1, maxLength: 200, description: 'debtor external id' },
  },
} as const

/** Path of GET/PATCH /api/v1/tenants/:tenant/debtors/:debtor. */
export interface DebtorPathRequest {
  Params: { tenant: string; debtor: string }
}

const debtorWithTag = record({ ...debtorProperties, etag })

export const getDebtorSchema = {
  summary: 'Get a debtor',
  description:
    'One debtor by external id with its contact points (consent, opt-out, zone, deliverability) and ' +
    'addresses. The `ETag` header (and `etag`) names this version for PATCH.',
  tags: ['debtors'],
  params: debtorPath,
  response: {
    200: record({
      ...debtorProperties,
      etag,
      contactPoints: { type: 'array', items: contactPoint },
      addresses: {
        type: 'array',
        items: record({
          id: { type: 'integer' },
          line1: nullableString,
          line2: nullableString,
          city: nullableString,
          region: nullableString,
          postalCode: nullableString,
          country: { type: 'string' },
          timeZone: nullableString,
          isPrimary: { type: 'boolean' },
        }),
      },
    }),
    ...readErrors,
  },
} as const

const ifMatchHeader = {
  type: 'object',
  properties: { 'if-match': { type: 'string', description: 'the ETag of the version read (required)' } },
} as const

const updateErrors = {
  400: errorResponseSchema,
  404: errorResponseSchema,
  412: errorResponseSchema,
  428: errorResponseSchema,
} as const

/** PATCH /debtors/:debtor as typed in the handler. */
export interface UpdateDebtorRequest extends DebtorPathRequest {
  Headers: { 'if-match'?: string }
  Body: { preferredLanguage?: string | null; statedTimeZone?: string | null }
}

export const updateDebtorSchema = {
  summary: "Update a debtor's preferences",
  description:
    'Sets the preferred language and the stated time zone (null clears them). Needs `If-Match` with the ' +
    'ETag of the version read: none is 428 `precondition_required`, a stale one 412 `precondition_failed`. ' +
    'Journaled with the actor; answers the new version and its ETag.',
  tags: ['debtors'],
  params: debtorPath,
  headers: ifMatchHeader,
  body: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      preferredLanguage: {
        type: ['string', 'null'],
        maxLength: 35,
        'x-error-code': 'invalid_locale',
        description: 'BCP 47 tag: en, es-US',
      },
      statedTimeZone: {
        type: ['string', 'null'],
        maxLength: 64,
        'x-error-code': 'invalid_time_zone',
        description: 'IANA zone',
      },
    },
  },
  response: { 200: debtorWithTag, ...updateErrors },
} as const

const contactPointPath = {
  type: 'object',
  required: ['tenant', 'id'],
  properties: {
    tenant: tenantParam,
    id: { type: 'integer', minimum: 1, maximum: 9007199254740991, description: 'contact point id' },
  },
} as const

/** Path of GET /contact-points/:id. */
export interface ContactPointPathRequest {
  Params: { tenant: string; id: number }
}

export const getContactPointSchema = {
  summary: 'Get a contact point',
  description:
    'One contact point by id with its consent, opt-out and zone; the `ETag` header names this version.',
  tags: ['debtors'],
  params: contactPointPath,
  response: { 200: contactPoint, ...readErrors },
} as const

/** PATCH /contact-points/:id as typed in the handler. */
export interface UpdateContactPointRequest {
  Params: { tenant: string; id: number }
  Headers: { 'if-match'?: string }
  Body: { consent?: 'granted' | 'revoked'; timeZone?: string | null }
}

export const updateContactPointSchema = {
  summary: "Update a contact point's consent and zone",
  description:
    "Records the debtor's consent (granted) or its revocation (revoked: also the opt-out time) and the " +
    "point's time zone (null: the debtor's). Granting does not undo an earlier opt-out. Needs `If-Match` " +
    '(428 without, 412 when stale); journaled with the actor.',
  tags: ['debtors'],
  params: contactPointPath,
  headers: ifMatchHeader,
  body: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      consent: { type: 'string', enum: ['granted', 'revoked'] },
      timeZone: { type: ['string', 'null'], maxLength: 64, 'x-error-code': 'invalid_time_zone' },
    },
  },
  response: { 200: contactPoint, ...updateErrors },
} as const
