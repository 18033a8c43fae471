/**
 * The one compliance evaluator: picks the rule packs that apply to a proposed action, gathers their
 * checks and combines them strictest-wins. Pure and synchronous; the CLI, the daily run and the HTTP API
 * all call this function (docs/compliance-check.md).
 */
import { AppError } from '../errors/index.ts'
import { registeredPacks } from '../jurisdictions/registry.ts'
import type { ComplianceDeadline, ComplianceDecision } from './compliance-decision.ts'
import type { ComplianceRequest, ComplianceResult, DebtFacts } from './compliance-request.ts'
import { packDeadlines } from './deadline-families.ts'
import { limitationFor } from './debt-families.ts'
import { jurisdictionCoverage, noRestriction, nothingJudged, type Trace } from './jurisdiction-coverage.ts'
import { commercialPack } from './packs/commercial.pack.ts'
import { prepareRequest } from './prepared-request.ts'
import type { LimitationSetting, NamedCheck, PackSettings, RulePack } from './rule-pack.ts'
import { type RuleCheck, strictestWins } from './strictest-wins.ts'

/**
 * Every pack Recoup ships, in the order their checks are reported (federal before state before city):
 * the jurisdiction registry's packs, then the commercial pack, which applies everywhere.
 */
export const ALL_PACKS: readonly RulePack<unknown>[] = [...registeredPacks(), commercialPack]

/**
 * Allow or block `request.action` at `request.action.at`: every reason from every blocking check, and
 * `earliestAllowedAt` when a later instant passes every check. Packs are `request.packs` when given (ids
 * looked up in `packs`), else every pack of `packs` whose `appliesTo` accepts the request.
 */
export function evaluateCompliance(
  request: ComplianceRequest,
  packs: readonly RulePack<unknown>[] = ALL_PACKS,
): ComplianceResult {
  prepareRequest(request, true) // semantic errors (unknown debt, contact point, zone) surface before any pack runs
  const chosen = packsFor(request, packs)
  const checks: RuleCheck[] = []
  const trace: Trace[] = []
  const first: ComplianceDecision[] = []
  const at = request.action.at
  const coverage = request.packs === undefined ? jurisdictionCoverage(request, packs) : null
  if (coverage !== null) {
    checks.push(coverage.check)
    first.push(coverage.decision)
    trace.push(coverage.trace)
    if (coverage.pack !== null && !chosen.includes(coverage.pack)) chosen.unshift(coverage.pack)
  }
  for (const pack of chosen) {
    const packChecks = pack.checks(request)
    for (let i = 0; i < packChecks.length; i++) {
      const { family, check, note } = packChecks[i] as NamedCheck
      const decision = check(at)
      checks.push(check)
      first.push(decision)
      trace.push(
        note === undefined
          ? { family, packId: pack.id, outcome: decision.outcome }
          : { family, packId: pack.id, outcome: decision.outcome, note },
      )
    }
  }
  // Unknown means blocked (issue #9): with no pack at all the check list would be empty, and an empty
  // list is never an allow. A pack that applies but restricts nothing about this action says so.
  if (checks.length === 0) {
    const decision = nothingJudged(request, chosen)
    checks.push(() => decision)
    first.push(decision)
    if (chosen.length === 0) trace.push({ family: 'no-checks', packId: 'recoup', outcome: 'block' })
    for (const pack of chosen) trace.push(noRestriction(request, pack))
  }
  const decision = strictestWins(at, checks, first)
  const applied: { id: string; version: string }[] = []
  for (const pack of chosen) applied.push({ id: pack.id, version: pack.version })
  return {
    outcome: decision.outcome,
    reasons: decision.reasons,
    earliestAllowedAt: decision.earliestAllowedAt,
    packs: applied,
    checks: trace,
    deadlines: deadlinesOf(request, chosen),
  }
}

/** The dates the chosen packs' rules compute, in pack order, each (name, date, debt) once. */
function deadlinesOf(request: ComplianceRequest, chosen: readonly RulePack<unknown>[]): ComplianceDeadline[] {
  const out: ComplianceDeadline[] = []
  const seen = new Set<string>()
  const p = prepareRequest(request)
  for (const pack of chosen) {
    const settings = pack.settings as PackSettings
    const found = [
      ...(settings && Array.isArray(settings.jurisdictions) ? packDeadlines(p, settings) : []),
      ...(pack.deadlines?.(request) ?? []),
    ]
    for (const d of found) {
      const key = `${d.name}|${d.date}|${d.debtId}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(d)
    }
  }
  return out
}

/** The packs a request names, in its order; an unknown id is bad input. */
function named(ids: readonly string[], packs: readonly RulePack<unknown>[]): RulePack<unknown>[] {
  return ids.map((id) => {
    const pack = packs.find((p) => p.id === id)
    if (pack === undefined) {
      const known = packs.map((p) => p.id).join(', ')
      throw new AppError('unknown_rule_pack', `request.packs names "${id}"; known packs: ${known}`)
    }
    return pack
  })
}

/** The packs that apply: the ones `request.packs` names, else every pack whose `appliesTo` accepts it. */
export function packsFor(
  request: ComplianceRequest,
  packs: readonly RulePack<unknown>[] = ALL_PACKS,
): RulePack<unknown>[] {
  if (request.packs !== undefined) return named(request.packs, packs)
  const chosen: RulePack<unknown>[] = []
  for (const pack of packs) if (pack.appliesTo(request)) chosen.push(pack)
  return chosen
}

/**
 * The limitation rules the applicable packs set for one debt of the request: the packs are the one
 * place that knows which period binds where, so the engine's "days until limitation" asks them.
 */
export function limitationRulesFor(
  request: ComplianceRequest,
  debt: DebtFacts,
  packs: readonly RulePack<unknown>[] = ALL_PACKS,
): LimitationSetting[] {
  const rules: LimitationSetting[] = []
  for (const pack of packsFor(request, packs)) {
    const rule = limitationFor(pack.settings as PackSettings, debt, request)
    if (rule) rules.push(rule)
  }
  return rules
}
