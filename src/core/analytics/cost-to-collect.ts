import type { ContactCosts } from '../tenants/tenant-settings.ts'
import type { LedgerMonth } from './recovery-rates.ts'
import { monthsBetween } from './recovery-rates.ts'
import { type ReportTable, ratio } from './report-table.ts'

/** Contacts of one channel in one month (tenant's zone) for accounts of one currency. */
export interface ContactUnits {
  month: string
  currency: string
  /** email, sms, letter or call. */
  channel: string
  units: number
}

/** Costs posted to the accounts' ledgers (component `cost`) in one value-date month. */
export interface CostMonth {
  month: string
  currency: string
  costsMinor: number
}

/** The unit costs the tenant set, in its default currency, and which channels it set them for. */
export interface UnitCosts {
  currency: string
  costs: ContactCosts
  /** Channels whose cost the tenant set (a default 0 is not configured, not free). */
  configured: ReadonlySet<string>
}

const CHANNEL_COST: Record<string, keyof ContactCosts> = {
  email: 'emailMinor',
  sms: 'smsMinor',
  letter: 'letterMinor',
  call: 'callMinor',
}
const CHANNELS = ['email', 'sms', 'letter', 'call'] as const

/**
 * Cost to collect per month and currency: contacts by channel priced at the tenant's unit costs
 * (only in its default currency, only for the channels it configured), plus the costs posted to the
 * ledger, against what was collected. A contact with no configured price is counted in
 * `unpriced_contacts` and left out of the cost, so the ratio is then a lower bound.
 */
export function costToCollect(
  units: readonly ContactUnits[],
  posted: readonly CostMonth[],
  ledger: readonly LedgerMonth[],
  prices: UnitCosts,
  from: string,
  to: string,
  commissions: readonly CostMonth[] = [],
): ReportTable {
  const currencies = new Set<string>()
  for (const x of [...units, ...posted, ...commissions]) currencies.add(x.currency)
  for (const m of ledger)
    if (m.month >= from.slice(0, 7) && m.month <= to.slice(0, 7)) currencies.add(m.currency)
  const rows: (string | number)[][] = []
  for (const month of monthsBetween(from, to))
    for (const currency of [...currencies].sort()) {
      const count = (channel: string) =>
        units.find((u) => u.month === month && u.currency === currency && u.channel === channel)?.units ?? 0
      const counts = CHANNELS.map(count)
      let contactCost = 0
      let unpriced = 0
      CHANNELS.forEach((channel, i) => {
        const n = counts[i] as number
        if (currency === prices.currency && prices.configured.has(channel))
          contactCost += n * prices.costs[CHANNEL_COST[channel] as keyof ContactCosts]
        else unpriced += n
      })
      const legal = posted.find((p) => p.month === month && p.currency === currency)?.costsMinor ?? 0
      const commission =
        commissions.find((p) => p.month === month && p.currency === currency)?.costsMinor ?? 0
      const collected = ledger.find((m) => m.month === month && m.currency === currency)?.collectedMinor ?? 0
      if (counts.every((n) => n === 0) && legal === 0 && commission === 0 && collected === 0) continue
      const total = contactCost + legal + commission
      rows.push([
        month,
        currency,
        ...counts,
        contactCost,
        unpriced,
        legal,
        commission,
        total,
        collected,
        ratio(total, collected),
      ])
    }
  const unconfigured = CHANNELS.filter((c) => !prices.configured.has(c))
  return {
    report: 'cost-to-collect',
    columns: [
      'month',
      'currency',
      'emails',
      'sms',
      'letters',
      'calls',
      'contact_cost_minor',
      'unpriced_contacts',
      'legal_costs_minor',
      'partner_commission_minor',
      'total_cost_minor',
      'collected_minor',
      'cost_to_collect',
    ],
    rows,
    notes: [
      "Counted: emails, texts and letters sent (one per message, by the month it was sent in the tenant's zone) and call tasks worked (by the month of the outcome), priced at the tenant's unit costs (settings costs.*Minor, in " +
        `${prices.currency}); plus costs posted to the accounts' ledgers (component cost, by value date) and partner (agency, law firm) commissions charged (by the day charged, docs/placements.md). cost_to_collect = total cost / collected (payments less reversals).`,
      unconfigured.length === 0
        ? `Unit costs are configured for every channel; contacts on accounts in other currencies than ${prices.currency} are unpriced.`
        : `Not configured: the unit cost of ${unconfigured.join(', ')} (settings costs.*Minor); those contacts are counted in unpriced_contacts and not priced, so cost_to_collect is a lower bound where unpriced_contacts > 0.`,
      'Not counted: staff time. Fees and interest charged to debtors are not costs.',
    ],
  }
}
