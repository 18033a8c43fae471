import type { IntakeAccount, IntakeLedgerEntry, IntakeRecord } from '../intake/intake-record.ts'
import type { DemoClient } from './demo-clients.ts'
import type { DemoJurisdiction } from './demo-geography.ts'
import { demoClosingEntries, demoFees, demoPartPayments, type LedgerCalendar } from './demo-ledger.ts'
import { demoAmountMinor, productProfile } from './demo-products.ts'
import type { Prng } from './prng.ts'

/**
 * Days past due as of the reference date: [min, max, weight]. Most accounts are within 120 days, a
 * long tail reaches two years; "current" accounts are drawn separately (not yet due).
 */
const DPD_RANGES: readonly (readonly [number, number, number])[] = [
  [1, 30, 22],
  [31, 60, 17],
  [61, 90, 13],
  [91, 120, 10],
  [121, 180, 9],
  [181, 365, 11],
  [366, 730, 8],
]
const CURRENT_SHARE = 0.1
/** Cumulative outcome odds: paid in full, settled (only once past due), on an instalment plan (consumer). */
const PAID_BELOW = 0.03
const SETTLED_BELOW = 0.045
const PLAN_BELOW = 0.085
const WEIGHTED_DPD = DPD_RANGES.map((range) => [range, range[2]] as const)

/** Everything an account needs besides the debtor. */
export interface DemoAccountInput {
  readonly externalId: string
  readonly jurisdiction: DemoJurisdiction
  readonly client: DemoClient
  readonly asOfDay: number
  readonly dateOf: (day: number) => string
  /** Adds calendar months to a day number (end-of-month days clamp), for instalment schedules. */
  readonly addMonths: (day: number, months: number) => number
}

type AccountPart = Pick<IntakeRecord, 'account' | 'entries' | 'instalments'>

/**
 * A debt: a charge (statement or invoice) due some days later, past due by a right-skewed number of
 * days, then one of: paid, settled, an instalment plan partly kept, or open with part payments and fees.
 * Consumer debts charge off 180 days after the due date, commercial ones after a year.
 */
export function demoAccount(rng: Prng, input: DemoAccountInput): AccountPart {
  const { jurisdiction, client, asOfDay } = input
  const product = rng.weighted(client.products)
  const profile = productProfile(product)
  const currency = jurisdiction.currency
  const amountMinor = demoAmountMinor(rng, product, currency)
  const term = rng.pick(profile.termDays)
  const dpd = rng.chance(CURRENT_SHARE) ? -rng.int(0, term - 1) : dpdInRange(rng)
  const dueDay = asOfDay - dpd
  const age = rng.int(profile.ageDays[0], profile.ageDays[1])
  const outcome = rng.next()
  let status: IntakeAccount['status'] = 'open'
  let chargeDay = dueDay - term
  let entries: IntakeLedgerEntry[]
  let instalments: IntakeRecord['instalments']
  if (outcome < PAID_BELOW || (outcome < SETTLED_BELOW && dpd > 0)) {
    status = outcome < PAID_BELOW ? 'paid' : 'settled'
    entries = demoClosingEntries(rng, calendar(input, chargeDay, dueDay), amountMinor, status)
  } else if (outcome < PLAN_BELOW && client.debtKind === 'consumer' && amountMinor >= 1200) {
    // (at least 100 minor units for each of up to 12 instalments)
    const plan = demoInstalmentPlan(rng, input, amountMinor, dueDay)
    chargeDay = plan.chargeDay
    instalments = plan.instalments
    entries = plan.payments
  } else {
    const cal = calendar(input, chargeDay, dueDay)
    entries = [
      ...demoFees(rng, cal, {
        debtKind: client.debtKind,
        currency,
        country: jurisdiction.country,
        amountMinor,
      }),
      ...(rng.chance(0.25) ? demoPartPayments(rng, cal, amountMinor) : []),
    ]
  }
  const chargeOffAfter = client.debtKind === 'consumer' ? 180 : 365
  const chargedOff = status === 'open' && dpd >= chargeOffAfter
  const charge: IntakeLedgerEntry = {
    kind: 'charge',
    amountMinor,
    effectiveOn: input.dateOf(chargeDay),
    externalId: 'demo:charge',
    memo: product === 'trade_invoice' ? `Invoice ${input.externalId.slice(-8)}` : null,
  }
  const creditor = client.originalCreditors ? rng.pick(client.originalCreditors) : client.name
  return {
    account: {
      externalId: input.externalId,
      clientExternalId: client.externalId,
      clientName: client.name,
      originalCreditor: creditor,
      currentCreditor: client.name,
      debtKind: client.debtKind,
      currency,
      jurisdiction: jurisdiction.code,
      openedOn: input.dateOf(chargeDay - age),
      dueOn: input.dateOf(dueDay),
      chargeOffOn: chargedOff ? input.dateOf(dueDay + chargeOffAfter) : null,
      status,
      attributes: { product, demo: true },
    },
    ...(instalments ? { instalments } : {}),
    entries: [charge, ...entries],
  }
}

function dpdInRange(rng: Prng): number {
  const [min, max] = rng.weighted(WEIGHTED_DPD)
  return rng.int(min, max)
}

function calendar(input: DemoAccountInput, chargeDay: number, dueDay: number): LedgerCalendar {
  return { chargeDay, dueDay, asOfDay: input.asOfDay, dateOf: input.dateOf }
}

/**
 * A monthly instalment plan of 3-12 instalments whose first `kept` instalments were paid on time, so
 * the oldest unpaid instalment falls on `anchorDay` (the account's delinquency anchor).
 */
function demoInstalmentPlan(rng: Prng, input: DemoAccountInput, amountMinor: number, anchorDay: number) {
  const count = rng.int(3, 12)
  const kept = rng.int(0, Math.min(3, count - 1))
  const base = Math.floor(amountMinor / count)
  const instalments: { dueOn: string; amountMinor: number }[] = []
  const payments: IntakeLedgerEntry[] = []
  for (let i = 0; i < count; i++) {
    const day = input.addMonths(anchorDay, i - kept)
    const amount = i === count - 1 ? amountMinor - base * (count - 1) : base
    instalments.push({ dueOn: input.dateOf(day), amountMinor: amount })
    if (i < kept) {
      const effectiveOn = input.dateOf(Math.min(day, input.asOfDay))
      payments.push({
        kind: 'payment',
        amountMinor: -amount,
        effectiveOn,
        externalId: `demo:payment:${i + 1}`,
        memo: 'Instalment',
      })
    }
  }
  const chargeDay = Math.min(input.addMonths(anchorDay, -kept) - 30, input.asOfDay - 1)
  return { instalments, payments, chargeDay }
}
