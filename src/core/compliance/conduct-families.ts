/**
 * Family factories for the rule families written as their own modules (stated inconvenience, disputes,
 * message content, credit reporting, NI Act, Pre-Action Protocol): each maps the request onto the
 * family's input and reads the family's settings from the pack, or returns null when the pack does not
 * carry the family or the action does not concern it.
 */
import type { ComplianceDecision } from './compliance-decision.ts'
import type { DebtFacts } from './compliance-request.ts'
import { binds, combined } from './contact-families.ts'
import {
  type CreditReportingGateSettings,
  creditReportingGateDecision,
  furnishingWaitEnds,
  type SentMessage,
} from './credit-reporting-gate.ts'
import { disputePauseDecision } from './dispute-pause.ts'
import { instantMs } from './instant-ms.ts'
import { messageContentDecision } from './message-content.ts'
import { niComplaintDecision, niDemandNoticeDecision } from './ni-act-timeline.ts'
import { postdatedDepositDecision } from './postdated-instrument.ts'
import { preActionProtocolDecision } from './pre-action-protocol.ts'
import { localDateOf, type PreparedRequest } from './prepared-request.ts'
import { type FamilyFactory, namedCheck, type PackSettings } from './rule-pack.ts'
import { type ContactPlace, statedInconvenienceDecision } from './stated-inconvenience.ts'
import type { RuleCheck } from './strictest-wins.ts'
import { validationPeriod } from './validation-period.ts'

const debtsOf = (p: PreparedRequest, s: PackSettings): readonly DebtFacts[] =>
  s.debtKind === 'consumer' ? p.debts.consumer : p.debts.commercial

/** One check per debt as one family: strictest wins among them. */
function perDebt(
  family: string,
  debts: readonly DebtFacts[],
  check: (debt: DebtFacts, at: string) => ComplianceDecision,
) {
  const checks: RuleCheck[] = debts.map((debt) => (at: string) => check(debt, at))
  return combined(family, checks)
}

/** Last day of the validation period of a debt whose notice was sent, else null. */
function periodEnd(debt: DebtFacts): string | null {
  return debt.validationNoticeSentOn
    ? validationPeriod({ noticeSentOn: debt.validationNoticeSentOn }).periodEndsOn
    : null
}

/** Times and places the consumer said are inconvenient (contacts; only when some were stated). */
export const statedInconvenienceFamily: FamilyFactory = (p, s) => {
  const settings = s.statedInconvenience
  const { debtor } = p.request
  if (!settings || p.medium === null || !binds(p, s)) return null
  if (!debtor.inconvenientTimes?.length && !debtor.inconvenientPlaces?.length) return null
  const point = p.point
  const place: ContactPlace | null =
    p.medium === 'visit' ? 'home' : point?.atWorkplace || point?.phoneType === 'work' ? 'work' : null
  const base = {
    channel: p.medium,
    place,
    evidenceZones: p.zones.intersection,
    times: debtor.inconvenientTimes ?? [],
    places: debtor.inconvenientPlaces ?? [],
    settings,
  }
  return combined('stated-inconvenience', [(at) => statedInconvenienceDecision({ ...base, proposedAt: at })])
}

/** Written disputes pause collection of the disputed debt until verification (every action kind). */
export const disputePauseFamily: FamilyFactory = (p, s) => {
  const settings = s.disputePause
  if (!settings || !binds(p, s)) return null
  const debts = debtsOf(p, s).filter((d) => (d.disputes?.length ?? 0) > 0)
  const { action } = p.request
  return perDebt('dispute-pause', debts, (debt, at) =>
    disputePauseDecision({
      at,
      actionKind: action.kind,
      disputes: debt.disputes ?? [],
      balanceMinor: debt.balanceMinor,
      validationPeriodEndsOn: periodEnd(debt),
      timeZone: p.dayZone,
      settings,
    }),
  )
}

/** Mini-Miranda, opt-out notice, overshadowing and the California license number, when text is given. */
export const messageContentFamily: FamilyFactory = (p, s) => {
  const settings = s.messageContent
  const content = p.request.action.content
  const medium = p.medium
  if (!settings || !content || medium === null || medium === 'visit') return null
  const ends = debtsOf(p, s)
    .map(periodEnd)
    .filter((e): e is string => e !== null)
    .sort()
  const license = s.californiaLicense ? (p.request.collector.californiaLicenseNumber ?? null) : null
  return combined('message-content', [
    (at) =>
      messageContentDecision({
        text: content.text,
        channel: medium,
        collectorType: p.request.collector.type,
        firstCommunication: content.firstCommunication ?? false,
        sentOn: localDateOf(instantMs(at, 'at'), p.dayZone),
        validationPeriodEndsOn: ends.at(-1) ?? null,
        californiaLicenseNumber: license,
        settings,
      }),
  ])
}

/**
 * The credit-reporting settings in force: the pack's, with the tenant's `creditReportingFurnishFrom`
 * when the request carries one; `source` says which, for the trace.
 */
export function creditReportingSettings(
  p: PreparedRequest,
  pack: CreditReportingGateSettings,
): { settings: CreditReportingGateSettings; note: string } {
  const tenant = p.request.settings?.creditReportingFurnishFrom
  const settings = tenant === undefined ? pack : { ...pack, furnishFrom: tenant }
  const day = settings.furnishFrom === 'last_wait_day' ? settings.waitDays : settings.waitDays + 1
  const source = tenant === undefined ? 'pack default' : 'tenant setting'
  return {
    settings,
    note: `furnishFrom ${settings.furnishFrom} (${source}): day ${day} after the sending day (day 0)`,
  }
}

/** The letters and electronic messages about `debt` in the history, as the gate reads them. */
export function sentMessages(p: PreparedRequest, debt: DebtFacts): SentMessage[] {
  const messages: SentMessage[] = []
  for (const m of p.request.history?.messages ?? []) {
    if (m.channel === 'call' || m.channel === 'visit' || !m.debtIds.includes(debt.id)) continue
    messages.push({ sentAt: m.at, channel: m.channel, undeliverableAt: m.undeliverableAt ?? null })
  }
  return messages
}

/** No passive collection by credit reporting (1006.30(a)); disputed debts reported as disputed. */
export const creditReportingGateFamily: FamilyFactory = (p, s) => {
  const { action, history } = p.request
  if (!s.creditReportingGate || action.kind !== 'credit_report' || !binds(p, s)) return null
  const { settings, note } = creditReportingSettings(p, s.creditReportingGate)
  const family = perDebt('credit-reporting-gate', debtsOf(p, s), (debt, at) =>
    creditReportingGateDecision({
      at,
      spokeWithConsumerAt: history?.lastConversationAt ?? null,
      messages: sentMessages(p, debt),
      timeZone: p.dayZone,
      disputes: debt.disputes ?? [],
      reportedAsDisputed: action.reportAsDisputed ?? false,
      settings,
    }),
  )
  return family === null ? null : namedCheck(family.family, family.check, note)
}

/** The first furnishing instant of `debt` at the request's instant: null when no wait applies or none qualifies. */
export function furnishingStartsAt(
  p: PreparedRequest,
  debt: DebtFacts,
  settings: CreditReportingGateSettings,
): number | null {
  const { ends } = furnishingWaitEnds({
    at: p.request.action.at,
    spokeWithConsumerAt: p.request.history?.lastConversationAt ?? null,
    messages: sentMessages(p, debt),
    timeZone: p.dayZone,
    settings,
  })
  return ends === null || ends === Number.POSITIVE_INFINITY ? null : ends
}

/** FDCPA 1692f(2), (4): depositing a postdated instrument needs a notice of intent 3-10 business days before. */
export const postdatedInstrumentFamily: FamilyFactory = (p, s) => {
  const settings = s.postdatedInstrument
  const { action } = p.request
  if (!settings || action.kind !== 'deposit_postdated_instrument' || !binds(p, s)) return null
  if (debtsOf(p, s).length === 0) return null
  const instrument = action.instrument ?? {}
  return namedCheck('postdated-instrument', (at) =>
    postdatedDepositDecision({ at, timeZone: p.dayZone, instrument, settings }),
  )
}

/** India NI Act s.138: a legal notice is the demand notice, a suit is the complaint, for bounced cheques. */
export const niActFamily: FamilyFactory = (p, s) => {
  const settings = s.niAct
  const kind = p.request.action.kind
  if (!settings || (kind !== 'legal_notice' && kind !== 'suit')) return null
  const debts = debtsOf(p, s).filter((d) => d.dishonouredCheque != null)
  const decide = kind === 'suit' ? niComplaintDecision : niDemandNoticeDecision
  return perDebt('ni-act', debts, (debt, at) => decide({ ...debt.dishonouredCheque!, at, settings }))
}

/** UK Pre-Action Protocol for Debt Claims: no claim against an individual before the Letter of Claim wait. */
export const preActionProtocolFamily: FamilyFactory = (p, s) => {
  const settings = s.preActionProtocol
  if (!settings || p.request.action.kind !== 'suit') return null
  const debtorKind = p.request.debtor.kind === 'person' ? 'individual' : 'company'
  return perDebt('pre-action-protocol', debtsOf(p, s), (debt, at) =>
    preActionProtocolDecision({
      at,
      actionKind: 'suit',
      debtorKind,
      letterOfClaimOn: debt.letterOfClaimOn ?? null,
      settings,
    }),
  )
}
