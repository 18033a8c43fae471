/** United Arab Emirates: contact hours 09:00-20:00 [U] (sources disagree); no limitation preset yet. */
import { DEFAULT_CONSENT_DAYS } from '../call-frequency.ts'
import { contactWindowFamily } from '../contact-families.ts'
import { CONTACT_WINDOW_PRESETS } from '../contact-window-presets.ts'
import { definePack } from '../rule-pack.ts'

/** CBUAE Consumer Protection Regulation and Standards. */
export const aePack = definePack({
  id: 'ae',
  version: '2025-05-16',
  description: 'UAE: contact 09:00-20:00 [U] (most cited; sources disagree)',
  settings: {
    jurisdictions: ['AE'],
    debtKind: 'consumer',
    collectorTypes: ['third_party', 'debt_buyer', 'original_creditor'],
    contactWindows: [
      {
        rule: CONTACT_WINDOW_PRESETS.uaeDefault,
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
    limitation: {},
    timeBarredProhibition: null,
  },
  families: [contactWindowFamily],
})
