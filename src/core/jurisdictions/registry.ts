/**
 * The jurisdiction registry: every supported jurisdiction's entry, and `jurisdictionFor`, which resolves
 * a code (any case, subdivisions included) to the merged entry that applies. Adding a jurisdiction is
 * one file and one line in ENTRIES (checklist in docs/jurisdictions.md).
 */
import type { AllocationDebtKind, AllocationPolicyId } from '../allocation/allocation-policies.ts'
import { type BusinessCalendar, businessCalendar } from '../calendar/business-days.ts'
import type { LimitationPreset } from '../compliance/limitation-presets.ts'
import type { RulePack } from '../compliance/rule-pack.ts'
import { isSubdivisionCode } from '../intake/iso-3166.ts'
import { AE } from './ae.ts'
import { AU, AU_STATES } from './au/au.ts'
import { EU_MEMBERS } from './eu.ts'
import { GB, GB_NIR, GB_SCT } from './gb.ts'
import { IN } from './in.ts'
import type { AddressRules, InterestRegime, JurisdictionEntry, PhoneRules } from './jurisdiction.ts'
import { US } from './us.ts'
import { US_CA } from './us-ca.ts'
import { US_FL } from './us-fl.ts'
import { US_MA } from './us-ma.ts'
import { US_NY } from './us-ny.ts'
import { US_NY_NYC } from './us-ny-nyc.ts'
import { US_TX } from './us-tx.ts'
import { US_WA } from './us-wa.ts'

/** Every entry, in the order their packs are reported (federal before state before city). */
export const ENTRIES: readonly JurisdictionEntry[] = [
  US,
  US_MA,
  US_NY,
  US_NY_NYC,
  US_WA,
  US_CA,
  US_FL,
  US_TX,
  IN,
  GB,
  GB_SCT,
  GB_NIR,
  ...EU_MEMBERS,
  AE,
  AU,
  ...AU_STATES,
]

const WEEKENDS_ONLY = businessCalendar({ holidays: () => [] })

/** What an unknown jurisdiction gets today: no packs, the contract-default allocation, no holidays. */
const UNKNOWN: JurisdictionEntry = {
  code: '*',
  name: 'unknown jurisdiction',
  packs: [],
  allocation: { default: 'default-costs-first' },
  interest: null,
  calendar: () => WEEKENDS_ONLY,
}

/** A jurisdiction as it applies: its entry merged over its parents'. */
export interface Jurisdiction {
  /** The entry that matched (`US` for an unknown state `US-ZZ`), or `*` when none did. */
  code: string
  name: string
  /** False for `*`: no entry matched. */
  known: boolean
  /** The matched entry and its parents, country first. */
  chain: readonly JurisdictionEntry[]
  /** Consumer packs of the chain, country first (the commercial pack applies everywhere on its own). */
  packs: readonly RulePack<unknown>[]
  /** The default allocation policy id for a debt kind. */
  allocationPolicyId(debtKind: AllocationDebtKind): AllocationPolicyId
  interest: InterestRegime | null
  commercialLimitation: LimitationPreset | null
  /** Weekends plus public holidays (built on first use). */
  calendar(): BusinessCalendar
  currency: string | null
  address: AddressRules | null
  phone: PhoneRules | null
}

// Maps, not objects: a code such as "constructor" or "__proto__" is simply unknown.
const byCode = new Map<string, JurisdictionEntry>()
for (const entry of ENTRIES) {
  for (const code of [entry.code, ...(entry.aliases ?? [])]) {
    if (byCode.has(code)) throw new Error(`jurisdiction ${code} is registered twice`)
    byCode.set(code, entry)
  }
}
const resolved = new Map<string, Jurisdiction>()

/** The entry for the longest known prefix of `code` (`US-NY-NYC-X` -> `US-NY-NYC`), or null. */
function match(code: string): JurisdictionEntry | null {
  // Not trimmed: policyFor and the packs never trimmed, and intake trims before a code is stored.
  const parts = code.toUpperCase().split('-')
  for (let n = parts.length; n > 0; n--) {
    const entry = byCode.get(parts.slice(0, n).join('-'))
    if (entry) return entry
  }
  return null
}

/** `entry` and its registered parents, country first. */
function chainOf(entry: JurisdictionEntry): JurisdictionEntry[] {
  const parts = entry.code.split('-')
  const chain: JurisdictionEntry[] = []
  for (let n = 1; n < parts.length; n++) {
    const parent = byCode.get(parts.slice(0, n).join('-'))
    if (parent) chain.push(parent)
  }
  chain.push(entry)
  return chain
}

/** The nearest value of `field` along the chain (leaf first), or undefined. */
function nearest<K extends keyof JurisdictionEntry>(
  chain: readonly JurisdictionEntry[],
  field: K,
): JurisdictionEntry[K] | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const value = chain[i]?.[field]
    if (value !== undefined) return value
  }
  return undefined
}

function resolve(entry: JurisdictionEntry, known: boolean): Jurisdiction {
  const chain = known ? chainOf(entry) : [entry]
  const allocation = nearest(chain, 'allocation') ?? { default: 'default-costs-first' }
  const calendar = nearest(chain, 'calendar') ?? (() => WEEKENDS_ONLY)
  return {
    code: entry.code,
    name: entry.name,
    known,
    chain,
    packs: [...new Set(chain.flatMap((e) => e.packs ?? []))],
    allocationPolicyId: (debtKind) =>
      debtKind === 'consumer_loan' ? (allocation.consumerLoan ?? allocation.default) : allocation.default,
    interest: nearest(chain, 'interest') ?? null,
    commercialLimitation: nearest(chain, 'commercialLimitation') ?? null,
    calendar,
    currency: nearest(chain, 'currency') ?? null,
    address: nearest(chain, 'address') ?? null,
    phone: nearest(chain, 'phone') ?? null,
  }
}

/**
 * The jurisdiction that applies to `code` (ISO 3166-1 or 3166-2, any case): the entry of its longest
 * registered prefix merged over its parents; unknown codes get the `*` entry (today's behaviour).
 */
export function jurisdictionFor(code: string): Jurisdiction {
  const entry = match(code) ?? UNKNOWN
  let jurisdiction = resolved.get(entry.code)
  if (!jurisdiction) {
    jurisdiction = resolve(entry, entry !== UNKNOWN)
    // Keyed by entry code, not by the caller's text: the cache never grows past the registry.
    resolved.set(entry.code, jurisdiction)
  }
  return jurisdiction
}

const coverage = new Map<string, boolean>()

/**
 * True when a registered entry covers `code` itself: the code is registered, or it is an ISO 3166-2
 * subdivision of a registered country (`US-DE`, `DE-BY`: the country's packs), or a place below a
 * registered subdivision (`US-NY-BUF`). `ZZ`, `BR` and `US-ZZ` (no state) are not covered: compliance
 * blocks them unless the tenant set a default pack (docs/compliance-check.md).
 */
export function isCoveredJurisdiction(code: string): boolean {
  const cached = coverage.get(code)
  if (cached !== undefined) return cached
  const entry = match(code)
  let covered = entry !== null
  if (entry !== null && !entry.code.includes('-')) {
    const parts = code.toUpperCase().split('-')
    if (parts.length > 1) covered = isSubdivisionCode(`${entry.code}-${parts[1]}`)
  }
  // Codes come from requests: the bound only guards against unbounded junk input.
  if (coverage.size < 10_000) coverage.set(code, covered)
  return covered
}

/** Every consumer rule pack of the registry, once each, in ENTRIES order. */
export function registeredPacks(): RulePack<unknown>[] {
  return [...new Set(ENTRIES.flatMap((e) => e.packs ?? []))]
}

/** The commercial limitation presets by entry code (own entries only; subdivisions inherit by prefix in the pack). */
export function commercialLimitations(): Record<string, LimitationPreset> {
  const out: Record<string, LimitationPreset> = {}
  for (const entry of ENTRIES) if (entry.commercialLimitation) out[entry.code] = entry.commercialLimitation
  return out
}
