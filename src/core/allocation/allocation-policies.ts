/**
 * Named allocation policies per jurisdiction and contract, as data (docs/money-flows.md). They are
 * defaults a tenant may override per contract, not legal advice: each names the rule it follows and
 * what it leaves out, so counsel can check one line instead of reading code.
 */
import { jurisdictionFor } from '../jurisdictions/registry.ts'
import type { AllocationPolicy } from './allocate-payment.ts'

/** A policy with the source that justifies it. */
export interface NamedAllocationPolicy extends AllocationPolicy {
  /** Human label for settings screens. */
  label: string
  /** Statute, regulation or practice the order follows. */
  source: string
  /** What the policy does not model. */
  note: string
}

export const ALLOCATION_POLICIES = {
  'de-bgb-367': {
    id: 'de-bgb-367',
    label: 'Germany: costs, then interest, then principal',
    order: 'components_first',
    // Fees (dunning, collection) are "Kosten" in the sense of s.367, so they rank with costs.
    componentOrder: ['cost', 'fee', 'interest', 'principal'],
    crossAccount: false,
    skipDisputed: false,
    source: 'BGB s.367(1); debtor designation BGB s.366(1), refusable by the creditor under s.367(2)',
    note:
      'Several debts (s.366(2): due first, least secured, most burdensome, oldest) need facts the core does ' +
      'not have, so the payment stays on the referenced account. Consumer loans in default use de-bgb-497.',
  },
  'de-bgb-497': {
    id: 'de-bgb-497',
    label: 'Germany, consumer loan in default: costs, then principal, then interest',
    order: 'components_first',
    componentOrder: ['cost', 'fee', 'principal', 'interest'],
    crossAccount: false,
    skipDisputed: false,
    source: 'BGB s.497(3) sentence 1 (mandatory, overrides s.367(1) for consumer loan agreements in default)',
    note:
      'Does not apply to real-estate consumer loans (s.497(4)) or to payments on enforcement titles whose main ' +
      'claim is interest (s.497(3) sentence 5); pick de-bgb-367 for those.',
  },
  'gb-practice': {
    id: 'gb-practice',
    label: 'United Kingdom: costs, then interest, then principal',
    order: 'components_first',
    componentOrder: ['cost', 'fee', 'interest', 'principal'],
    crossAccount: false,
    skipDisputed: false,
    source:
      'Common-law appropriation (debtor first, then creditor; Clayton’s Case for running accounts); ' +
      'interest and fixed sums under the Late Payment of Commercial Debts (Interest) Act 1998 s.5A ' +
      'treated as charges ranking before principal, the usual contractual clause',
    note:
      'The Act grants the interest and compensation but prescribes no order. Regulated consumer credit with ' +
      'several agreements (CCA 1974 s.81, CONC 6.4.2R) needs the customer’s designation or a pro-rata split ' +
      'for secured/hire agreements: use payer_specified; pro rata is not modelled.',
  },
  'us-oldest-first': {
    id: 'us-oldest-first',
    label: 'United States: oldest due first, disputed debts skipped',
    order: 'oldest_first',
    componentOrder: ['cost', 'fee', 'interest', 'principal'],
    crossAccount: true,
    skipDisputed: true,
    source:
      'FDCPA 15 USC 1692h (no application to a disputed debt; follow the consumer’s directions); common-law ' +
      'default of applying an undirected payment to the earliest matured debt',
    note:
      'Credit card minimum-payment rules (12 CFR 1026.53, excess to the highest APR first) are not modelled. ' +
      'Where the consumer gives directions, use payer_specified.',
  },
  'au-oldest-first': {
    id: 'au-oldest-first',
    label: 'Australia: costs, fees and interest, then principal, oldest debt first',
    order: 'oldest_first',
    componentOrder: ['cost', 'fee', 'interest', 'principal'],
    crossAccount: true,
    skipDisputed: true,
    source:
      'Common-law appropriation (the debtor may direct, then the creditor; otherwise the earliest debt first, ' +
      "Clayton's Case for running accounts); charges before principal is the usual contractual clause",
    note:
      'No Australian statute sets an order for consumer or business debts; disputed debts are skipped so a ' +
      'payment never lands on an amount the debtor contests (ACL s.50 undue pressure).',
  },
  'in-oldest-first': {
    id: 'in-oldest-first',
    label: 'India: debts in order of time',
    order: 'oldest_first',
    // Within one date, interest before principal, the common lender appropriation (ICA s.60).
    componentOrder: ['cost', 'fee', 'interest', 'principal'],
    crossAccount: true,
    skipDisputed: false,
    source:
      'Indian Contract Act 1872 s.59 (debtor designation), s.60 (creditor’s choice), s.61 (order of time)',
    note:
      's.61 splits debts of equal standing proportionally; here same-date items are paid in component order ' +
      'then by account id, a deterministic creditor appropriation under s.60.',
  },
  'default-costs-first': {
    id: 'default-costs-first',
    label: 'Contract default: costs, then interest, then principal, on the referenced account',
    order: 'components_first',
    componentOrder: ['cost', 'fee', 'interest', 'principal'],
    crossAccount: false,
    skipDisputed: false,
    source: 'Common contractual appropriation clause; no statute',
    note: 'Used when no jurisdiction-specific policy is known; a tenant should set its own.',
  },
} as const satisfies Record<string, NamedAllocationPolicy>

export type AllocationPolicyId = keyof typeof ALLOCATION_POLICIES

/** The kind of debt that selects between a jurisdiction's policies. */
export type AllocationDebtKind = 'consumer' | 'commercial' | 'consumer_loan'

/** The named policy `id`, or undefined; safe for any text (`constructor`, `__proto__` are not policies). */
export function allocationPolicyById(id: string): NamedAllocationPolicy | undefined {
  return Object.hasOwn(ALLOCATION_POLICIES, id) ? ALLOCATION_POLICIES[id as AllocationPolicyId] : undefined
}

/**
 * The default policy for a jurisdiction (ISO 3166 country, optionally with a subdivision: "US-CA") and
 * debt kind, from the jurisdiction registry; unknown jurisdictions get `default-costs-first` rather than
 * an error, because a payment must always be allocatable.
 */
export function policyFor(jurisdiction: string, debtKind: AllocationDebtKind): NamedAllocationPolicy {
  return ALLOCATION_POLICIES[jurisdictionFor(jurisdiction).allocationPolicyId(debtKind)]
}
