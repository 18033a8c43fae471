import fc from 'fast-check'
import type { AccountFacts } from '../../../src/core/playbook/account-facts.ts'
import type { ExitSpec, PlaybookDocument } from '../../../src/core/playbook/playbook-document.ts'

/** A plain consumer account on 2024-03-01; override what a case is about. */
export function facts(overrides: Partial<AccountFacts> = {}): AccountFacts {
  return {
    accountKey: 'acct-1',
    asOf: '2024-03-01',
    daysPastDue: 0,
    balanceMinor: 100_000,
    originalMinor: 100_000,
    currency: 'USD',
    debtKind: 'consumer',
    jurisdiction: 'US-CA',
    client: '',
    segment: 'retail',
    riskScore: null,
    riskBand: null,
    reasonCodes: [],
    promiseState: 'none',
    planState: 'none',
    disputeState: 'none',
    brokenPromises: 0,
    contactAttempts: 0,
    rightPartyContacts: 0,
    daysSinceLastResponse: null,
    daysUntilLimitation: null,
    hasPhone: true,
    hasEmail: true,
    hasPostal: true,
    ...overrides,
  }
}

/** Arbitrary account facts, including nulls and the edge states, for property tests. */
export const arbitraryFacts: fc.Arbitrary<AccountFacts> = fc.record({
  accountKey: fc.string({ minLength: 1, maxLength: 12 }),
  asOf: fc
    .integer({ min: 0, max: 3000 })
    .map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)),
  daysPastDue: fc.integer({ min: -40, max: 800 }),
  balanceMinor: fc.integer({ min: -1000, max: 5_000_000 }),
  originalMinor: fc.integer({ min: 0, max: 5_000_000 }),
  currency: fc.constantFrom('USD', 'EUR'),
  debtKind: fc.constantFrom('consumer' as const, 'commercial' as const),
  jurisdiction: fc.constantFrom('US-CA', 'GB', 'IN'),
  client: fc.constantFrom('', 'client-a'),
  segment: fc.constantFrom('retail', 'sme'),
  riskScore: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  riskBand: fc.option(fc.constantFrom('low' as const, 'medium' as const, 'high' as const)),
  reasonCodes: fc.subarray(['PRIOR_LATE_SHARE', 'DPD', 'EXPOSURE']),
  promiseState: fc.constantFrom('none' as const, 'open' as const, 'kept' as const, 'broken' as const),
  planState: fc.constantFrom('none' as const, 'active' as const, 'completed' as const, 'broken' as const),
  disputeState: fc.constantFrom(
    'none' as const,
    'open' as const,
    'resolved_for_debtor' as const,
    'resolved_for_creditor' as const,
  ),
  brokenPromises: fc.integer({ min: 0, max: 5 }),
  contactAttempts: fc.integer({ min: 0, max: 30 }),
  rightPartyContacts: fc.integer({ min: 0, max: 5 }),
  daysSinceLastResponse: fc.option(fc.integer({ min: 0, max: 400 })),
  daysUntilLimitation: fc.option(fc.integer({ min: -500, max: 2000 })),
  hasPhone: fc.boolean(),
  hasEmail: fc.boolean(),
  hasPostal: fc.boolean(),
})

const exits: ExitSpec[] = [
  { label: 'paid', when: { fact: 'balanceMinor', lte: 0 }, to: 'done' },
  { label: 'disputed', when: { fact: 'disputeState', eq: 'open' }, to: 'hold' },
]

/** A small ladder exercising every rule: skip-ahead, a required gated stage, variants and exits. */
export const ladder: PlaybookDocument = {
  id: 'ladder',
  version: 2,
  segments: [
    {
      name: 'big',
      when: { fact: 'balanceMinor', gte: 1_000_000 },
      variants: [
        { name: 'a', percent: 50 },
        { name: 'b', percent: 50 },
      ],
    },
  ],
  stages: [
    { key: 'start', steps: [], exits },
    {
      key: 'soft',
      entry: { fact: 'daysPastDue', gte: 1 },
      exits,
      steps: [
        {
          afterDays: 0,
          action: { type: 'send_message', channel: 'email', template: 's1', tone: 'friendly' },
        },
        {
          afterDays: 3,
          when: { fact: 'hasPhone', eq: true },
          action: { type: 'send_message', channel: 'sms', template: 's2', tone: 'friendly' },
        },
        { afterDays: 7, variants: ['b'], action: { type: 'create_task', task: 'call' } },
      ],
    },
    {
      key: 'firm',
      entry: { fact: 'daysPastDue', gte: 15 },
      exits,
      steps: [
        { afterDays: 0, action: { type: 'send_message', channel: 'letter', template: 'f', tone: 'firm' } },
      ],
    },
    {
      key: 'demand',
      entry: { fact: 'daysPastDue', gte: 30 },
      required: true,
      escalation: { recoveryRate: 0.5, costMinor: 1000, minNetMinor: 5000 },
      exits,
      steps: [
        {
          afterDays: 0,
          requiresApproval: true,
          action: { type: 'produce_document', document: 'demand_letter' },
        },
      ],
    },
    {
      key: 'agency',
      entry: { fact: 'daysPastDue', gte: 60 },
      exits,
      steps: [{ afterDays: 0, action: { type: 'place_with_agency', agency: 'acme' } }],
    },
    {
      key: 'hold',
      minDays: 5,
      exits: [{ label: 'dispute closed', when: { fact: 'disputeState', ne: 'open' }, to: 'soft' }],
      steps: [{ afterDays: 0, action: { type: 'create_task', task: 'review' } }],
    },
    { key: 'done', steps: [] },
  ],
}
