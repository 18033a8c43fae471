/**
 * One jurisdiction's entry: everything Recoup varies by jurisdiction, in one place
 * (docs/jurisdictions.md). A subdivision's entry (`US-MA`) sets only what differs from its country's
 * (`US`); `jurisdictionFor` merges the chain, nearest first.
 */
import type { AllocationPolicyId } from '../allocation/allocation-policies.ts'
import type { BusinessCalendar } from '../calendar/business-days.ts'
import type { LimitationPreset } from '../compliance/limitation-presets.ts'
import type { RulePack } from '../compliance/rule-pack.ts'

/** A statutory late-payment interest regime; the computation lives in src/core/interest/statutory-interest.ts. */
export interface InterestRegime {
  /** `gb-late-payment` (ukLatePayment), `eu-late-payment` (euLatePayment), `in-msmed` (indiaMsmed). */
  id: 'gb-late-payment' | 'eu-late-payment' | 'in-msmed'
  citation: string
  /** The debts it covers: all three regimes are for commercial (B2B) debts. */
  debtKind: 'commercial'
}

/** Address plausibility rules for intake and letters. */
export interface AddressRules {
  /** The postal code pattern (whole value, upper case), or null where the country has none (UAE). */
  postcode: RegExp | null
}

/** Phone rules for intake and dialling. */
export interface PhoneRules {
  /** ITU-T E.164 country calling code, digits only ("1", "44"). */
  callingCode: string
}

/** An entry as written in a jurisdiction's file; a subdivision omits what it inherits. */
export interface JurisdictionEntry {
  /** ISO 3166-1 alpha-2, or ISO 3166-2 for a subdivision (`US-MA`), or a city below it (`US-NY-NYC`). */
  code: string
  name: string
  /** Other spellings of the code (`UK` for `GB`, `EL` for `GR`). */
  aliases?: readonly string[]
  /** Consumer rule packs this level adds; a subdivision also gets its parents' packs. */
  packs?: readonly RulePack<unknown>[]
  /** Default allocation policy, and the one for consumer loans in default where it differs. */
  allocation?: { default: AllocationPolicyId; consumerLoan?: AllocationPolicyId }
  /** Statutory late-payment interest, or null where Recoup models none. */
  interest?: InterestRegime | null
  /** Limitation presets the commercial pack applies to business debts (consumer periods are in the packs). */
  commercialLimitation?: LimitationPreset
  /** Business days: weekends plus public holidays. */
  calendar?: () => BusinessCalendar
  /** ISO 4217 currency accounts are normally kept in. */
  currency?: string
  address?: AddressRules
  phone?: PhoneRules
}
