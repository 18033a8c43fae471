/**
 * Family factories for contacts: the hours a contact may be made in, the weekdays, and whether it may be
 * made at all (Reg F permissions and TCPA consent). Each reads only its pack's settings and the prepared
 * request, and returns null when the family does not concern the action.
 */
import type { ComplianceDecision } from './compliance-decision.ts'
import type { ContactPointFacts } from './compliance-request.ts'
import {
  type ContactChannel,
  type ContactPermissionInput,
  contactPermissionDecision,
  type PriorConfirmation,
} from './contact-permission.ts'
import { prepareContactWindow } from './contact-window.ts'
import { instantMs } from './instant-ms.ts'
import { localDateOf, type PreparedRequest } from './prepared-request.ts'
import { type FamilyFactory, type NamedCheck, namedCheck, type PackSettings } from './rule-pack.ts'
import { type RuleCheck, strictestWins } from './strictest-wins.ts'
import { zoneOffsetAt } from './zone-offsets.ts'

const DAY_MS = 86_400_000
/** A fresh allow: decisions are handed to callers, so none shares its reasons array. */
function allow(): ComplianceDecision {
  return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
}

/** True when the pack's conduct rules bind this request's collector. */
export const binds = (p: PreparedRequest, s: PackSettings): boolean =>
  s.collectorTypes.includes(p.request.collector.type)

/** Several checks as one: strictest wins among them (used when a pack has two windows or caps). */
export function combined(family: string, checks: readonly RuleCheck[]): NamedCheck | null {
  const [only, ...rest] = checks
  if (only === undefined) return null
  if (rest.length === 0) return namedCheck(family, only)
  return namedCheck(family, (at, probe) =>
    strictestWins(
      at,
      checks,
      checks.map((c) => c(at, probe)),
    ),
  )
}

/** Contact windows: every window of the pack that times this medium, in the zones its mode reads. */
export const contactWindowFamily: FamilyFactory = (p, s) => {
  const medium = p.medium
  if (medium === null || !binds(p, s)) return null
  const checks: RuleCheck[] = []
  for (const setting of s.contactWindows) {
    if (!setting.channels.includes(medium)) continue
    const decide = prepareContactWindow(setting.rule, p.zones[setting.locationEvidence])
    const exemptFrom = setting.exemptions.find((e) => e.channel === medium)?.from
    checks.push((at, probe) => {
      const ms = instantMs(at, 'at')
      if (exemptFrom !== undefined && localDateOf(ms, p.dayZone) >= exemptFrom) return allow()
      return decide(ms, probe)
    })
  }
  return combined('contact-window', checks)
}

/** Contact weekdays (business days for commercial debtors) in the day zone, for the windows' media. */
export const contactWeekdaysFamily: FamilyFactory = (p, s) => {
  const rule = s.contactWeekdays
  const medium = p.medium
  if (rule === null || medium === null || !binds(p, s)) return null
  if (!s.contactWindows.some((w) => w.channels.includes(medium))) return null
  const zone = p.dayZone
  return namedCheck('contact-weekdays', (at) => {
    const ms = instantMs(at, 'at')
    const day = localDay(zone, ms)
    if (rule.weekdays.includes(weekday(day))) return allow()
    let next = day + 1
    while (next < day + 8 && !rule.weekdays.includes(weekday(next))) next++
    const earliest = next < day + 8 ? startOfLocalDay(next, zone) : null
    const names = rule.weekdays.join(',')
    return {
      outcome: 'block',
      reasons: [
        {
          ruleId: rule.ruleId,
          citation: rule.citation,
          message: `${localDateOf(ms, zone)} is weekday ${weekday(day)} in ${zone}; contacts only on weekdays ${names} (1=Mon)`,
        },
      ],
      earliestAllowedAt: earliest === null ? null : new Date(earliest).toISOString(),
    }
  })
}

/** The ISO weekday (1=Mon..7=Sun) of a day number; day 0 (1970-01-01) was a Thursday. */
function weekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1
}

function localDay(zone: string, ms: number): number {
  return Math.floor((ms + zoneOffsetAt(zone, ms)) / DAY_MS)
}

/** The first instant of local day `day` in `zone` (steps past a DST gap at midnight). */
function startOfLocalDay(day: number, zone: string): number {
  const guess = day * DAY_MS - zoneOffsetAt(zone, day * DAY_MS)
  let t = day * DAY_MS - zoneOffsetAt(zone, guess)
  while (localDay(zone, t) < day) t += 60_000
  while (localDay(zone, t - 1) >= day) t -= 1
  return t
}

const POINT_KIND = { call: 'phone', sms: 'phone', email: 'email', letter: 'postal' } as const

/**
 * Reg F permissions (attorney, cease, workplace, employer email, medium and point opt-outs) for bound
 * collectors, with TCPA consent; TCPA consent alone for the other collectors it binds. A visit is judged
 * as a letter would be for the cease and attorney rules (no point, no notice purpose).
 */
export const contactPermissionFamily: FamilyFactory = (p, s) => {
  const medium = p.medium
  if (medium === null) return null
  const type = p.request.collector.type
  const full = s.contactPermission && binds(p, s)
  if (!full && !s.tcpaCollectorTypes.includes(type)) return null
  const { action, debtor, history } = p.request
  const channel: ContactChannel = medium === 'visit' ? 'letter' : medium
  const point = medium === 'visit' ? null : p.point
  const contactPoint = toContactPoint(point, channel, full)
  const input: ContactPermissionInput = {
    at: action.at,
    channel,
    purpose: medium === 'visit' ? 'collection' : (action.purpose ?? 'collection'),
    contactPoint,
    ...(action.dialing === undefined ? {} : { dialing: action.dialing }),
    debtor: full
      ? {
          attorney: debtor.attorney ?? null,
          ceaseReceivedAt: debtor.ceaseReceivedAt ?? null,
          employerProhibitsWorkContact: debtor.employerProhibitsWorkContact ?? false,
          directConsentToContact: debtor.directConsentToContact ?? false,
          mediumOptOuts: debtor.mediumOptOuts ?? [],
          emailedFromThisAddress: point?.debtorUsedAt != null,
        }
      : {},
    priorConfirmations: confirmations(history?.messages ?? []),
  }
  return namedCheck(full ? 'contact-permission' : 'tcpa-consent', (at) => {
    // One input object per request: the decision keeps nothing of it, so only `at` changes.
    input.at = at
    return contactPermissionDecision(input)
  })
}

function toContactPoint(point: ContactPointFacts | null, channel: ContactChannel, full: boolean) {
  if (point === null) return { kind: POINT_KIND[channel], consent: 'unknown' as const }
  if (full) return point
  // TCPA only: the point's Reg F facts (opt-out, employer) are not this collector's rules.
  return {
    kind: point.kind,
    ...(point.phoneType === undefined ? {} : { phoneType: point.phoneType }),
    consent: point.consent,
    consentRevokedAt: point.consentRevokedAt ?? null,
  }
}

function confirmations(
  messages: NonNullable<NonNullable<PreparedRequest['request']['history']>['messages']>,
): PriorConfirmation[] {
  const out: PriorConfirmation[] = []
  for (const m of messages) {
    if (m.channel === 'visit' || m.purpose === undefined || m.purpose === 'collection') continue
    out.push({ channel: m.channel, purpose: m.purpose, at: m.at })
  }
  return out
}
