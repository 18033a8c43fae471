import type { IntakeLedgerEntry } from '../intake/intake-record.ts'
import type { Prng } from './prng.ts'

/** Typical late fee per currency in minor units (the UK figure is the FCA's £12 card late-fee cap). */
const LATE_FEE: Readonly<Record<string, number>> = {
  USD: 2900,
  GBP: 1200,
  EUR: 500,
  INR: 50_000,
  AED: 10_000,
  AUD: 3_000,
}

/** The account's days as day numbers, and how to turn one into a LocalDate. */
export interface LedgerCalendar {
  readonly chargeDay: number
  readonly dueDay: number
  readonly asOfDay: number
  readonly dateOf: (day: number) => string
}

/** Late Payment of Commercial Debts Act fixed sum for a UK invoice of `amountMinor` pence. */
function ukLatePaymentSum(amountMinor: number): number {
  if (amountMinor < 100_000) return 4000
  return amountMinor < 1_000_000 ? 7000 : 10_000
}

/**
 * Fees that grew on an open debt: a contractual late fee on some consumer accounts a month after the
 * due date, the statutory fixed compensation on some overdue UK and EU invoices.
 */
export function demoFees(
  rng: Prng,
  calendar: LedgerCalendar,
  account: { debtKind: 'consumer' | 'commercial'; currency: string; country: string; amountMinor: number },
): IntakeLedgerEntry[] {
  const dpd = calendar.asOfDay - calendar.dueDay
  if (account.debtKind === 'consumer') {
    const fee = LATE_FEE[account.currency]
    if (dpd <= 30 || fee === undefined || !rng.chance(0.15)) return []
    return [
      {
        kind: 'fee',
        amountMinor: fee,
        effectiveOn: calendar.dateOf(calendar.dueDay + 30),
        externalId: 'demo:late-fee',
        memo: 'Late fee',
      },
    ]
  }
  if (dpd <= 0) return []
  const effectiveOn = calendar.dateOf(calendar.dueDay + 1)
  if (account.country === 'GB' && rng.chance(0.4)) {
    const memo = 'Late Payment Act fixed sum'
    return [
      {
        kind: 'fee',
        amountMinor: ukLatePaymentSum(account.amountMinor),
        effectiveOn,
        externalId: 'demo:late-payment-sum',
        memo,
      },
    ]
  }
  if (account.country === 'DE' && rng.chance(0.3)) {
    return [
      {
        kind: 'fee',
        amountMinor: 4000,
        effectiveOn,
        externalId: 'demo:late-payment-sum',
        memo: 'Pauschale § 288 Abs. 5 BGB',
      },
    ]
  }
  return []
}

/**
 * One to three part payments after the charge, never more than 60% of it together, so the account
 * stays open with something owed.
 */
export function demoPartPayments(
  rng: Prng,
  calendar: LedgerCalendar,
  amountMinor: number,
): IntakeLedgerEntry[] {
  if (amountMinor < 100) return []
  const count = rng.int(1, 3)
  const days: number[] = []
  for (let i = 0; i < count; i++)
    days.push(rng.int(calendar.chargeDay + 1, Math.max(calendar.chargeDay + 1, calendar.asOfDay)))
  days.sort((a, b) => a - b)
  return days.map((day, i) => ({
    kind: 'payment',
    amountMinor: -Math.max(1, Math.floor((amountMinor * rng.int(3, 20)) / 100)),
    effectiveOn: calendar.dateOf(Math.min(day, calendar.asOfDay)),
    externalId: `demo:payment:${i + 1}`,
    memo: null,
  }))
}

/** A closed account's settling entries: paid in full, or settled for less with the rest written off. */
export function demoClosingEntries(
  rng: Prng,
  calendar: LedgerCalendar,
  amountMinor: number,
  status: 'paid' | 'settled',
): IntakeLedgerEntry[] {
  const effectiveOn = calendar.dateOf(
    rng.int(Math.min(calendar.chargeDay + 1, calendar.asOfDay), calendar.asOfDay),
  )
  if (status === 'paid') {
    return [
      {
        kind: 'payment',
        amountMinor: -amountMinor,
        effectiveOn,
        externalId: 'demo:payment:1',
        memo: 'Paid in full',
      },
    ]
  }
  const paid = Math.max(1, Math.floor((amountMinor * rng.int(40, 80)) / 100))
  return [
    {
      kind: 'payment',
      amountMinor: -paid,
      effectiveOn,
      externalId: 'demo:payment:1',
      memo: 'Settlement payment',
    },
    ...(paid < amountMinor
      ? [
          {
            kind: 'write_off' as const,
            amountMinor: paid - amountMinor,
            effectiveOn,
            externalId: 'demo:settlement-discount',
            memo: 'Settlement discount',
          },
        ]
      : []),
  ]
}
