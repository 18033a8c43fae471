/**
 * California: the Rosenthal Act incorporates FDCPA 1692b-1692j and reaches original creditors, so an
 * original creditor gets the federal conduct families under California's citation; everyone gets the
 * 4-year limitation (CCP 337).
 */
import type { ComplianceDecision } from '../compliance-decision.ts'
import type { CollectorType } from '../compliance-request.ts'
import { messageContentFamily, postdatedInstrumentFamily } from '../conduct-families.ts'
import { contactPermissionFamily, contactWindowFamily } from '../contact-families.ts'
import { contactFrequencyFamily } from '../debt-families.ts'
import { LIMITATION_PRESETS } from '../limitation-presets.ts'
import { US_MESSAGE_CONTENT } from '../message-content.ts'
import { definePack, type FamilyFactory, namedCheck, type PackSettings } from '../rule-pack.ts'
import { US_FEDERAL_SETTINGS } from './us-federal.pack.ts'
import { US_STATE_FAMILIES, usStateSettings } from './us-state.ts'

export interface UsCaSettings extends PackSettings {
  /** Collectors the FDCPA does not bind but Rosenthal does: they get the federal conduct rules. */
  rosenthal: { ruleId: string; citation: string; collectorTypes: readonly CollectorType[] }
}

const FEDERAL_CONDUCT: readonly FamilyFactory[] = [
  contactWindowFamily,
  contactFrequencyFamily,
  contactPermissionFamily,
  // 1692f(2), (4): postdated cheques (1788.17 incorporates 1692f).
  postdatedInstrumentFamily,
]

/** The federal conduct families for Rosenthal-only collectors, reasons re-cited to Civ. Code 1788.17. */
const rosenthalFamily =
  (family: FamilyFactory): FamilyFactory<UsCaSettings> =>
  (p, s) => {
    if (!s.rosenthal.collectorTypes.includes(p.request.collector.type)) return null
    const named = family(p, { ...US_FEDERAL_SETTINGS, collectorTypes: s.rosenthal.collectorTypes })
    if (named === null) return null
    return namedCheck(`rosenthal:${named.family}`, (at) => recite(named.check(at), s.rosenthal))
  }

/** Same decision under California's rule id; TCPA reasons are left to the federal pack (it binds everyone). */
function recite(d: ComplianceDecision, rule: { ruleId: string; citation: string }): ComplianceDecision {
  if (d.outcome === 'allow') return d
  const reasons = d.reasons
    .filter((r) => !r.ruleId.startsWith('us.tcpa.'))
    .map((r) => ({
      ruleId: rule.ruleId,
      citation: `${rule.citation}, incorporating ${r.citation}`,
      message: r.message,
    }))
  return reasons.length === 0 ? { outcome: 'allow', reasons: [], earliestAllowedAt: null } : { ...d, reasons }
}

/** Cal. Civ. Code 1788.11, 1788.17; CCP 337. */
export const usCaPack = definePack<UsCaSettings>({
  id: 'us-ca',
  version: '2025-05-16',
  description:
    'California: Rosenthal Act (FDCPA conduct rules for original creditors too), 4-year limitation',
  settings: {
    ...usStateSettings({
      jurisdictions: ['US-CA'],
      limitation: { 'US-CA': LIMITATION_PRESETS.usCalifornia },
      // CCP 337 covers written contracts and book or open accounts; the catalogue has no oral figure.
      limitationByContractType: {
        'US-CA': {
          byType: { written: LIMITATION_PRESETS.usCalifornia, open_account: LIMITATION_PRESETS.usCalifornia },
          unknown: 'shortest',
        },
      },
    }),
    // Only the license-number check: the federal pack runs the federal content rules.
    messageContent: { ...US_MESSAGE_CONTENT, federalAppliesTo: [] },
    californiaLicense: true,
    rosenthal: {
      ruleId: 'us-ca.rosenthal',
      citation: 'Cal. Civ. Code 1788.17',
      collectorTypes: ['original_creditor'],
    },
  },
  families: [...US_STATE_FAMILIES, messageContentFamily, ...FEDERAL_CONDUCT.map(rosenthalFamily)],
})
