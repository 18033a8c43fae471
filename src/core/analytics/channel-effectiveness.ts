import { type ReportTable, ratio } from './report-table.ts'

/** Sent messages of one value of one dimension and currency, with the payments that followed. */
export interface MessagePaymentGroup {
  /** channel, template, tone or hour. */
  dimension: string
  value: string
  currency: string
  /** Sent outbox rows: one per account a message named. */
  messages: number
  /** Distinct accounts messaged. */
  accounts: number
  /** Distinct accounts with a payment within the days after a message. */
  accountsPaying: number
  /** Payments within the days after each message, summed over the messages. */
  collectedMinor: number
}

const DIMENSIONS = ['channel', 'template', 'tone', 'hour']

/**
 * Channel and template effectiveness: for each channel, template, tone and local hour of sending,
 * the messages sent, the accounts messaged, those that paid within `withinDays` days and their share,
 * and the amount paid in those days, per currency.
 */
export function channelEffectiveness(
  groups: readonly MessagePaymentGroup[],
  withinDays: number,
): ReportTable {
  const sorted = [...groups].sort(
    (a, b) =>
      DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) ||
      a.value.localeCompare(b.value) ||
      a.currency.localeCompare(b.currency),
  )
  return {
    report: 'channel-effectiveness',
    columns: [
      'dimension',
      'value',
      'currency',
      'messages',
      'accounts',
      'accounts_paying',
      'paying_share',
      'collected_minor',
      'collected_per_message_minor',
    ],
    rows: sorted.map((g) => [
      g.dimension,
      g.value,
      g.currency,
      g.messages,
      g.accounts,
      g.accountsPaying,
      ratio(g.accountsPaying, g.accounts),
      g.collectedMinor,
      g.messages === 0 ? '' : Math.round(g.collectedMinor / g.messages),
    ]),
    notes: [
      `Messages: emails, texts and letters sent in the window, one per account a message named. accounts_paying: accounts with a payment (less reversals, by value date) from the day of sending to ${withinDays} days after it; paying_share = accounts_paying / accounts.`,
      `collected_minor: payments within ${withinDays} days of each message, summed over the messages (a payment after two messages counts for both), in minor units of the currency.`,
      "template: the playbook action's template key (letters: the document kind); tone: the tone the action asked the template in (empty for letters); hour: the hour of sending in the tenant's time zone.",
      'Payments follow messages; they are not shown to be caused by them (a champion/challenger split of the playbooks measures that).',
    ],
  }
}
