/**
 * Australian rule families (docs/compliance-packs.md, "au"): contact hours, extinguished debts, hardship
 * requests, default listing, the statutory demand and bankruptcy notice thresholds, and misleading
 * statements about legal consequences. Each reads only its pack's settings and the prepared request.
 */
import { addDays, dayNumber } from '../../calendar/local-date.ts'
import type { ComplianceDecision, ComplianceReason } from '../../compliance/compliance-decision.ts'
import type { DebtFacts, ProposedActionKind } from '../../compliance/compliance-request.ts'
import { binds, combined } from '../../compliance/contact-families.ts'
import { limitationFor } from '../../compliance/debt-families.ts'
import { instantMs } from '../../compliance/instant-ms.ts'
import { limitationEndsOn } from '../../compliance/limitation.ts'
import { localDateOf, type PreparedRequest, within } from '../../compliance/prepared-request.ts'
import { type FamilyFactory, namedCheck, type PackSettings } from '../../compliance/rule-pack.ts'
import type { RuleCheck } from '../../compliance/strictest-wins.ts'
import { zoneOffsetAt } from '../../compliance/zone-offsets.ts'
import { type ContactSchedule, scheduleCheck } from './au-contact-hours.ts'

interface Rule {
  ruleId: string
  citation: string
}

/** Everything the Australian packs add to the common pack settings. */
export interface AuSettings extends PackSettings {
  schedules: readonly ContactSchedule[]
  /** Codes where expiry extinguishes the debt itself: every collection action is blocked, not only suits. */
  extinguishment: Rule & { jurisdictions: readonly string[] }
  /** Enforcement waits for the answer to a hardship request, due within `answerDays`. */
  hardship: Rule & { answerDays: number; blocks: readonly ProposedActionKind[] }
  /** Conditions for listing a consumer default with a credit reporting body (credit_report actions). */
  defaultListing: Rule & {
    minOverdueDays: number
    minAmountMinor: number
    currency: string
    /** Full days that must pass after the day of the disclosure notice (the notice day is not one of them). */
    noticeWaitDays: number
  }
  statutoryDemand: (Rule & { minAmountMinor: number; currency: string }) | null
  bankruptcyNotice: Rule & { minAmountMinor: number; currency: string }
  /** Phrasings that mislead about legal consequences (regular expressions, case-insensitive). */
  conduct: Rule & { misleading: readonly string[]; proceedingsClaims: readonly string[] }
}

const DAY_MS = 86_400_000
const allow = (): ComplianceDecision => ({ outcome: 'allow', reasons: [], earliestAllowedAt: null })
const block = (reasons: ComplianceReason[], earliestAllowedAt: string | null = null): ComplianceDecision => ({
  outcome: 'block',
  reasons,
  earliestAllowedAt,
})
const debtsOf = (p: PreparedRequest, s: PackSettings): readonly DebtFacts[] =>
  s.debtKind === 'consumer' ? p.debts.consumer : p.debts.commercial
const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toFixed(2)}`

/** Local midnight starting `date` in `zone`, as an ISO instant. */
function midnight(date: string, zone: string): string {
  const local = dayNumber(date) * DAY_MS
  return new Date(local - zoneOffsetAt(zone, local - zoneOffsetAt(zone, local))).toISOString()
}

/** Phone, face-to-face and workplace hours (guideline part 2 ss.4, 6, 7). */
export const auContactHoursFamily: FamilyFactory<AuSettings> = (p, s) => {
  if (p.medium === null || !binds(p, s)) return null
  const checks: RuleCheck[] = []
  for (const schedule of s.schedules) {
    const check = scheduleCheck(p, schedule, p.zones.intersection)
    if (check !== null) checks.push(check)
  }
  return combined('au-contact-hours', checks)
}

/** NSW, ACT, NT: once the period ends the debt is gone, so nothing may be done to collect it. */
export const auExtinguishedFamily: FamilyFactory<AuSettings> = (p, s) => {
  const gone: { debt: DebtFacts; endsOn: string }[] = []
  for (const debt of debtsOf(p, s)) {
    const code = debt.jurisdiction
    if (debt.accrualOn == null || !s.extinguishment.jurisdictions.some((j) => within(code, j))) continue
    const rule = limitationFor(s, debt, p.request)
    if (rule === null) continue
    const ends = limitationEndsOn({
      accrualOn: debt.accrualOn,
      rule,
      events: debt.limitationEvents ?? [],
      exclusions: rule.exclusions,
    })
    gone.push({ debt, endsOn: ends.endsOn })
  }
  if (gone.length === 0) return null
  const { ruleId, citation } = s.extinguishment
  return namedCheck('au-extinguished-debt', (at) => {
    const today = localDateOf(instantMs(at, 'at'), p.dayZone)
    const reasons = gone
      .filter((g) => today > g.endsOn)
      .map((g) => ({
        ruleId,
        citation,
        message: `debt ${g.debt.id} (${g.debt.jurisdiction}) was extinguished after ${g.endsOn}: it may not be collected at all`,
      }))
    return reasons.length === 0 ? allow() : block(reasons)
  })
}

/** Enforcement waits while a hardship request is unanswered (NCC s.72: answer within 21 days). */
export const auHardshipFamily: FamilyFactory<AuSettings> = (p, s) => {
  const { hardship } = s
  if (!hardship.blocks.includes(p.request.action.kind)) return null
  const open = debtsOf(p, s).flatMap((debt) => (debt.hardshipRequests ?? []).map((h) => ({ debt, h })))
  if (open.length === 0) return null
  return namedCheck('au-hardship', (at) => {
    const now = instantMs(at, 'at')
    const reasons: ComplianceReason[] = []
    for (const { debt, h } of open) {
      const received = instantMs(h.receivedAt, 'hardshipRequests.receivedAt')
      if (
        received > now ||
        (h.answeredAt != null && instantMs(h.answeredAt, 'hardshipRequests.answeredAt') <= now)
      ) {
        continue
      }
      const due = addDays(localDateOf(received, p.dayZone), hardship.answerDays)
      const late =
        localDateOf(now, p.dayZone) > due
          ? ` (the answer was due by ${due} and is late)`
          : ` (answer due by ${due})`
      reasons.push({
        ...hardship,
        message: `debt ${debt.id}: a hardship request received ${h.receivedAt} is unanswered${late}; no ${p.request.action.kind} until it is answered`,
      })
    }
    return reasons.length === 0
      ? allow()
      : block(reasons.map(({ ruleId, citation, message }) => ({ ruleId, citation, message })))
  })
}

/** Default listing with a credit reporting body (Privacy Act 1988 ss.6Q, 21D). */
export const auDefaultListingFamily: FamilyFactory<AuSettings> = (p, s) => {
  if (p.request.action.kind !== 'credit_report') return null
  const debts = debtsOf(p, s)
  if (debts.length === 0) return null
  const d = s.defaultListing
  return namedCheck('au-default-listing', (at) => {
    const today = localDateOf(instantMs(at, 'at'), p.dayZone)
    const reasons: ComplianceReason[] = []
    let earliest: string | null = null
    let waitable = true
    const say = (message: string) => reasons.push({ ruleId: d.ruleId, citation: d.citation, message })
    for (const debt of debts) {
      if (debt.currency !== d.currency || debt.balanceMinor < d.minAmountMinor) {
        waitable = false
        say(
          `debt ${debt.id}: ${money(debt.balanceMinor, debt.currency)} is below the ${money(d.minAmountMinor, d.currency)} a default listing needs`,
        )
      }
      const since = debt.overdueSince ?? debt.accrualOn ?? null
      const dates: string[] = []
      if (since == null) {
        waitable = false
        say(`debt ${debt.id}: the date the payment became overdue is unknown (overdueSince)`)
      } else dates.push(addDays(since, d.minOverdueDays))
      if (debt.overdueNoticeOn == null) {
        waitable = false
        say(`debt ${debt.id}: no written notice of the overdue payment was given (overdueNoticeOn)`)
      }
      if (debt.creditReportingNoticeOn == null) {
        waitable = false
        say(
          `debt ${debt.id}: the consumer was not told the default may be disclosed (creditReportingNoticeOn)`,
        )
      } else dates.push(addDays(debt.creditReportingNoticeOn, d.noticeWaitDays + 1))
      for (const date of dates) {
        if (today < date) {
          say(
            `debt ${debt.id}: a default may be listed from ${date} (${d.minOverdueDays} days overdue, ${d.noticeWaitDays} full days after the notice)`,
          )
          if (earliest === null || date > earliest) earliest = date
        }
      }
    }
    if (reasons.length === 0) return allow()
    return block(reasons, waitable && earliest !== null ? midnight(earliest, p.dayZone) : null)
  })
}

/** Statutory demands (companies, s.459E) and bankruptcy notices (individuals, final judgment, s.40). */
export const auInsolvencyGateFamily: FamilyFactory<AuSettings> = (p, s) => {
  const kind = p.request.action.kind
  if (kind !== 'statutory_demand' && kind !== 'bankruptcy_notice') return null
  const debts = debtsOf(p, s)
  if (debts.length === 0) return null
  const company = p.request.debtor.kind === 'business'
  const gate = kind === 'statutory_demand' ? s.statutoryDemand : s.bankruptcyNotice
  return namedCheck('au-insolvency-gate', () => {
    if (gate === null) {
      return block([
        {
          ruleId: 'au.statutory-demand',
          citation: 'Corporations Act 2001 s.459E',
          message: 'a statutory demand is served on a company, not on an individual consumer',
        },
      ])
    }
    const say = (message: string): ComplianceReason => ({
      ruleId: gate.ruleId,
      citation: gate.citation,
      message,
    })
    const reasons: ComplianceReason[] = []
    if (kind === 'statutory_demand' && !company)
      reasons.push(say('a statutory demand is served on a company; the debtor is not a business'))
    if (kind === 'bankruptcy_notice' && company)
      reasons.push(say('a bankruptcy notice is served on an individual; a company gets a statutory demand'))
    let total = 0
    for (const debt of debts) {
      if (debt.currency !== gate.currency)
        reasons.push(say(`debt ${debt.id} is in ${debt.currency}; the threshold is in ${gate.currency}`))
      else total += debt.balanceMinor
      if (kind === 'bankruptcy_notice' && debt.judgmentOn == null)
        reasons.push(say(`debt ${debt.id} has no final judgment (judgmentOn)`))
    }
    if (total < gate.minAmountMinor)
      reasons.push(
        say(
          `${money(total, gate.currency)} is below the ${money(gate.minAmountMinor, gate.currency)} threshold`,
        ),
      )
    return reasons.length === 0 ? allow() : block(reasons)
  })
}

const compiled = new Map<string, RegExp>()
const regex = (source: string): RegExp => {
  let r = compiled.get(source)
  if (r === undefined) {
    r = new RegExp(source, 'i')
    compiled.set(source, r)
  }
  return r
}

/** No misleading statements about legal consequences; no claim that proceedings began when they did not. */
export const auConductFamily: FamilyFactory<AuSettings> = (p, s) => {
  const text = p.request.action.content?.text
  if (text === undefined || !binds(p, s)) return null
  const { conduct } = s
  const begun = debtsOf(p, s).some((d) => d.proceedingsStartedOn != null)
  const found: string[] = []
  for (const source of conduct.misleading) if (regex(source).test(text)) found.push(source)
  if (!begun) for (const source of conduct.proceedingsClaims) if (regex(source).test(text)) found.push(source)
  const decision =
    found.length === 0
      ? allow()
      : block([
          {
            ruleId: conduct.ruleId,
            citation: conduct.citation,
            message: `the text misleads about legal consequences (matches ${found.map((f) => `/${f}/`).join(', ')})${begun ? '' : '; no proceedings have begun'}`,
          },
        ])
  return namedCheck('au-conduct', () => decision)
}
