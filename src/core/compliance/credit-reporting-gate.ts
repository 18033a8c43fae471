/**
 * No "passive collection" by credit reporting (12 CFR 1006.30(a)): before furnishing a debt to a bureau
 * the collector must have spoken to the consumer about it, or sent a letter or electronic message and
 * waited a reasonable period without a notice that it was undeliverable. Comment 30(a)(1)-2 calls 14
 * consecutive days after sending reasonable. The sending day is not one of the 14: the days counted are
 * the 14 full local days after it, so by default furnishing starts on day 15 (the sending day is day 0);
 * `furnishFrom: 'last_wait_day'` is the permissive reading that allows day 14 (catalogue open question 8,
 * docs/compliance-credit-reporting-gate.md). A debt known to be disputed must be reported as disputed
 * (15 USC 1692e(8)).
 */
import type { Channel } from '../channels/channels.ts'
import { AppError } from '../errors/index.ts'
import type { ComplianceDecision, ComplianceReason } from './compliance-decision.ts'
import { type Dispute, mustReportAsDisputed, US_FDCPA_REPORT_AS_DISPUTED } from './dispute-pause.ts'
import { instantMs } from './instant-ms.ts'
import { startOfLocalDay } from './stated-inconvenience.ts'
import { zoneOffsetAt } from './zone-offsets.ts'

/** The rules cited and the waiting-period choices (catalogue open question 8). */
export interface CreditReportingGateSettings {
  ruleId: string
  citation: string
  /** Full local days after the sending day (the sending day is day 0 and never counts); default 14. */
  waitDays: number
  /**
   * `after_full_wait` (default, conservative): furnishing from 00:00 of day `waitDays + 1` (day 15), once
   * every waiting day has ended. `last_wait_day`: from 00:00 of day `waitDays` (day 14).
   */
  furnishFrom: 'after_full_wait' | 'last_wait_day'
  /** An email or text bounce counts as a notice of undeliverability (default true, open question 8). */
  electronicBounceIsUndeliverable: boolean
  /** The rule cited when a disputed debt would be furnished without the dispute flag. */
  disputed: { ruleId: string; citation: string }
}

/** Reg F defaults: 14 full days after the sending day (furnish on day 15), bounces count as undeliverable. */
export const US_REG_F_CREDIT_REPORTING_GATE: CreditReportingGateSettings = {
  ruleId: 'us.reg-f.passive-collection',
  citation: '12 CFR 1006.30(a); comment 30(a)(1)-2',
  waitDays: 14,
  furnishFrom: 'after_full_wait',
  electronicBounceIsUndeliverable: true,
  disputed: US_FDCPA_REPORT_AS_DISPUTED,
}

/** A letter or electronic message about the debt already sent to the consumer. */
export interface SentMessage {
  sentAt: string
  channel: Exclude<Channel, 'call'>
  /** When a notice that it was undeliverable (a returned letter, a bounce) was received. */
  undeliverableAt?: string | null
}

/** One proposed furnishing of one debt. */
export interface CreditReportingGateInput {
  /** The proposed furnishing instant. */
  at: string
  /** When the collector last spoke with the consumer about the debt (in person or by phone). */
  spokeWithConsumerAt?: string | null
  messages: readonly SentMessage[]
  /** IANA zone in which the waiting days are counted (the consumer's). */
  timeZone: string
  disputes?: readonly Dispute[]
  /** The report carries the "disputed by consumer" flag. */
  reportedAsDisputed?: boolean
  settings?: CreditReportingGateSettings
}

const DAY_MS = 86_400_000

/**
 * The instant the passive-collection wait ends for the messages sent by `input.at` (the soonest that
 * qualifies), `null` when the collector spoke with the consumer (no wait), or +Infinity when no message
 * qualifies (none sent, or every one came back undeliverable within its wait).
 */
export function furnishingWaitEnds(input: CreditReportingGateInput): { ends: number | null; sent: number } {
  const settings = input.settings ?? US_REG_F_CREDIT_REPORTING_GATE
  const { waitDays } = settings
  if (!Number.isSafeInteger(waitDays) || waitDays < 0) {
    throw new AppError('invalid_day_count', `waitDays must be a whole number >= 0, not ${waitDays}`)
  }
  const zone = input.timeZone
  try {
    zoneOffsetAt(zone, 0)
  } catch {
    throw new AppError('invalid_time_zone', `timeZone "${zone}" is not a known IANA zone`)
  }
  const at = instantMs(input.at, 'at')
  const spoke = input.spokeWithConsumerAt
  if (spoke != null && instantMs(spoke, 'spokeWithConsumerAt') <= at) return { ends: null, sent: 0 }
  // The first allowed day: day 15 by default (14 full days after the sending day), day 14 when permissive.
  const firstDay = settings.furnishFrom === 'last_wait_day' ? waitDays : waitDays + 1
  // The wait ends at a local midnight and never moves, so the earliest is the soonest qualifying end.
  let soonest = Number.POSITIVE_INFINITY
  let sent = 0
  input.messages.forEach((m, i) => {
    const sentAt = instantMs(m.sentAt, `messages[${i}].sentAt`)
    if (sentAt > at) return
    sent++
    const sentDay = Math.floor((sentAt + zoneOffsetAt(zone, sentAt)) / DAY_MS)
    const waitEnds = Math.max(sentAt, startOfLocalDay(zone, sentDay + firstDay))
    const counts = m.channel === 'letter' || settings.electronicBounceIsUndeliverable
    const bounced = counts && m.undeliverableAt != null
    if (!bounced || instantMs(m.undeliverableAt!, `messages[${i}].undeliverableAt`) >= waitEnds) {
      soonest = Math.min(soonest, waitEnds)
    }
  })
  return { ends: soonest, sent }
}

/** Decides whether the debt may be furnished to a consumer reporting agency at `at`. */
export function creditReportingGateDecision(input: CreditReportingGateInput): ComplianceDecision {
  const settings = input.settings ?? US_REG_F_CREDIT_REPORTING_GATE
  const { waitDays } = settings
  const at = instantMs(input.at, 'at')
  const reasons: ComplianceReason[] = []
  let earliest: number | null = null

  const { ends: soonest, sent } = furnishingWaitEnds(input)
  if (soonest !== null && soonest > at) {
    const finite = soonest !== Number.POSITIVE_INFINITY
    const waiting = finite ? `; the ${waitDays}-day wait after the message ends ${iso(soonest)}` : ''
    const why =
      sent === 0
        ? 'no conversation with the consumer and no letter or electronic message sent about the debt'
        : finite
          ? 'no conversation with the consumer'
          : 'no conversation with the consumer and every message sent came back undeliverable'
    reasons.push({
      ruleId: settings.ruleId,
      citation: settings.citation,
      message: `${why}${waiting}`,
    })
    earliest = finite ? soonest : null
  }

  if (!input.reportedAsDisputed && mustReportAsDisputed({ at: input.at, disputes: input.disputes ?? [] })) {
    reasons.push({ ...settings.disputed, message: 'the debt is disputed: it must be reported as disputed' })
    earliest = null
  }
  if (reasons.length === 0) return { outcome: 'allow', reasons, earliestAllowedAt: null }
  return { outcome: 'block', reasons, earliestAllowedAt: earliest === null ? null : iso(earliest) }
}

const iso = (instant: number) => new Date(instant).toISOString()
