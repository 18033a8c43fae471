import type { CallResult } from '../compliance/call-frequency.ts'
import { AppError } from '../errors/index.ts'

/** What a collector can record after working a call task (docs/outreach.md, "Call tasks"). */
export const CALL_OUTCOMES = [
  'no_answer',
  'busy',
  'not_in_service',
  'voicemail',
  'wrong_party',
  'right_party_contact',
  'promise_to_pay',
  'dispute',
  'refusal',
  'call_back',
  'attorney_named',
  'inconvenient_time',
] as const

export type CallOutcome = (typeof CALL_OUTCOMES)[number]

/**
 * The outcome of a legal case's work task (a deadline, a hearing, enforcement): internal work, not a
 * call, so it records no contact with the debtor (docs/legal-cases.md).
 */
export const CASE_TASK_OUTCOME = 'done'

/** Every outcome a task can be closed with: the call outcomes and a case task's `done`. */
export const TASK_OUTCOMES = [...CALL_OUTCOMES, CASE_TASK_OUTCOME] as const

/** Whether `text` names a call outcome. */
export function isCallOutcome(text: string): text is CallOutcome {
  return (CALL_OUTCOMES as readonly string[]).includes(text)
}

/**
 * The call-frequency result a call with this outcome counts as: the attempts by name, and every call
 * that reached someone as a conversation (Reg F 1006.14(b)(2) counts placed calls and conversations).
 */
export function callResultOf(outcome: CallOutcome): CallResult {
  switch (outcome) {
    case 'no_answer':
    case 'busy':
    case 'not_in_service':
    case 'voicemail':
      return outcome
    default:
      return 'conversation'
  }
}

/** The outcome as the request gave it, before it is checked. */
export interface CallOutcomeRequest {
  readonly outcome: string
  readonly amount?: string
  readonly currency?: string
  readonly date?: string
  readonly note?: string
  /** Call-back: when to call again (ISO instant). */
  readonly at?: string
  /** Inconvenient time: the stated local range, HH:MM. */
  readonly from?: string
  readonly to?: string
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/

/** Checks what each outcome needs (an amount and date for a promise, a time for a call-back...). */
export function requireOutcomeFields(request: CallOutcomeRequest): CallOutcome {
  const { outcome } = request
  if (!isCallOutcome(outcome))
    throw new AppError(
      'invalid_call_outcome',
      `outcome must be one of ${CALL_OUTCOMES.join(', ')}, not "${outcome}"`,
      { field: 'outcome' },
    )
  const need = (field: keyof CallOutcomeRequest, why: string) => {
    if (request[field] === undefined || request[field] === '')
      throw new AppError('invalid_call_outcome', `${outcome} needs ${field} (${why})`, { field })
  }
  if (outcome === 'promise_to_pay') {
    need('amount', 'the promised amount, a decimal')
    need('currency', "the promise's ISO currency")
    need('date', 'the day it is promised for, YYYY-MM-DD')
  } else if (outcome === 'call_back') {
    need('at', 'when to call back, an ISO date-time')
    if (Number.isNaN(Date.parse(request.at ?? '')))
      throw new AppError('invalid_call_outcome', `at "${request.at}" is not an ISO date-time`, {
        field: 'at',
      })
  } else if (outcome === 'attorney_named') {
    need('note', "the attorney's name and how to reach them")
  } else if (outcome === 'inconvenient_time') {
    for (const field of ['from', 'to'] as const) {
      need(field, 'the stated inconvenient range in local time, HH:MM')
      if (!HH_MM.test(request[field] ?? ''))
        throw new AppError('invalid_call_outcome', `${field} "${request[field]}" is not HH:MM`, { field })
    }
  }
  return outcome
}

/** The call script of a task: the action's note, else a plain right-party-contact script. */
export function callScript(
  action: Readonly<Record<string, unknown>>,
  facts: { debtor: string; account: string; creditor: string; balance: string; debtCollector: boolean },
): string {
  // A debt collector says so on every call (FDCPA 1692e(11)); the send-time check looks for it.
  const disclosure = facts.debtCollector
    ? 'Say: "This communication is from a debt collector. This is an attempt to collect a debt and any ' +
      'information obtained will be used for that purpose."\n'
    : ''
  const note = typeof action.note === 'string' && action.note.trim() ? `${action.note.trim()}\n\n` : ''
  return (
    `${note}Ask for ${facts.debtor}. Confirm you are speaking with them before saying why you call.\n` +
    `Say who you are and that you are calling about account ${facts.account} with ${facts.creditor}, ` +
    `balance ${facts.balance}.\n` +
    disclosure +
    'Ask how they would like to settle it: in full, a date they can promise, or a plan.\n' +
    'If they dispute the debt, name an attorney, or say the time is inconvenient, record it as the outcome.'
  )
}

/**
 * The scoring target whose bad outcome is "no payment within 30 days": the one whose probability is a
 * chance of payment soon, so the one the queue values calls with. A `late_payment` score (paid after the
 * due date) says little about an invoice already overdue; such accounts are valued at even odds.
 */
export const PAYMENT_CHANCE_TARGET = 'pay_30'

/** The no-payment probability an account without a payment-chance score is valued with: even odds. */
export const UNSCORED_BAD_PPM = 500_000

/**
 * A call's expected value in minor units: the balance times the chance the account pays soon, 1 − the
 * no-payment probability of its current score (parts per million, from a PAYMENT_CHANCE_TARGET model;
 * `UNSCORED_BAD_PPM` without one), rounded down. The work queue ranks by the same integer arithmetic in
 * SQL (call-task.repository).
 */
export function expectedValueMinor(balanceMinor: number, noPaymentPpm: number | null): number {
  const good = 1_000_000n - BigInt(noPaymentPpm ?? UNSCORED_BAD_PPM)
  const value = (BigInt(balanceMinor) * good) / 1_000_000n
  return Number(value)
}
