/**
 * India: RBI recovery-call hours 08:00-19:00 and the 3-year limitation with written acknowledgment or
 * part-payment revival before expiry and the COVID exclusion. The NI Act s.138 cheque timeline is a
 * family of its own (hook listed in docs/compliance-packs.md).
 */
import { DEFAULT_CONSENT_DAYS } from '../call-frequency.ts'
import { niActFamily } from '../conduct-families.ts'
import { contactWindowFamily } from '../contact-families.ts'
import { CONTACT_WINDOW_PRESETS } from '../contact-window-presets.ts'
import { timeBarredFamily } from '../debt-families.ts'
import { LIMITATION_PRESETS } from '../limitation-presets.ts'
import { IN_NI_ACT } from '../ni-act-timeline.ts'
import { definePack } from '../rule-pack.ts'

/** RBI circular of 12 Aug 2022; Limitation Act 1963. Binds lenders and their recovery agents alike. */
export const inPack = definePack({
  id: 'in',
  version: '2025-05-16',
  description:
    'India: recovery calls 08:00-19:00 (RBI); limitation 3 years, revived by written acknowledgment or part payment before expiry; COVID exclusion',
  settings: {
    jurisdictions: ['IN'],
    debtKind: 'consumer',
    collectorTypes: ['third_party', 'debt_buyer', 'original_creditor'],
    contactWindows: [
      {
        rule: CONTACT_WINDOW_PRESETS.indiaRbi,
        // Whether the hours cover SMS/WhatsApp is open (catalogue point 11): covered, the safe side.
        channels: ['call', 'sms', 'visit'],
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
    limitation: { IN: LIMITATION_PRESETS.india },
    timeBarredProhibition: null,
    niAct: IN_NI_ACT,
  },
  families: [contactWindowFamily, timeBarredFamily, niActFamily],
})
