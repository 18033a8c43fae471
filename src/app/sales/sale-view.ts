import { addDays } from '../../core/calendar/local-date.ts'
import type { SaleAccountRow, SaleRow } from '../../store/sales/sale.repository.ts'

/** A sale as the CLI and HTTP show it (docs/debt-sale.md). */
export interface SaleView {
  readonly id: number
  readonly buyer: string
  readonly status: 'draft' | 'closed' | 'cancelled'
  readonly currency: string
  readonly filter: Record<string, unknown>
  readonly pricePercent: string
  readonly recoveryFraction: string
  readonly buybackDays: number
  /** The last day an account may be put back: closing day + buybackDays (null until closed). */
  readonly buybackUntil: string | null
  readonly valuedOn: string
  readonly accounts: number
  readonly balanceMinor: number
  readonly expectedMinor: number
  readonly priceMinor: number
  readonly createdBy: string
  readonly createdAt: string
  readonly closedOn: string | null
  readonly closedBy: string | null
  readonly cancelledAt: string | null
  readonly cancelReason: string | null
}

/** One account of a sale with its valuation. */
export interface SaleAccountView {
  readonly account: string
  readonly debtor: string
  readonly status: 'selected' | 'sold' | 'bought_back'
  readonly balanceMinor: number
  readonly basis: 'score' | 'age'
  readonly paymentPpm: number | null
  readonly recoveryRate: string
  readonly expectedMinor: number
  readonly priceMinor: number
  readonly soldOn: string | null
  readonly boughtBackOn: string | null
  readonly buybackReason: string | null
}

/** A payment received for a sold account and forwarded to the buyer. */
export interface ForwardedPaymentView {
  readonly id: number
  readonly account: string
  readonly amountMinor: number
  readonly currency: string
  readonly receivedOn: string
  readonly reference: string
}

/** A sale with its accounts and forwarded payments (`recoup sale show`). */
export interface SaleDetail extends SaleView {
  readonly lines: readonly SaleAccountView[]
  readonly forwarded: readonly ForwardedPaymentView[]
}

/** The view of a sale row; `accounts` is the number of its accounts. */
export function saleView(row: SaleRow, accounts: number): SaleView {
  return {
    id: row.id,
    buyer: row.buyer,
    status: row.status,
    currency: row.currency,
    filter: JSON.parse(row.filter) as Record<string, unknown>,
    pricePercent: row.price_percent,
    recoveryFraction: row.recovery_fraction,
    buybackDays: row.buyback_days,
    buybackUntil: row.closed_on === null ? null : addDays(row.closed_on, row.buyback_days),
    valuedOn: row.valued_on,
    accounts,
    balanceMinor: row.balance_minor,
    expectedMinor: row.expected_minor,
    priceMinor: row.price_minor,
    createdBy: row.created_by,
    createdAt: row.created_at,
    closedOn: row.closed_on,
    closedBy: row.closed_by,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
  }
}

/** The view of a sale's account row. */
export function saleAccountView(r: SaleAccountRow): SaleAccountView {
  return {
    account: r.externalId,
    debtor: r.debtorName,
    status: r.status,
    balanceMinor: r.balanceMinor,
    basis: r.basis,
    paymentPpm: r.paymentPpm,
    recoveryRate: r.recoveryRate,
    expectedMinor: r.expectedMinor,
    priceMinor: r.priceMinor,
    soldOn: r.soldOn,
    boughtBackOn: r.boughtBackOn,
    buybackReason: r.buybackReason,
  }
}
