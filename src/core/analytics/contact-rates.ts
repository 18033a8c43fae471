import type { CallOutcome } from '../tasks/call-outcome.ts'
import { type ReportTable, ratio } from './report-table.ts'

/**
 * Call outcomes in which the collector spoke with the debtor (a right-party contact): every outcome of
 * a conversation but `wrong_party`. A call-back request and a named attorney count: the debtor was
 * reached and said so.
 */
export const RIGHT_PARTY_OUTCOMES: readonly CallOutcome[] = [
  'right_party_contact',
  'promise_to_pay',
  'dispute',
  'refusal',
  'call_back',
  'attorney_named',
  'inconvenient_time',
]

/** Contact events of one month (tenant's zone) and channel. */
export interface ContactMonth {
  month: string
  channel: string
  /** Outbound attempts that went out (calls placed; messages handed to the provider or printed). */
  attempts: number
  /** Calls that reached someone (the call-frequency rules' "conversation"). */
  conversations: number
  /** Inbound contacts (replies). */
  responses: number
}

/** Call tasks worked in one month (by the time of their outcome). */
export interface CallOutcomeMonth {
  month: string
  worked: number
  rightPartyContacts: number
  promises: number
  wrongParty: number
}

/**
 * Right-party-contact rates per month and channel: on the call rows, right-party contacts (worked
 * call tasks with an outcome of `RIGHT_PARTY_OUTCOMES`) per call attempt and promises to pay per
 * right-party contact; on every row, attempts, conversations and inbound responses per attempt.
 */
export function contactRates(
  events: readonly ContactMonth[],
  calls: readonly CallOutcomeMonth[],
): ReportTable {
  const keys = new Set<string>()
  for (const e of events) keys.add(`${e.month}|${e.channel}`)
  for (const c of calls) keys.add(`${c.month}|call`)
  const rows: (string | number)[][] = []
  for (const key of [...keys].sort()) {
    const [month, channel] = key.split('|') as [string, string]
    const e = events.find((x) => x.month === month && x.channel === channel)
    const attempts = e?.attempts ?? 0
    const conversations = e?.conversations ?? 0
    const responses = e?.responses ?? 0
    const c = channel === 'call' ? calls.find((x) => x.month === month) : undefined
    const onCalls = channel === 'call'
    rows.push([
      month,
      channel,
      attempts,
      conversations,
      responses,
      onCalls ? (c?.worked ?? 0) : '',
      onCalls ? (c?.rightPartyContacts ?? 0) : '',
      onCalls ? (c?.wrongParty ?? 0) : '',
      onCalls ? (c?.promises ?? 0) : '',
      onCalls ? ratio(conversations, attempts) : '',
      onCalls ? ratio(c?.rightPartyContacts ?? 0, attempts) : '',
      onCalls ? ratio(c?.promises ?? 0, c?.rightPartyContacts ?? 0) : '',
      ratio(responses, attempts),
    ])
  }
  return {
    report: 'contacts',
    columns: [
      'month',
      'channel',
      'attempts',
      'conversations',
      'responses',
      'calls_worked',
      'right_party_contacts',
      'wrong_party',
      'promises',
      'contact_rate',
      'rpc_rate',
      'promise_per_rpc_rate',
      'response_rate',
    ],
    rows,
    notes: [
      "Months in the tenant's time zone. attempts: outbound contact events that went out (calls placed, messages sent or printed; queued or failed ones left out); conversations: calls that reached someone; responses: inbound contacts.",
      `Call rows only: calls_worked, right_party_contacts, wrong_party and promises come from the call tasks' recorded outcomes (by the month of the outcome); a right-party contact is any of ${RIGHT_PARTY_OUTCOMES.join(', ')}.`,
      'contact_rate = conversations / attempts; rpc_rate = right-party contacts / call attempts; promise_per_rpc_rate = promises to pay / right-party contacts; response_rate = responses / attempts.',
    ],
  }
}
