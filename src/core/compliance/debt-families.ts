/**
 * Family factories that read the debts and the contact history: contact caps, validation-notice timing
 * and suits on time-barred debts. Each prepares what does not depend on the instant once per request.
 */
import { prepareTimedCallFrequency, type TimedCall, timedCalls } from './call-frequency.ts'
import type { ComplianceDecision } from './compliance-decision.ts'
import type { ComplianceRequest, DebtFacts } from './compliance-request.ts'
import { binds, combined } from './contact-families.ts'
import { instantMs } from './instant-ms.ts'
import { type LimitationResult, limitationEndsOn, timeBarredDecision } from './limitation.ts'
import { contactPoint, localDateOf, type PreparedRequest, within } from './prepared-request.ts'
import {
  type FamilyFactory,
  type FrequencySetting,
  type LimitationSetting,
  namedCheck,
  type PackSettings,
} from './rule-pack.ts'
import type { RuleCheck } from './strictest-wins.ts'
import { validationNoticeTimingDecision } from './validation-period.ts'

/** The debts of the pack's kind that the action is about. */
const packDebts = (p: PreparedRequest, s: PackSettings): readonly DebtFacts[] =>
  s.debtKind === 'consumer' ? p.debts.consumer : p.debts.commercial

/** Per-debt decisions as one: blocked when any blocks, with every reason (none of them ends by waiting). */
function merged(decisions: readonly ComplianceDecision[]): ComplianceDecision {
  const blocks = decisions.filter((d) => d.outcome === 'block')
  if (blocks.length === 0) return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
  return { outcome: 'block', reasons: blocks.flatMap((d) => d.reasons), earliestAllowedAt: null }
}

/** Contact caps: each frequency setting whose triggers include the medium and whose points include this one. */
export const contactFrequencyFamily: FamilyFactory = (p, s) => {
  const medium = p.medium
  const debts = packDebts(p, s)
  if (medium === null || debts.length === 0 || !binds(p, s)) return null
  const debtIds = debts.map((d) => d.id)
  const checks: RuleCheck[] = []
  for (const setting of s.frequency) {
    if (!setting.triggers.includes(medium)) continue
    if (p.point !== null && !inScope(p, setting, p.point.id)) continue
    const decide = prepareTimedCallFrequency(
      {
        debtIds,
        consentGivenAt: p.request.history?.callConsentGivenAt ?? {},
        consentDays: s.consentDays,
        timeZone: p.dayZone,
        caps: setting.rules,
      },
      countedHistory(p, setting),
    )
    checks.push((at, probe) => decide(instantMs(at, 'at'), probe))
  }
  return combined('contact-frequency', checks)
}

/** Whether contacts through `pointId` (or an unknown point, counted to be safe) fall in the setting's scope. */
function inScope(p: PreparedRequest, setting: FrequencySetting, pointId: string | undefined): boolean {
  if (setting.contactPoints === 'any' || pointId === undefined) return true
  const point = contactPoint(p.request, pointId)
  if (point === null) return true
  const workplace = point.atWorkplace === true || point.phoneType === 'work'
  return setting.contactPoints === 'workplace' ? workplace : !workplace
}

// The history of the request being evaluated, parsed once for every cap of every pack (calls and
// messages separately: most caps count calls only).
let callsFor: PreparedRequest | null = null
let timedCallList: readonly TimedCall[] = []
let messagesFor: PreparedRequest | null = null
let timedMessageList: readonly TimedCall[] = []

function timedHistoryCalls(p: PreparedRequest): readonly TimedCall[] {
  if (callsFor !== p) {
    timedCallList = timedCalls(p.request.history?.calls ?? [], p.dayZone, 'history.calls')
    callsFor = p
  }
  return timedCallList
}

function timedHistoryMessages(p: PreparedRequest): readonly TimedCall[] {
  if (messagesFor !== p) {
    const messages = (p.request.history?.messages ?? []).map((m) => ({
      at: m.at,
      debtIds: m.debtIds,
      // A message that came back undelivered was an attempt, not a contact made ('made' caps skip it).
      result: m.undeliverableAt == null ? ('voicemail' as const) : ('not_in_service' as const),
    }))
    timedMessageList = timedCalls(messages, p.dayZone, 'history.messages')
    messagesFor = p
  }
  return timedMessageList
}

/** Past contacts the setting counts, as timed calls (messages count like connected calls). */
function countedHistory(p: PreparedRequest, setting: FrequencySetting): readonly TimedCall[] {
  const history = p.request.history
  const countsCalls = setting.counts.includes('call')
  const calls = countsCalls ? timedHistoryCalls(p) : []
  const messageMedia = setting.counts.filter((m) => m !== 'call')
  // The common case (Reg F: calls, any point) uses the parsed calls as they are.
  if (messageMedia.length === 0 && setting.contactPoints === 'any') return calls
  const messages = messageMedia.length === 0 ? [] : timedHistoryMessages(p)
  const out: TimedCall[] = []
  const rawCalls = history?.calls ?? []
  if (countsCalls) {
    for (let i = 0; i < calls.length; i++) {
      if (inScope(p, setting, rawCalls[i]?.contactPointId)) out.push(calls[i] as TimedCall)
    }
  }
  const rawMessages = history?.messages ?? []
  for (let i = 0; i < messages.length; i++) {
    const m = rawMessages[i]
    if (m === undefined || !(messageMedia as readonly string[]).includes(m.channel)) continue
    if (inScope(p, setting, m.contactPointId)) out.push(messages[i] as TimedCall)
  }
  return out
}

/**
 * Validation-notice timing for a `legal_notice` about debts whose first communication is known and whose
 * notice has not been sent: the proposed notice must go out within the deadline (the action is the notice).
 */
export const validationNoticeFamily: FamilyFactory = (p, s) => {
  const setting = s.validationNotice
  if (setting === null || p.request.action.kind !== 'legal_notice' || !binds(p, s)) return null
  const debts = packDebts(p, s).filter(
    (d) => d.firstCommunicationOn != null && d.validationNoticeSentOn == null,
  )
  if (debts.length === 0) return null
  return namedCheck('validation-notice-timing', (at) => {
    const noticeSentOn = localDateOf(instantMs(at, 'at'), p.dayZone)
    return merged(
      debts.map((d) =>
        validationNoticeTimingDecision({
          ...setting.rule,
          initialCommunicationOn: d.firstCommunicationOn as string,
          noticeSentOn,
          deadlineDays: setting.deadlineDays,
          dayCount: setting.dayCount,
        }),
      ),
    )
  })
}

/** The pack's limitation rule for a debt: by the debt's jurisdiction, else the debtor's; longest code wins. */
export function limitationFor(
  s: PackSettings,
  debt: DebtFacts,
  req: ComplianceRequest,
): LimitationSetting | null {
  for (const jurisdiction of [debt.jurisdiction, req.debtor.jurisdiction]) {
    let best: string | null = null
    for (const code of Object.keys(s.limitation)) {
      if (within(jurisdiction, code) && (best === null || code.length > best.length)) best = code
    }
    if (best !== null) return s.limitation[best] ?? null
  }
  return null
}

/** Suits and threats of suit after the last day to sue, per debt with a known accrual date. */
export const timeBarredFamily: FamilyFactory = (p, s) => {
  const kind = p.request.action.kind
  if (kind !== 'suit' && kind !== 'threat_of_suit') return null
  const periods: LimitationResult[] = []
  for (const debt of packDebts(p, s)) {
    const rule = limitationFor(s, debt, p.request)
    if (rule === null || debt.accrualOn == null) continue
    periods.push(
      limitationEndsOn({
        accrualOn: debt.accrualOn,
        rule,
        events: debt.limitationEvents ?? [],
        exclusions: rule.exclusions,
      }),
    )
  }
  if (periods.length === 0) return null
  const ban = s.timeBarredProhibition
  const prohibition = ban?.collectorTypes.includes(p.request.collector.type)
    ? { ruleId: ban.ruleId, citation: ban.citation }
    : undefined
  return namedCheck('time-barred', (at) => {
    const asOf = localDateOf(instantMs(at, 'at'), p.dayZone)
    return merged(
      periods.map((limitation) =>
        timeBarredDecision({ actionKind: kind, asOf, limitation, ...(prohibition ? { prohibition } : {}) }),
      ),
    )
  })
}
