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

/** The limitation period chosen for one debt, how it was chosen (for the trace), or why none can be. */
export interface LimitationSelection {
  /** The rule applied, or null when none applies or the unknown contract type blocks. */
  rule: LimitationSetting | null
  /** One line for the trace: the jurisdiction code, the contract type and the preset chosen. */
  note: string | null
  /** Set when suits and threats of suit must be blocked because the period cannot be known. */
  blocked: string | null
}

const NO_LIMITATION: LimitationSelection = { rule: null, note: null, blocked: null }

/** The jurisdiction code of `s` (limitation or per-contract-type table) that covers the debt, longest first. */
function limitationCode(s: PackSettings, debt: DebtFacts, req: ComplianceRequest): string | null {
  const byType = s.limitationByContractType ?? {}
  for (const jurisdiction of [debt.jurisdiction, req.debtor.jurisdiction]) {
    let best: string | null = null
    for (const code of [...Object.keys(s.limitation), ...Object.keys(byType)]) {
      if (within(jurisdiction, code) && (best === null || code.length > best.length)) best = code
    }
    if (best !== null) return best
  }
  return null
}

/**
 * The pack's limitation period for a debt: by the debt's jurisdiction, else the debtor's (longest code
 * wins); where the jurisdiction distinguishes contract types, by `debt.contractType`. A stated type with
 * no figure in the catalogue blocks (the period may be shorter than any listed); no stated type follows
 * the tenant's `unknownContractType`, else the table's own policy (`shortest` by default).
 */
export function limitationSelection(
  s: PackSettings,
  debt: DebtFacts,
  req: ComplianceRequest,
): LimitationSelection {
  const code = limitationCode(s, debt, req)
  if (code === null) return NO_LIMITATION
  const table = s.limitationByContractType?.[code]
  if (table === undefined) {
    const rule = s.limitation[code] ?? null
    if (rule === null) return NO_LIMITATION
    const type = debt.contractType == null ? '' : ` (contract type ${debt.contractType} not distinguished)`
    return {
      rule,
      note: `debt ${debt.id}: ${code} ${rule.ruleId}, ${rule.years} years${type}`,
      blocked: null,
    }
  }
  const type = debt.contractType ?? null
  const listed = Object.entries(table.byType) as [string, LimitationSetting][]
  if (type !== null) {
    const rule = table.byType[type] ?? null
    if (rule !== null) {
      return {
        rule,
        note: `debt ${debt.id}: ${code} contract type ${type}: ${rule.ruleId}, ${rule.years} years`,
        blocked: null,
      }
    }
    const known = listed.map(([t]) => t).join(', ')
    const why = `no limitation period for a ${type} contract in ${code} (the catalogue lists ${known})`
    return { rule: null, note: `debt ${debt.id}: ${why}: suits blocked`, blocked: why }
  }
  const tenant = req.settings?.unknownContractType
  const policy = tenant ?? table.unknown
  const source = tenant === undefined ? 'pack default' : 'tenant setting'
  if (policy === 'block') {
    const why = `the debt states no contract type and ${code} sets the period by contract type`
    return {
      rule: null,
      note: `debt ${debt.id}: ${why}: unknownContractType block (${source})`,
      blocked: why,
    }
  }
  let shortest: LimitationSetting | null = null
  for (const [, rule] of listed) if (shortest === null || rule.years < shortest.years) shortest = rule
  if (shortest === null) return NO_LIMITATION
  return {
    rule: shortest,
    note:
      `debt ${debt.id}: ${code} contract type unknown: shortest period ${shortest.ruleId}, ` +
      `${shortest.years} years (unknownContractType shortest, ${source})`,
    blocked: null,
  }
}

/** The pack's limitation rule for a debt (see `limitationSelection`); an unknowable period gives the shortest listed. */
export function limitationFor(
  s: PackSettings,
  debt: DebtFacts,
  req: ComplianceRequest,
): LimitationSetting | null {
  const selection = limitationSelection(s, debt, req)
  if (selection.rule !== null || selection.blocked === null) return selection.rule
  // For countdowns ("days until limitation") the shortest listed period is the cautious figure.
  const code = limitationCode(s, debt, req)
  const table = code === null ? undefined : s.limitationByContractType?.[code]
  let shortest: LimitationSetting | null = null
  for (const rule of Object.values(table?.byType ?? {})) {
    if (rule !== undefined && (shortest === null || rule.years < shortest.years)) shortest = rule
  }
  return shortest
}

/** The last day to sue on one debt with a known accrual date, or null (no rule, no accrual date, or blocked). */
export function limitationPeriodOf(
  s: PackSettings,
  debt: DebtFacts,
  req: ComplianceRequest,
): { selection: LimitationSelection; period: LimitationResult | null } {
  const selection = limitationSelection(s, debt, req)
  if (selection.rule === null || debt.accrualOn == null) return { selection, period: null }
  const period = limitationEndsOn({
    accrualOn: debt.accrualOn,
    rule: selection.rule,
    events: debt.limitationEvents ?? [],
    exclusions: selection.rule.exclusions,
  })
  return { selection, period }
}

/** The rule id of the block when a debt's limitation period cannot be known. */
export const UNKNOWN_CONTRACT_TYPE = {
  ruleId: 'recoup.limitation.unknown-contract-type',
  citation: 'Recoup: unknown means blocked (docs/compliance-limitation.md, "Contract type")',
} as const

/** Suits and threats of suit after the last day to sue, per debt with a known accrual date. */
export const timeBarredFamily: FamilyFactory = (p, s) => {
  const kind = p.request.action.kind
  if (kind !== 'suit' && kind !== 'threat_of_suit') return null
  const periods: LimitationResult[] = []
  const notes: string[] = []
  const unknowable: string[] = []
  for (const debt of packDebts(p, s)) {
    const { selection, period } = limitationPeriodOf(s, debt, p.request)
    if (selection.blocked !== null) {
      unknowable.push(`debt ${debt.id}: ${selection.blocked}`)
      if (selection.note) notes.push(selection.note)
      continue
    }
    if (period === null) continue
    if (selection.note) notes.push(selection.note)
    periods.push(period)
  }
  if (periods.length === 0 && unknowable.length === 0) return null
  const ban = s.timeBarredProhibition
  const prohibition = ban?.collectorTypes.includes(p.request.collector.type)
    ? { ruleId: ban.ruleId, citation: ban.citation }
    : undefined
  const action = kind === 'suit' ? 'a suit' : 'a threat of suit'
  const unknown: ComplianceDecision | null =
    unknowable.length === 0
      ? null
      : {
          outcome: 'block',
          reasons: unknowable.map((why) => ({
            ...UNKNOWN_CONTRACT_TYPE,
            message: `${why}: the last day to sue is unknown, so ${action} is not allowed`,
          })),
          earliestAllowedAt: null,
        }
  return namedCheck(
    'time-barred',
    (at) => {
      const asOf = localDateOf(instantMs(at, 'at'), p.dayZone)
      const decisions = periods.map((limitation) =>
        timeBarredDecision({ actionKind: kind, asOf, limitation, ...(prohibition ? { prohibition } : {}) }),
      )
      if (unknown !== null) decisions.push(unknown)
      return merged(decisions)
    },
    notes.length === 0 ? undefined : notes.join('; '),
  )
}
