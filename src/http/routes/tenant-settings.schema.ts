/**
 * GET and PATCH /api/v1/tenants/:tenant/settings (docs/settings.md): the tenant's time zone, plan and
 * settlement bounds and contact preferences. Ranges here mirror the use case's checks
 * (core/tenants/tenant-settings.ts), which also judge the bounds together.
 */
import type { SettingsPatch } from '../../core/tenants/tenant-settings.ts'
import { SETTING_LIMITS } from '../../core/tenants/tenant-settings.ts'
import { errorResponseSchema } from '../error.schema.ts'
import { record, tenantOnly } from './records.schema.ts'

const PERCENT = '^[0-9]{1,3}(\\.[0-9]{1,6})?$'
const percent = (description: string) => ({ type: 'string', pattern: PERCENT, description }) as const
const minorByCurrency = {
  type: 'object',
  maxProperties: 200,
  propertyNames: { pattern: '^[A-Z]{3}$' },
  additionalProperties: { type: 'integer', minimum: 1, maximum: SETTING_LIMITS.minInstalmentMinor },
  description: 'ISO 4217 currency -> smallest regular instalment in its minor units',
} as const

const planFields = {
  maxMonths: {
    type: 'integer',
    minimum: 1,
    maximum: SETTING_LIMITS.maxMonths,
    description: 'longest term in calendar months',
  },
  maxInstalments: {
    type: ['integer', 'null'],
    minimum: 1,
    maximum: SETTING_LIMITS.maxInstalments,
    description: 'most instalments after the down payment (null: only the term limits them)',
  },
  minInstalmentMinor: {
    type: 'integer',
    minimum: 1,
    maximum: SETTING_LIMITS.minInstalmentMinor,
    description: 'smallest regular instalment, minor units, for currencies not listed by currency',
  },
  minInstalmentMinorByCurrency: minorByCurrency,
  minDownPaymentPercent: percent('smallest down payment, percent of the plan total (0 to 99)'),
  maxDiscountPercent: percent('largest discount off the balance, percent (below 100)'),
} as const

const settlementFields = {
  minOfferPercent: percent('smallest offer, percent of the balance (above 0)'),
  maxValidityDays: {
    type: 'integer',
    minimum: 1,
    maximum: SETTING_LIMITS.maxValidityDays,
    description: 'longest validity of an offer, days',
  },
} as const

const contactFields = {
  sendTime: {
    type: 'string',
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
    description: "local time in the debtor's zone at which the daily run proposes contacts",
  },
  consolidateMessages: {
    type: 'boolean',
    description: 'one message per debtor, channel and day listing every account due',
  },
} as const

const unitCost = (what: string) =>
  ({
    type: 'integer',
    minimum: 0,
    maximum: SETTING_LIMITS.unitCostMinor,
    description: `what ${what} costs, minor units of the tenant's default currency (0 and never set: not configured)`,
  }) as const

const costFields = {
  emailMinor: unitCost('one email'),
  smsMinor: unitCost('one SMS'),
  letterMinor: unitCost('one letter printed and mailed'),
  callMinor: unitCost('one call worked'),
} as const

const plans = record(planFields)
const settlements = record(settlementFields)
const contact = record(contactFields)
const costs = record(costFields)

const settingsBody = {
  timeZone: { type: 'string', description: 'IANA zone: days past due and "today" are counted there' },
  plans,
  settlements,
  contact,
  costs,
} as const

/** The settings in force, the defaults, and the version's ETag. */
export const tenantSettings = record({
  ...settingsBody,
  customised: {
    type: 'array',
    items: { type: 'string' },
    description: 'the fields the tenant set itself ("plans.maxMonths"); the others are the defaults',
  },
  defaults: record({ plans, settlements, contact, costs }, 'what applies to a field the tenant did not set'),
  etag: { type: 'string', description: 'the strong ETag of this version (also the ETag header)' },
})

/** Each field of a group may be set, or null to put it back to the default. */
function patchOf<P extends Record<string, { type: string | readonly string[] }>>(fields: P) {
  const properties = Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [
      name,
      { ...field, type: [...new Set([field.type, 'null'].flat())] },
    ]),
  )
  return {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    'x-error-code': 'invalid_settings',
    properties,
  } as const
}

/** PATCH /settings as typed in the handler. */
export interface UpdateTenantSettingsRequest {
  Params: { tenant: string }
  Headers: { 'if-match'?: string }
  Body: SettingsPatch
}

/** GET /settings. */
export interface TenantSettingsRequest {
  Params: { tenant: string }
}

export const getTenantSettingsSchema = {
  summary: "Get the tenant's settings",
  description:
    "The time zone, plan bounds, settlement bounds and contact preferences in force (the tenant's own " +
    'over the defaults), the defaults themselves, and an `ETag` for PATCH. Admins and managers.',
  tags: ['settings'],
  params: tenantOnly,
  response: { 200: tenantSettings, 400: errorResponseSchema, 404: errorResponseSchema },
} as const

export const updateTenantSettingsSchema = {
  summary: "Change the tenant's settings",
  description:
    'Sets any of the fields; null puts a field back to its default. Needs `If-Match` with the ETag ' +
    'read (428 `precondition_required` without, 412 `precondition_failed` when stale). Every field is ' +
    'checked and the bounds together: `invalid_settings` names the field. Journaled as ' +
    '`tenant.settings_updated`. Settings never loosen compliance rules: the packs still judge every ' +
    'contact. Admins only.',
  tags: ['settings'],
  params: tenantOnly,
  headers: {
    type: 'object',
    properties: { 'if-match': { type: 'string', description: 'the ETag of the version read (required)' } },
  },
  body: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      timeZone: {
        type: 'string',
        maxLength: 64,
        'x-error-code': 'invalid_time_zone',
        description: 'IANA zone',
      },
      plans: patchOf(planFields),
      settlements: patchOf(settlementFields),
      contact: patchOf(contactFields),
      costs: patchOf(costFields),
    },
    examples: [
      { plans: { maxMonths: 6, minDownPaymentPercent: '10' }, settlements: { minOfferPercent: '70' } },
    ],
  },
  response: {
    200: tenantSettings,
    400: errorResponseSchema,
    404: errorResponseSchema,
    412: errorResponseSchema,
    428: errorResponseSchema,
  },
} as const
