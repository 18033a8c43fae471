/**
 * Disputes (12 CFR 1006.38(d)(2); 15 USC 1692g(b)): a written dispute received within the validation
 * period stops collection of the disputed debt, or of the disputed part, until verification (or a copy
 * of a judgment) is sent. A debt known to be disputed must be reported as disputed (15 USC 1692e(8)).
 * Which disputes pause is a setting (catalogue open question 7); the defaults follow the rule text.
 */

import { requireLocalDate } from '../calendar/instant.ts'
import { dayNumber, type LocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import type { ComplianceDecision } from './compliance-decision.ts'
import { instantMs } from './instant-ms.ts'
import { zoneOffsetAt } from './zone-offsets.ts'

/** How the dispute arrived; without it, `written` alone decides. */
export type DisputeMedium = 'paper' | 'email' | 'portal' | 'oral'

/** A dispute the consumer made about the debt. */
export interface Dispute {
  receivedAt: string
  written: boolean
  medium?: DisputeMedium
  /** Disputed amount in minor units, or null for the whole debt. */
  amountMinor: number | null
  /** When verification (or a judgment copy) was sent: collection may resume after it. */
  verificationSentAt?: string | null
  /** When the dispute ended (withdrawn, settled): it neither pauses nor needs reporting afterwards. */
  resolvedAt?: string | null
}

/** The rule cited and which disputes pause collection (catalogue open question 7). */
export interface DisputePauseSettings {
  ruleId: string
  citation: string
  /** Email and portal disputes count as written (default true: Reg F lets consumers dispute electronically). */
  electronicIsWritten: boolean
  /** Disputes received after the validation period also pause (default false). */
  lateDisputesPause: boolean
  /** Oral disputes also pause (default false). */
  oralDisputesPause: boolean
}

/** Reg F defaults: written (including electronic) disputes within the validation period. */
export const US_REG_F_DISPUTE_PAUSE: DisputePauseSettings = {
  ruleId: 'us.reg-f.dispute-pause',
  citation: '12 CFR 1006.38(d)(2); 15 USC 1692g(b)',
  electronicIsWritten: true,
  lateDisputesPause: false,
  oralDisputesPause: false,
}

/** The rule requiring a disputed debt to be reported as disputed. */
export const US_FDCPA_REPORT_AS_DISPUTED = {
  ruleId: 'us.fdcpa.report-as-disputed',
  citation: '15 USC 1692e(8)',
} as const

/** The actions a dispute can pause (the evaluator's proposed action kinds). */
export type DisputedActionKind =
  | 'contact'
  | 'legal_notice'
  | 'threat_of_suit'
  | 'suit'
  | 'credit_report'
  | 'agency_placement'
  | 'fee'
  | 'interest'
  | 'statutory_demand'
  | 'bankruptcy_notice'
  | 'deposit_postdated_instrument'

/** One proposed action on one debt with its disputes. */
export interface DisputePauseInput {
  /** The proposed instant. */
  at: string
  actionKind: DisputedActionKind
  /** `verification`: sending verification or a judgment copy, always allowed. Default `collection`. */
  purpose?: 'collection' | 'verification'
  disputes: readonly Dispute[]
  balanceMinor: number
  /** The last day of the validation period (inclusive), or null when no notice was sent. */
  validationPeriodEndsOn: LocalDate | null
  /** IANA zone in which `receivedAt` is turned into a date for the period comparison (the consumer's). */
  timeZone: string
  /** Amount the action seeks; above the collectible amount it is blocked. Default: not checked. */
  amountMinor?: number
  settings?: DisputePauseSettings
}

/** What a partial or whole dispute leaves collectible. */
export interface CollectibleAmount {
  /** What may be collected now: the balance less every pausing disputed amount, never below 0. */
  collectibleMinor: number
  pausedMinor: number
  /** A dispute of the whole debt (or disputed amounts reaching the balance) pauses everything. */
  wholeDebtPaused: boolean
}

const DAY_MS = 86_400_000

/** The amount collectible at `at` given the disputes that pause collection then. */
export function collectibleAmount(input: DisputePauseInput): CollectibleAmount {
  const settings = input.settings ?? US_REG_F_DISPUTE_PAUSE
  const balance = requireMinor(input.balanceMinor, 'balanceMinor')
  const at = instantMs(input.at, 'at')
  const periodEnd =
    input.validationPeriodEndsOn === null
      ? Number.NaN
      : dayNumber(requireLocalDate(input.validationPeriodEndsOn, 'validationPeriodEndsOn'))
  let paused = 0
  let whole = false
  input.disputes.forEach((d, i) => {
    const receivedAt = instantMs(d.receivedAt, `disputes[${i}].receivedAt`)
    const amount = d.amountMinor === null ? null : requireMinor(d.amountMinor, `disputes[${i}].amountMinor`)
    if (
      receivedAt > at ||
      ended(d.verificationSentAt, at, `disputes[${i}].verificationSentAt`) ||
      ended(d.resolvedAt, at, `disputes[${i}].resolvedAt`)
    )
      return
    if (!isWritten(d, settings) && !settings.oralDisputesPause) return
    const receivedOn = Math.floor((receivedAt + zoneOffset(input.timeZone, receivedAt)) / DAY_MS)
    // No validation period yet means no period end has passed: the dispute is not late.
    if (receivedOn > periodEnd && !settings.lateDisputesPause) return
    if (amount === null) whole = true
    else paused += amount
  })
  if (paused >= balance && balance > 0) whole = true
  // Disputed amounts beyond the balance (after payments) pause no more than is owed.
  const pausedMinor = whole ? balance : Math.min(paused, balance)
  return { collectibleMinor: balance - pausedMinor, pausedMinor, wholeDebtPaused: whole }
}

/**
 * Blocks collection of a debt whose whole amount is paused by a dispute; with a partial dispute, allows
 * actions unless `amountMinor` exceeds the collectible amount. Verification is always allowed. A pause
 * lasts until verification is sent, which no date predicts, so `earliestAllowedAt` is null.
 */
export function disputePauseDecision(input: DisputePauseInput): ComplianceDecision {
  const settings = input.settings ?? US_REG_F_DISPUTE_PAUSE
  const amount = collectibleAmount(input)
  if ((input.purpose ?? 'collection') === 'verification')
    return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
  const sought = input.amountMinor === undefined ? undefined : requireMinor(input.amountMinor, 'amountMinor')
  let message: string | null = null
  if (amount.wholeDebtPaused) {
    message = `the debt is disputed: no ${input.actionKind.replace(/_/g, ' ')} until verification is sent`
  } else if (sought !== undefined && sought > amount.collectibleMinor) {
    message =
      `${amount.pausedMinor} of ${input.balanceMinor} is disputed: at most ${amount.collectibleMinor} may ` +
      `be collected until verification is sent, not ${sought}`
  }
  if (message === null) return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
  return {
    outcome: 'block',
    reasons: [{ ruleId: settings.ruleId, citation: settings.citation, message }],
    earliestAllowedAt: null,
  }
}

/**
 * True when a debt must be reported to a bureau as disputed: any dispute received by `at` and not
 * resolved, whatever its medium or date and even after verification (1692e(8) covers any debt the
 * collector knows is disputed).
 */
export function mustReportAsDisputed(input: { at: string; disputes: readonly Dispute[] }): boolean {
  const at = instantMs(input.at, 'at')
  return input.disputes.some(
    (d, i) =>
      instantMs(d.receivedAt, `disputes[${i}].receivedAt`) <= at &&
      !ended(d.resolvedAt, at, `disputes[${i}].resolvedAt`),
  )
}

function isWritten(d: Dispute, settings: DisputePauseSettings): boolean {
  if (d.medium === undefined) return d.written
  if (d.medium === 'paper') return true
  return d.medium !== 'oral' && settings.electronicIsWritten
}

function ended(when: string | null | undefined, at: number, field: string): boolean {
  return when != null && instantMs(when, field) <= at
}

function zoneOffset(zone: string, instant: number): number {
  try {
    return zoneOffsetAt(zone, instant)
  } catch {
    throw new AppError('invalid_time_zone', `timeZone "${zone}" is not a known IANA zone`)
  }
}

function requireMinor(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AppError('invalid_amount', `${field} must be a whole number of minor units >= 0, not ${value}`)
  }
  return value
}
