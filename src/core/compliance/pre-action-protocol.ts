/**
 * UK Pre-Action Protocol for Debt Claims (in force 1 October 2017): a business claiming a debt from an
 * individual or sole trader sends a Letter of Claim and gives the debtor 30 days from the letter's date
 * to reply before issuing a claim. The letter's date is day 0 and the claim may be issued once day 30
 * has passed, i.e. from 00:00 London time on day 31: the reply is due by the end of day 30.
 */
import { requireLocalDate } from '../calendar/instant.ts'
import { addDays, dayNumber, fromDayNumber, type LocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import type { ComplianceDecision } from './compliance-decision.ts'
import { instantMs } from './instant-ms.ts'
import { startOfLocalDay } from './stated-inconvenience.ts'
import { zoneOffsetAt } from './zone-offsets.ts'

/** The rule cited, the wait and the courts' zone: a rule pack's settings. */
export interface PreActionProtocolSettings {
  ruleId: string
  citation: string
  /** Days the debtor has to reply, counted from the day after the letter's date. */
  waitDays: number
  /** Zone of the courts' calendar, in which the proposed instant becomes a date. */
  timeZone: string
}

/** The protocol's defaults: 30 days, London calendar. */
export const UK_PRE_ACTION_PROTOCOL_DEBT: PreActionProtocolSettings = {
  ruleId: 'uk.pap-debt.letter-of-claim',
  citation: 'Pre-Action Protocol for Debt Claims (1 Oct 2017)',
  waitDays: 30,
  timeZone: 'Europe/London',
}

/** Who the claim is against: the protocol covers individuals and sole traders, not companies. */
export type ClaimDebtorKind = 'individual' | 'sole_trader' | 'company'

/** One proposed action against a debtor. */
export interface PreActionProtocolInput {
  /** The proposed instant. Only `suit` is governed by the protocol. */
  at: string
  actionKind: string
  debtorKind: ClaimDebtorKind
  /** The protocol binds business creditors only; default true. */
  creditorIsBusiness?: boolean
  /** The date of the Letter of Claim, or null when none was sent. */
  letterOfClaimOn: LocalDate | null
  settings?: PreActionProtocolSettings
}

const DAY_MS = 86_400_000

/** The first day a claim may be issued after a Letter of Claim dated `letterOn`. */
export function firstClaimDay(letterOn: LocalDate, settings = UK_PRE_ACTION_PROTOCOL_DEBT): LocalDate {
  const { waitDays } = settings
  if (!Number.isSafeInteger(waitDays) || waitDays < 0) {
    throw new AppError('invalid_day_count', `waitDays must be a whole number >= 0, not ${waitDays}`)
  }
  return addDays(requireLocalDate(letterOn, 'letterOfClaimOn'), waitDays + 1)
}

/** Blocks a suit against an individual or sole trader without a Letter of Claim or before the wait ends. */
export function preActionProtocolDecision(input: PreActionProtocolInput): ComplianceDecision {
  const settings = input.settings ?? UK_PRE_ACTION_PROTOCOL_DEBT
  const at = instantMs(input.at, 'at')
  const firstDay = input.letterOfClaimOn === null ? null : firstClaimDay(input.letterOfClaimOn, settings)
  const applies =
    input.actionKind === 'suit' && input.debtorKind !== 'company' && (input.creditorIsBusiness ?? true)
  if (!applies) return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
  const reason = (message: string) => [{ ruleId: settings.ruleId, citation: settings.citation, message }]
  if (firstDay === null) {
    return {
      outcome: 'block',
      reasons: reason(
        'send a Letter of Claim with the Information Sheet, Reply Form and Financial Statement first',
      ),
      earliestAllowedAt: null,
    }
  }
  let offset: number
  try {
    offset = zoneOffsetAt(settings.timeZone, at)
  } catch {
    throw new AppError('invalid_time_zone', `timeZone "${settings.timeZone}" is not a known IANA zone`)
  }
  const today = Math.floor((at + offset) / DAY_MS)
  const first = dayNumber(firstDay)
  if (today >= first) return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
  return {
    outcome: 'block',
    reasons: reason(
      `the debtor has ${settings.waitDays} days from the Letter of Claim dated ${input.letterOfClaimOn} to ` +
        `reply; a claim may be issued from ${firstDay}, not ${fromDayNumber(today)}`,
    ),
    earliestAllowedAt: new Date(startOfLocalDay(settings.timeZone, first)).toISOString(),
  }
}
