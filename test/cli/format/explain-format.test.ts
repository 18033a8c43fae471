import { describe, expect, it } from 'vitest'
import { formatTimeline } from '../../../src/cli/format/explain-format.ts'
import type { AccountTimeline } from '../../../src/store/engine/explain.repository.ts'

const trace = {
  playbook: { id: 'b2b-invoice', version: 1 },
  segment: 'standard',
  variant: 'champion',
  fired: ['enter "formal_demand": daysPastDue >= 45'],
  expectedValue: { recoveryMinor: 345_163, costMinor: 2_500, thresholdMinor: 10_000, passed: true },
  actions: [],
}

function timeline(currency: string): AccountTimeline {
  return {
    account: {
      id: 7,
      external_id: 'INV-7',
      status: 'open',
      jurisdiction: 'US-NY',
      debt_kind: 'commercial',
      currency,
      due_on: '2026-10-05',
    },
    decisions: [
      {
        as_of: '2026-12-02',
        trigger: 'daily',
        trigger_ref: null,
        from_stage: null,
        to_stage: 'formal_demand',
        error: null,
        trace: JSON.stringify(trace),
      },
    ],
    outbox: [],
    state: null,
  } as unknown as AccountTimeline
}

describe('recoup explain text', () => {
  it('shows the expected value in the account currency, not in minor units', () => {
    expect(formatTimeline(timeline('USD'))).toContain(
      'expected value: recovery 3451.63 USD - cost 25.00 USD vs threshold 100.00 USD: passed',
    )
    expect(formatTimeline(timeline('JPY'))).toContain('recovery 345163 JPY - cost 2500 JPY')
  })
})
