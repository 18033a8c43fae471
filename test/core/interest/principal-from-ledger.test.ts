import { describe, expect, it } from 'vitest'
import { interestRegimeFor } from '../../../src/core/interest/interest-regime.ts'
import { principalFromLedger } from '../../../src/core/interest/principal-from-ledger.ts'

describe('principalFromLedger', () => {
  const charge = { amountMinor: 100_000, effectiveOn: '2026-01-01' }
  it.each([
    ['a charge only', [charge], { principalMinor: 100_000, changes: [] }],
    [
      'a payment reversed by a chargeback: down on its day, up again on the reversal day',
      [
        charge,
        { amountMinor: -20_000, effectiveOn: '2026-03-01' },
        { amountMinor: 20_000, effectiveOn: '2026-04-01' },
      ],
      {
        principalMinor: 100_000,
        changes: [
          { on: '2026-03-01', principalDeltaMinor: -20_000 },
          { on: '2026-04-01', principalDeltaMinor: 20_000 },
        ],
      },
    ],
    [
      'a charge after the end does not exist yet',
      [charge, { amountMinor: 30_000, effectiveOn: '2026-07-15' }],
      { principalMinor: 100_000, changes: [] },
    ],
    [
      'a payment and its reversal before the due date net in the opening',
      [
        charge,
        { amountMinor: -5_000, effectiveOn: '2026-01-10' },
        { amountMinor: 5_000, effectiveOn: '2026-01-20' },
      ],
      { principalMinor: 100_000, changes: [] },
    ],
  ])('%s', (_name, entries, expected) => {
    expect(principalFromLedger(entries, '2026-02-01', '2026-06-30')).toEqual(expected)
  })
})

describe('interestRegimeFor', () => {
  it.each([
    ['GB', 'GB'],
    ['IN-MH', 'IN'],
    ['DE', 'EU-DE'],
    ['US-NY', 'contract'],
    ['AE', 'contract'],
  ])('%s -> %s', (jurisdiction, regime) => expect(interestRegimeFor(jurisdiction)).toBe(regime))
})
