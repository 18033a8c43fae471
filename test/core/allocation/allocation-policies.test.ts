import { describe, expect, it } from 'vitest'
import { COMPONENTS } from '../../../src/core/allocation/allocate-payment.ts'
import {
  ALLOCATION_POLICIES,
  type AllocationDebtKind,
  type AllocationPolicyId,
  policyFor,
} from '../../../src/core/allocation/allocation-policies.ts'

describe('policyFor', () => {
  it.each<[string, AllocationDebtKind, AllocationPolicyId]>([
    ['DE', 'commercial', 'de-bgb-367'],
    ['DE', 'consumer', 'de-bgb-367'],
    ['DE', 'consumer_loan', 'de-bgb-497'],
    ['de-BY', 'consumer_loan', 'de-bgb-497'],
    ['GB', 'commercial', 'gb-practice'],
    ['GB-SCT', 'consumer', 'gb-practice'],
    ['UK', 'consumer', 'gb-practice'],
    ['US', 'consumer', 'us-oldest-first'],
    ['US-CA', 'commercial', 'us-oldest-first'],
    ['IN', 'commercial', 'in-oldest-first'],
    ['FR', 'consumer', 'default-costs-first'],
    ['', 'consumer', 'default-costs-first'],
  ])('%s %s -> %s', (jurisdiction, kind, id) => {
    expect(policyFor(jurisdiction, kind).id).toBe(id)
  })
})

describe('ALLOCATION_POLICIES', () => {
  it.each(Object.entries(ALLOCATION_POLICIES))('%s is well formed and sourced', (key, policy) => {
    expect(policy.id).toBe(key)
    expect([...policy.componentOrder].sort()).toEqual([...COMPONENTS].sort())
    expect(policy.source.length).toBeGreaterThan(10)
    expect(policy.label.length).toBeGreaterThan(0)
  })

  it('BGB s.367 ranks interest before principal; s.497(3) the reverse', () => {
    const rank = (id: AllocationPolicyId, c: (typeof COMPONENTS)[number]) =>
      (ALLOCATION_POLICIES[id].componentOrder as readonly string[]).indexOf(c)
    expect(rank('de-bgb-367', 'interest')).toBeLessThan(rank('de-bgb-367', 'principal'))
    expect(rank('de-bgb-497', 'principal')).toBeLessThan(rank('de-bgb-497', 'interest'))
    expect(rank('gb-practice', 'cost')).toBe(0)
  })
})
