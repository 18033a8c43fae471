/**
 * United Kingdom: CONC sets no contact hours, so 08:00-21:00 is a setting; 6-year limitation restarted
 * only before expiry. The Pre-Action Protocol for Debt Claims is a family of its own (hook listed in
 * docs/compliance-packs.md).
 */
import { DEFAULT_CONSENT_DAYS } from '../call-frequency.ts'
import { preActionProtocolFamily } from '../conduct-families.ts'
import { contactWindowFamily } from '../contact-families.ts'
import { CONTACT_WINDOW_PRESETS } from '../contact-window-presets.ts'
import { timeBarredFamily } from '../debt-families.ts'
import { LIMITATION_PRESETS } from '../limitation-presets.ts'
import { UK_PRE_ACTION_PROTOCOL_DEBT } from '../pre-action-protocol.ts'
import { definePack } from '../rule-pack.ts'

/** CONC 7.9.4R (unreasonable times); Limitation Act 1980. */
export const gbPack = definePack({
  id: 'gb',
  version: '2025-05-16',
  description:
    'UK: contact 08:00-21:00 (default; CONC sets no hours); limitation 6 years, restarted only before expiry',
  settings: {
    jurisdictions: ['GB', 'UK'],
    debtKind: 'consumer',
    collectorTypes: ['third_party', 'debt_buyer', 'original_creditor'],
    contactWindows: [
      {
        rule: CONTACT_WINDOW_PRESETS.ukDefault,
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
    limitation: { GB: LIMITATION_PRESETS.unitedKingdom, UK: LIMITATION_PRESETS.unitedKingdom },
    timeBarredProhibition: null,
    preActionProtocol: UK_PRE_ACTION_PROTOCOL_DEBT,
  },
  families: [contactWindowFamily, timeBarredFamily, preActionProtocolFamily],
})
