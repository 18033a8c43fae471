/**
 * European Union member states: no EU-wide contact hours or limitation period, so both are settings:
 * contact 08:00-20:00 [U], limitation per country with a 3-year default [U] for countries not listed.
 */
import { EU_MEMBER_CODES } from '../../jurisdictions/eu-members.ts'
import { DEFAULT_CONSENT_DAYS } from '../call-frequency.ts'
import { contactWindowFamily } from '../contact-families.ts'
import { timeBarredFamily } from '../debt-families.ts'
import { definePack } from '../rule-pack.ts'

/** EU and EEA-style two-letter codes the pack covers (Greece as GR and EL). */
export const EU_COUNTRIES: readonly string[] = EU_MEMBER_CODES.flatMap((code) =>
  code === 'GR' ? ['GR', 'EL'] : [code],
)

const exclusions = [] as const

/** GDPR-era consumer collection in the EU; national law fills the gaps. */
export const euPack = definePack({
  id: 'eu',
  version: '2025-05-16',
  description: 'EU: contact 08:00-20:00 [U]; limitation per country (DE 3y, FR 2y consumer; default 3y [U])',
  settings: {
    jurisdictions: EU_COUNTRIES,
    debtKind: 'consumer',
    collectorTypes: ['third_party', 'debt_buyer', 'original_creditor'],
    contactWindows: [
      {
        rule: {
          ruleId: 'eu.contact-hours',
          citation: 'national law; no EU-wide hours [U]',
          window: { start: '08:00', end: '20:00' },
        },
        channels: ['call', 'sms', 'email', 'visit'],
        locationEvidence: 'intersection',
        edges: 'start_inclusive_end_exclusive',
        exemptions: [],
      },
    ],
    contactWeekdays: null,
    frequency: [],
    consentDays: DEFAULT_CONSENT_DAYS,
    contactPermission: false,
    tcpaCollectorTypes: [],
    validationNotice: null,
    limitation: {
      '*': {
        ruleId: 'eu.limitation.default',
        citation: 'national law (default; set per country) [U]',
        years: 3,
        revival: 'none',
        exclusions,
      },
      DE: {
        ruleId: 'de.bgb.regular-limitation',
        citation: 'BGB ss.195, 199 [M]',
        years: 3,
        revival: 'none',
        exclusions,
      },
      FR: {
        ruleId: 'fr.consumption-code.limitation',
        citation: 'Code de la consommation L218-2 [M]',
        years: 2,
        revival: 'none',
        exclusions,
      },
    },
    timeBarredProhibition: null,
  },
  families: [contactWindowFamily, timeBarredFamily],
})
