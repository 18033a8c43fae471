/**
 * A tenant's settings (docs/settings.md): the bounds its plans and settlements keep and when its
 * contacts are proposed. Only what the tenant changed is stored (`StoredSettings`, a JSON column of
 * `tenants`); every other field is the shipped default. Settings are business policy, never law: the
 * compliance packs still judge every contact, so a setting can make Recoup stricter than the statute
 * (a later send time, a shorter plan) but never looser.
 */

import { AppError } from '../errors/index.ts'
import { isCurrencyCode } from '../money/currencies.ts'
import { complementPercent, parsePercent } from '../plans/plan-policy.ts'

/** Bounds a payment plan keeps without an approved exception. */
export interface PlanBounds {
  /** Longest term in calendar months, from the day the plan is agreed to its last due date. */
  maxMonths: number
  /** Most instalments after the down payment; null: only the term limits them. */
  maxInstalments: number | null
  /** Smallest regular instalment in minor units, for currencies not listed below. */
  minInstalmentMinor: number
  /** The smallest regular instalment per ISO currency, in that currency's minor units. */
  minInstalmentMinorByCurrency: Record<string, number>
  /** Smallest down payment as a percentage of the plan total ("0": none needed). */
  minDownPaymentPercent: string
  /** Largest discount off the balance a plan may give, as a percentage. */
  maxDiscountPercent: string
}

/** Bounds a settlement offer keeps. */
export interface SettlementBounds {
  /** Smallest offer as a percentage of the balance ("60": at most 40% off). */
  minOfferPercent: string
  /** Longest validity: days from the offer to its expiry. */
  maxValidityDays: number
}

/** When and how the tenant's contacts go out (the compliance packs decide whether they may). */
export interface ContactPreferences {
  /** Local time ("HH:MM") in the debtor's zone at which the daily run proposes the day's contacts. */
  sendTime: string
  /** One message per debtor, channel and day listing every account due (else one per account). */
  consolidateMessages: boolean
}

/**
 * What one contact costs the tenant, per channel, in minor units of the tenant's default currency
 * (the cost-to-collect report). The defaults are 0 and a field the tenant never set is reported as
 * "not configured", never as free.
 */
export interface ContactCosts {
  /** One email sent. */
  emailMinor: number
  /** One SMS sent. */
  smsMinor: number
  /** One letter printed and mailed. */
  letterMinor: number
  /** One call worked (a call task with an outcome). */
  callMinor: number
}

/** What the tenant changed; every absent field is the default. */
export interface StoredSettings {
  plans?: Partial<PlanBounds>
  settlements?: Partial<SettlementBounds>
  contact?: Partial<Pick<ContactPreferences, 'sendTime'>>
  costs?: Partial<ContactCosts>
}

/** The settings in force: the stored ones laid over the defaults. */
export interface EffectiveSettings {
  timeZone: string
  plans: PlanBounds
  settlements: SettlementBounds
  contact: ContactPreferences
  costs: ContactCosts
}

/** A change: a value sets a field, null puts it back to the default. */
export interface SettingsPatch {
  timeZone?: string
  plans?: { [K in keyof PlanBounds]?: PlanBounds[K] | null }
  settlements?: { [K in keyof SettlementBounds]?: SettlementBounds[K] | null }
  contact?: { [K in keyof ContactPreferences]?: ContactPreferences[K] | null }
  costs?: { [K in keyof ContactCosts]?: ContactCosts[K] | null }
}

/**
 * The shipped defaults (the bounds src/money/money-policy.ts applied to every tenant before settings
 * existed): plans up to 12 months with instalments of at least 25.00 and at most 10% off, no minimum
 * down payment; settlements of at least 60% of the balance valid up to 30 days; contacts at 10:00;
 * contact costs 0 (not configured).
 */
export const DEFAULT_SETTINGS: Omit<EffectiveSettings, 'timeZone'> = {
  plans: {
    maxMonths: 12,
    maxInstalments: null,
    minInstalmentMinor: 2500,
    minInstalmentMinorByCurrency: {},
    minDownPaymentPercent: '0',
    maxDiscountPercent: '10',
  },
  settlements: { minOfferPercent: '60', maxValidityDays: 30 },
  contact: { sendTime: '10:00', consolidateMessages: true },
  costs: { emailMinor: 0, smsMinor: 0, letterMinor: 0, callMinor: 0 },
}

/** Upper bounds that keep a setting plausible (a plan of 120 months is the playbooks' own maximum). */
export const SETTING_LIMITS = {
  maxMonths: 120,
  maxInstalments: 1200,
  minInstalmentMinor: 1_000_000_000_000,
  maxValidityDays: 365,
  unitCostMinor: 1_000_000_000,
} as const

const invalid = (field: string, message: string) =>
  new AppError('invalid_settings', `${field}: ${message}`, { field })

/** Reads the stored JSON (null: nothing stored). Stored text is written by this module only. */
export function parseStoredSettings(text: string | null): StoredSettings {
  if (text === null || text === '') return {}
  return JSON.parse(text) as StoredSettings
}

/** The settings in force for a tenant row's zone, stored JSON and consolidation flag. */
export function effectiveSettings(
  timeZone: string,
  stored: StoredSettings,
  consolidateMessages: boolean,
): EffectiveSettings {
  return {
    timeZone,
    plans: { ...DEFAULT_SETTINGS.plans, ...stored.plans },
    settlements: { ...DEFAULT_SETTINGS.settlements, ...stored.settlements },
    contact: { ...DEFAULT_SETTINGS.contact, ...stored.contact, consolidateMessages },
    costs: { ...DEFAULT_SETTINGS.costs, ...stored.costs },
  }
}

/** The smallest regular instalment of a plan in `currency` (the currency's own, else the general one). */
export function minInstalmentFor(plans: PlanBounds, currency: string): number {
  return plans.minInstalmentMinorByCurrency[currency] ?? plans.minInstalmentMinor
}

function whole(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max)
    throw invalid(field, `must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`)
  return value
}

/** -1, 0 or 1 as percentage `a` is below, equal to or above `b` (exact fractions). */
function comparePercent(a: string, b: string): number {
  const x = parsePercent(a)
  const y = parsePercent(b)
  const left = x.numerator * y.denominator
  const right = y.numerator * x.denominator
  return left < right ? -1 : left > right ? 1 : 0
}

function percent(field: string, value: unknown, min: string, max: string): string {
  if (typeof value !== 'string') throw invalid(field, `must be a percentage as a string ("10", "12.5")`)
  try {
    parsePercent(value)
  } catch {
    throw invalid(field, `"${value}" is not a percentage from 0 to 100 like "10" or "12.5"`)
  }
  if (comparePercent(value, min) < 0 || comparePercent(value, max) > 0)
    throw invalid(field, `must be from ${min} to ${max} percent, not "${value}"`)
  return value
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

type Checks<T> = { [K in keyof T]-?: (field: string, value: unknown) => T[K] }

const PLAN_CHECKS: Checks<PlanBounds> = {
  maxMonths: (f, v) => whole(f, v, 1, SETTING_LIMITS.maxMonths),
  maxInstalments: (f, v) => whole(f, v, 1, SETTING_LIMITS.maxInstalments),
  minInstalmentMinor: (f, v) => whole(f, v, 1, SETTING_LIMITS.minInstalmentMinor),
  minInstalmentMinorByCurrency: (f, v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw invalid(f, 'must be an object of ISO currency codes to whole minor units')
    const out: Record<string, number> = {}
    for (const [currency, amount] of Object.entries(v)) {
      if (!/^[A-Z]{3}$/.test(currency) || !isCurrencyCode(currency))
        throw invalid(`${f}.${currency}`, 'is not an ISO 4217 currency code')
      out[currency] = whole(`${f}.${currency}`, amount, 1, SETTING_LIMITS.minInstalmentMinor)
    }
    return out
  },
  // A plan is instalments: a down payment of the whole total would be a payment, not a plan.
  minDownPaymentPercent: (f, v) => percent(f, v, '0', '99'),
  maxDiscountPercent: (f, v) => percent(f, v, '0', '100'),
}

const SETTLEMENT_CHECKS: Checks<SettlementBounds> = {
  // A settlement must collect something (an offer of 0 is a write-off).
  minOfferPercent: (f, v) => {
    const text = percent(f, v, '0', '100')
    if (parsePercent(text).numerator === 0n) throw invalid(f, 'must be above 0 percent')
    return text
  },
  maxValidityDays: (f, v) => whole(f, v, 1, SETTING_LIMITS.maxValidityDays),
}

const CONTACT_CHECKS: Checks<Pick<ContactPreferences, 'sendTime'>> = {
  sendTime: (f, v) => {
    if (typeof v !== 'string' || !TIME.test(v))
      throw invalid(f, `must be a local time "HH:MM", not ${JSON.stringify(v)}`)
    return v
  },
}

const unitCost = (f: string, v: unknown) => whole(f, v, 0, SETTING_LIMITS.unitCostMinor)

const COST_CHECKS: Checks<ContactCosts> = {
  emailMinor: unitCost,
  smsMinor: unitCost,
  letterMinor: unitCost,
  callMinor: unitCost,
}

/** Applies one group of a patch to the stored group; returns the new group and the fields changed. */
function patchGroup<T extends object>(
  group: string,
  stored: Partial<T> | undefined,
  patch: Record<string, unknown> | undefined,
  checks: Checks<T>,
): { next: Partial<T>; changed: string[] } {
  const next: Record<string, unknown> = { ...stored }
  const changed: string[] = []
  if (patch === undefined) return { next: next as Partial<T>, changed }
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    throw invalid(group, 'must be an object')
  for (const [key, value] of Object.entries(patch)) {
    const field = `${group}.${key}`
    if (!Object.hasOwn(checks, key)) throw invalid(field, 'is not a setting')
    const had = Object.hasOwn(next, key)
    const before = JSON.stringify(next[key])
    if (value === null) delete next[key]
    else next[key] = (checks as Record<string, (f: string, v: unknown) => unknown>)[key]?.(field, value)
    // Setting a field to the default's value is a change too: the field is then the tenant's own.
    if (Object.hasOwn(next, key) !== had || JSON.stringify(next[key]) !== before) changed.push(field)
  }
  return { next: next as Partial<T>, changed }
}

/** The patch applied: the settings to store, the new consolidation flag and the fields that changed. */
export interface PatchedSettings {
  stored: StoredSettings
  effective: EffectiveSettings
  changed: string[]
}

/**
 * Validates a patch strictly (an unknown field, a value out of range or bounds that contradict each
 * other are `invalid_settings` naming the field) and applies it. The time zone must be checked by the
 * caller (`isTimeZone`, which needs the runtime's zone data); here it is only carried over.
 */
export function applySettingsPatch(
  current: EffectiveSettings,
  stored: StoredSettings,
  patch: SettingsPatch,
): PatchedSettings {
  const contactPatch = patch.contact
  const plans = patchGroup('plans', stored.plans, patch.plans, PLAN_CHECKS)
  const settlements = patchGroup('settlements', stored.settlements, patch.settlements, SETTLEMENT_CHECKS)
  const { consolidateMessages, ...sendTimePatch } = contactPatch ?? {}
  const contact = patchGroup(
    'contact',
    stored.contact,
    contactPatch === undefined ? undefined : sendTimePatch,
    CONTACT_CHECKS,
  )
  const costs = patchGroup('costs', stored.costs, patch.costs, COST_CHECKS)
  const changed = [...plans.changed, ...settlements.changed, ...contact.changed, ...costs.changed]
  let consolidate = current.contact.consolidateMessages
  if (consolidateMessages !== undefined) {
    if (consolidateMessages !== null && typeof consolidateMessages !== 'boolean')
      throw invalid('contact.consolidateMessages', 'must be true, false or null')
    const next = consolidateMessages ?? DEFAULT_SETTINGS.contact.consolidateMessages
    if (next !== consolidate) changed.push('contact.consolidateMessages')
    consolidate = next
  }
  const timeZone = patch.timeZone ?? current.timeZone
  if (timeZone !== current.timeZone) changed.unshift('timeZone')
  const next: StoredSettings = {
    ...(Object.keys(plans.next).length > 0 ? { plans: plans.next } : {}),
    ...(Object.keys(settlements.next).length > 0 ? { settlements: settlements.next } : {}),
    ...(Object.keys(contact.next).length > 0 ? { contact: contact.next } : {}),
    ...(Object.keys(costs.next).length > 0 ? { costs: costs.next } : {}),
  }
  const effective = effectiveSettings(timeZone, next, consolidate)
  checkConsistent(effective)
  return { stored: next, effective, changed }
}

/** Bounds that contradict each other: `invalid_settings` naming the field to change. */
function checkConsistent(settings: EffectiveSettings): void {
  const { plans, settlements } = settings
  if (comparePercent(plans.maxDiscountPercent, '100') === 0)
    throw invalid('plans.maxDiscountPercent', 'must be below 100 percent (a plan collects something)')
  // A plan may not give away more than a settlement may: the settlement bounds are the floor of any deal.
  const settlementDiscount = complementPercent(settlements.minOfferPercent)
  if (comparePercent(plans.maxDiscountPercent, settlementDiscount) > 0)
    throw invalid(
      'plans.maxDiscountPercent',
      `${plans.maxDiscountPercent}% off is more than a settlement may give (settlements.minOfferPercent ` +
        `${settlements.minOfferPercent} allows ${settlementDiscount}% off); ` +
        'lower plans.maxDiscountPercent or settlements.minOfferPercent',
    )
}

/**
 * The fields the tenant set itself, dotted ("plans.maxMonths"), in the order of the defaults; message
 * consolidation counts when it differs from the default (it has a column of its own).
 */
export function customisedFields(stored: StoredSettings, consolidateMessages: boolean): string[] {
  const fields: string[] = []
  for (const group of ['plans', 'settlements', 'contact', 'costs'] as const)
    for (const key of Object.keys(DEFAULT_SETTINGS[group]))
      if (Object.hasOwn(stored[group] ?? {}, key)) fields.push(`${group}.${key}`)
  if (consolidateMessages !== DEFAULT_SETTINGS.contact.consolidateMessages)
    fields.push('contact.consolidateMessages')
  return fields
}
