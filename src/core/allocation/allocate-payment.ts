/**
 * Splits one payment over a debtor's open items by an allocation policy (docs/money-flows.md). Pure:
 * the caller loads the open items and records the returned lines as ledger payments; whatever the
 * items cannot absorb comes back as `creditMinor` so an overpayment is never lost.
 */
import type { LocalDate } from '../calendar/local-date.ts'
import { AppError, type ErrorCode } from '../errors/index.ts'

/** The parts of a debt a payment can go to, in the vocabulary of BGB s.367 ("costs, interest, principal"). */
export const COMPONENTS = ['cost', 'fee', 'interest', 'principal'] as const
export type Component = (typeof COMPONENTS)[number]

/** One open amount: a component of an account, due on a date (an invoice, an instalment, a fee). */
export interface OpenItem {
  accountId: string
  component: Component
  dueOn: LocalDate
  /** What is still owed on this item, in minor units of the account currency; 0 or more. */
  outstandingMinor: number
  /** A disputed item is skipped by policies with `skipDisputed` (FDCPA 15 USC 1692h). */
  disputed?: boolean
}

/** A payer's designation ("apply 50.00 to invoice A's principal"); no component: spread by the policy's order. */
export interface PayerLine {
  accountId: string
  component?: Component
  amountMinor: number
}

/** How a payment is split; named instances per jurisdiction live in allocation-policies.ts. */
export interface AllocationPolicy {
  id: string
  /**
   * `components_first`: every cost, then every fee... (oldest first within a component);
   * `oldest_first`: by due date, `componentOrder` breaking ties on the same date;
   * `payer_specified`: the payer's lines only; the undesignated rest is held as credit.
   */
  order: 'components_first' | 'oldest_first' | 'payer_specified'
  /** A permutation of all four components; also spreads payer lines that name no component. */
  componentOrder: readonly Component[]
  /** False: only the target account's items; true: every open item of the debtor passed in. */
  crossAccount: boolean
  /** True: disputed items get nothing unless the payer designates them. */
  skipDisputed: boolean
}

/** A payment and everything needed to split it. */
export interface AllocatePaymentInput {
  amountMinor: number
  /** The payment's currency; must equal `accountCurrency` (conversion is not allocation's job). */
  currency: string
  /** The currency of every open item passed in. */
  accountCurrency: string
  /** The account the payment was made on (its reference); the only account when `crossAccount` is false. */
  targetAccountId: string
  items: readonly OpenItem[]
  policy: AllocationPolicy
  /** Required with a `payer_specified` policy, refused with any other. */
  payerLines?: readonly PayerLine[]
}

/** One part of the split: what to record as a payment against one item. */
export interface AllocationLine {
  accountId: string
  component: Component
  dueOn: LocalDate
  amountMinor: number
}

/** The split: `sum(lines) + creditMinor === amountMinor`, always. */
export interface AllocationResult {
  policyId: string
  lines: AllocationLine[]
  /** The overpayment (or undesignated remainder) kept as a credit balance on the target account. */
  creditMinor: number
}

const invalid = (code: ErrorCode, message: string, details?: unknown) => new AppError(code, message, details)

function checkAmount(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalid('invalid_amount', `${field} must be a whole number of minor units, 0 or more, not ${value}`)
  }
}

function checkPolicy(policy: AllocationPolicy): void {
  const order = policy.componentOrder
  if (order.length !== COMPONENTS.length || COMPONENTS.some((c) => !order.includes(c))) {
    throw invalid(
      'invalid_allocation_policy',
      `policy ${policy.id}: componentOrder must list each of ${COMPONENTS.join(', ')} once`,
    )
  }
}

/** Allocates a payment by the policy; throws AppError on bad input or impossible payer lines. */
export function allocatePayment(input: AllocatePaymentInput): AllocationResult {
  const { policy, payerLines } = input
  if (input.currency !== input.accountCurrency) {
    throw invalid(
      'currency_mismatch',
      `payment in ${input.currency} cannot pay items in ${input.accountCurrency}`,
    )
  }
  checkAmount('amountMinor', input.amountMinor)
  checkPolicy(policy)
  for (const [i, item] of input.items.entries()) {
    checkAmount(`items[${i}].outstandingMinor`, item.outstandingMinor)
  }
  if ((policy.order === 'payer_specified') !== (payerLines !== undefined)) {
    throw invalid(
      'invalid_payer_lines',
      policy.order === 'payer_specified'
        ? `policy ${policy.id} applies the payer's designation, but none was given`
        : `policy ${policy.id} does not take payer lines; use a payer_specified policy`,
    )
  }
  const rank = (c: Component) => policy.componentOrder.indexOf(c)
  const inScope = input.items.filter((it) => policy.crossAccount || it.accountId === input.targetAccountId)
  // The input index as the last key keeps the split deterministic for items that tie on every field.
  const byComponent = inScope
    .map((item, index) => ({ item, index, left: item.outstandingMinor, paid: 0 }))
    .sort(
      (a, b) =>
        rank(a.item.component) - rank(b.item.component) ||
        compare(a.item.dueOn, b.item.dueOn) ||
        compare(a.item.accountId, b.item.accountId) ||
        a.index - b.index,
    )
  let left = input.amountMinor
  const touched: typeof byComponent = []
  const pay = (slot: (typeof byComponent)[number], want: number): number => {
    const amount = Math.min(want, slot.left)
    if (amount <= 0) return 0
    if (slot.paid === 0) touched.push(slot)
    slot.left -= amount
    slot.paid += amount
    return amount
  }

  if (payerLines !== undefined) {
    payerLines.forEach((line, i) => {
      checkAmount(`payerLines[${i}].amountMinor`, line.amountMinor)
      if (line.amountMinor > left) {
        throw invalid('allocation_exceeds_payment', `payer lines designate more than the payment`, {
          line: i,
        })
      }
      let want = line.amountMinor
      for (const slot of byComponent) {
        if (slot.item.accountId !== line.accountId) continue
        if (line.component !== undefined && slot.item.component !== line.component) continue
        want -= pay(slot, want)
      }
      if (want > 0) {
        const what = `${line.accountId}${line.component ? ` ${line.component}` : ''}`
        throw invalid('allocation_exceeds_item', `payer line ${i} designates more than ${what} owes`, {
          line: i,
        })
      }
      left -= line.amountMinor
    })
  } else {
    const ordered =
      policy.order === 'components_first'
        ? byComponent
        : [...byComponent].sort((a, b) => compare(a.item.dueOn, b.item.dueOn))
    for (const slot of ordered) {
      if (left === 0) break
      if (policy.skipDisputed && slot.item.disputed === true) continue
      left -= pay(slot, left)
    }
  }
  const lines = touched.map(({ item, paid }) => ({
    accountId: item.accountId,
    component: item.component,
    dueOn: item.dueOn,
    amountMinor: paid,
  }))
  return { policyId: policy.id, lines, creditMinor: left }
}

/** A ledger `payment` entry (negative, as ENTRY_SIGN requires) for one account, with the split in its memo. */
export interface AllocationLedgerPayment {
  accountId: string
  amountMinor: number
  memo: string
}

/**
 * The ledger payments that record a split: one per account touched, plus the credit on the target
 * account, whose balance then goes below zero (a credit balance is a negative balance, not a lost cent).
 */
export function allocationLedgerPayments(
  result: AllocationResult,
  targetAccountId: string,
): AllocationLedgerPayment[] {
  const byAccount = new Map<string, { total: number; parts: string[] }>()
  const add = (accountId: string, amount: number, part: string) => {
    const entry = byAccount.get(accountId) ?? { total: 0, parts: [] }
    entry.total += amount
    entry.parts.push(`${part}=${amount}`)
    byAccount.set(accountId, entry)
  }
  for (const line of result.lines) add(line.accountId, line.amountMinor, `${line.component}@${line.dueOn}`)
  if (result.creditMinor > 0) add(targetAccountId, result.creditMinor, 'credit')
  return [...byAccount].map(([accountId, { total, parts }]) => ({
    accountId,
    amountMinor: -total,
    memo: `allocation ${result.policyId}: ${parts.join(' ')}`,
  }))
}

/** ISO dates and ids compare as strings; a three-way result feeds `sort`. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
