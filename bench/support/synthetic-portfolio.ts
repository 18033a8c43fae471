import { addDays } from '../../src/core/calendar/local-date.ts'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'

/** Reference date of the synthetic portfolio: every due date is spread over the two years before it. */
export const SYNTHETIC_AS_OF = '2026-06-30'

const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'GBP', 'INR', 'JPY'] as const

/**
 * A deterministic portfolio for benchmarks: account i has a charge and, for a third of them, a part
 * payment; ~1.2 accounts per debtor; 20 clients. Cheap to make so the bench measures storage, not this.
 */
export function* syntheticRecords(count: number): Generator<IntakeRecord> {
  for (let i = 0; i < count; i++) {
    const dpd = (i * 7919) % 730
    const dueOn = addDays(SYNTHETIC_AS_OF, 30 - dpd)
    const openedOn = addDays(dueOn, -30)
    const currency = CURRENCIES[i % CURRENCIES.length] as string
    const amountMinor = 1000 + ((i * 104_729) % 500_000)
    const debtor = Math.floor((i * 5) / 6)
    yield {
      line: i + 2,
      debtor: { externalId: `D${debtor}`, kind: 'person', name: `Debtor ${debtor}` },
      account: {
        externalId: `A${i}`,
        clientExternalId: `C${i % 20}`,
        originalCreditor: 'Bench Bank',
        currentCreditor: 'Bench Bank',
        debtKind: 'consumer',
        currency,
        jurisdiction: 'US-NY',
        openedOn,
        dueOn,
        status: 'open',
      },
      entries: [
        { kind: 'charge', amountMinor, effectiveOn: openedOn, externalId: 'charge' },
        ...(i % 3 === 0
          ? [
              {
                kind: 'payment' as const,
                amountMinor: -Math.floor(amountMinor / 4),
                effectiveOn: addDays(dueOn, 10),
                externalId: 'payment',
              },
            ]
          : []),
      ],
    }
  }
}
