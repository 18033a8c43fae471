/**
 * Fail closed on jurisdictions (issue #9, part 1): an action whose debtor or debt is in a place no pack
 * covers (`BR`, `ZZ`, the non-state `US-ZZ`) is blocked with a reason naming the missing pack, unless
 * the tenant configured an explicit default pack (`request.defaultPack`), which then judges it and the
 * trace says so. The coverage check is the first entry of every trace chosen by jurisdiction.
 */
import { AppError } from '../errors/index.ts'
import { isCoveredJurisdiction } from '../jurisdictions/registry.ts'
import type { ComplianceDecision, ComplianceReason } from './compliance-decision.ts'
import type { ComplianceRequest } from './compliance-request.ts'
import { prepareRequest } from './prepared-request.ts'
import type { RulePack } from './rule-pack.ts'
import type { RuleCheck } from './strictest-wins.ts'

/** One entry of the decision trace. */
export interface Trace {
  family: string
  packId: string
  outcome: 'allow' | 'block'
  note?: string
}

export interface Coverage {
  check: RuleCheck
  decision: ComplianceDecision
  trace: Trace
  /** The tenant's default pack when it judges an uncovered place, else null. */
  pack: RulePack<unknown> | null
}

const FAMILY = 'jurisdiction-coverage'
const CITATION = 'Recoup: unknown means blocked (docs/compliance-check.md, "Unknown jurisdictions")'
const ALLOW: ComplianceDecision = Object.freeze({ outcome: 'allow', reasons: [], earliestAllowedAt: null })
const allowCheck: RuleCheck = () => ({ outcome: 'allow', reasons: [], earliestAllowedAt: null })

/** The jurisdiction codes of the request (debtor first, then the action's debts) no entry covers. */
export function uncoveredJurisdictions(request: ComplianceRequest): string[] {
  const p = prepareRequest(request)
  const out: string[] = []
  const codes = [request.debtor.jurisdiction]
  for (const d of p.debts.consumer) codes.push(d.jurisdiction)
  for (const d of p.debts.commercial) codes.push(d.jurisdiction)
  for (const code of codes) if (!isCoveredJurisdiction(code) && !out.includes(code)) out.push(code)
  return out
}

/** The coverage check of a request whose packs are chosen by jurisdiction, or null when every place is covered. */
export function jurisdictionCoverage(
  request: ComplianceRequest,
  packs: readonly RulePack<unknown>[],
): Coverage | null {
  const missing = uncoveredJurisdictions(request)
  if (missing.length === 0) return null
  const list = missing.map((code) => `"${code}"`).join(', ')
  const defaultId = request.defaultPack
  if (defaultId != null) {
    const pack = packs.find((p) => p.id === defaultId)
    if (pack === undefined) {
      const known = packs.map((p) => p.id).join(', ')
      throw new AppError('unknown_rule_pack', `defaultPack names "${defaultId}"; known packs: ${known}`)
    }
    const note = `no pack covers ${list}; the tenant's default pack "${pack.id}" judges the action`
    return {
      check: allowCheck,
      decision: ALLOW,
      trace: { family: FAMILY, packId: pack.id, outcome: 'allow', note },
      pack,
    }
  }
  const reasons: ComplianceReason[] = missing.map((code) => ({
    ruleId: 'recoup.unknown-jurisdiction',
    citation: CITATION,
    message:
      `no compliance pack covers jurisdiction "${code}" (Recoup has no "${code.toUpperCase()}" pack): ` +
      'nothing may be done until a pack covers it or the tenant configures a default pack',
  }))
  const decision = (): ComplianceDecision => ({ outcome: 'block', reasons, earliestAllowedAt: null })
  return {
    check: decision,
    decision: decision(),
    trace: { family: FAMILY, packId: 'recoup', outcome: 'block', note: `no pack covers ${list}` },
    pack: null,
  }
}

/**
 * The decision when no family check ran: a block when no pack applies (`packs: []`, nothing covers the
 * debts), else an allow, because every pack that applies covers the place and restricts nothing about
 * this action (a letter in GB, an email to a business); its `no-restriction` trace entry says so.
 */
export function nothingJudged(
  request: ComplianceRequest,
  chosen: readonly RulePack<unknown>[],
): ComplianceDecision {
  if (chosen.length > 0) return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
  return {
    outcome: 'block',
    reasons: [
      {
        ruleId: 'recoup.no-checks',
        citation: CITATION,
        message: `no pack judges this ${request.action.kind} action in "${request.debtor.jurisdiction}": an action no rule judged is never allowed`,
      },
    ],
    earliestAllowedAt: null,
  }
}

/** The trace entry of a pack that applies and has no rule about this action. */
export function noRestriction(request: ComplianceRequest, pack: RulePack<unknown>): Trace {
  const { kind, channel } = request.action
  const what = kind === 'contact' ? `a ${channel ?? 'contact'}` : `a ${kind}`
  return {
    family: 'no-restriction',
    packId: pack.id,
    outcome: 'allow',
    note: `${pack.id} applies to "${request.debtor.jurisdiction}" and restricts nothing about ${what} here`,
  }
}
