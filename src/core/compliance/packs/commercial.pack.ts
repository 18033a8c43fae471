/**
 * Commercial (B2B) debts: business hours 09:00-17:00, Monday to Friday, in the debtor's zone, and the
 * general limitation period where the catalogue gives one. No consumer rules; TCPA mobile consent still
 * binds calls and texts to US mobiles.
 */

import { commercialLimitations } from '../../jurisdictions/registry.ts'
import { DEFAULT_CONSENT_DAYS } from '../call-frequency.ts'
import { contactPermissionFamily, contactWeekdaysFamily, contactWindowFamily } from '../contact-families.ts'
import { CONTACT_WINDOW_PRESETS } from '../contact-window-presets.ts'
import { timeBarredFamily } from '../debt-families.ts'
import { within } from '../prepared-request.ts'
import { definePack, type FamilyFactory, type PackSettings } from '../rule-pack.ts'

export interface CommercialSettings extends PackSettings {
  /** Jurisdictions where TCPA consent applies to business debtors' mobiles. */
  tcpaJurisdictions: readonly string[]
}

const tcpaFamily: FamilyFactory<CommercialSettings> = (p, s) =>
  s.tcpaJurisdictions.some((code) => within(p.request.debtor.jurisdiction, code))
    ? contactPermissionFamily(p, s)
    : null

/** House policy for business debtors, versioned as software. */
export const commercialPack = definePack<CommercialSettings>({
  id: 'commercial',
  version: '1.0.0',
  description:
    "Commercial debts: contact 09:00-17:00 Mon-Fri in the debtor's zone; limitation where known; TCPA in the US",
  settings: {
    jurisdictions: ['*'],
    debtKind: 'commercial',
    collectorTypes: ['third_party', 'debt_buyer', 'original_creditor'],
    contactWindows: [
      {
        rule: CONTACT_WINDOW_PRESETS.commercialBusinessHours,
        // Email and letters wait in an inbox until business hours.
        channels: ['call', 'sms', 'visit'],
        locationEvidence: 'address',
        edges: 'start_inclusive_end_exclusive',
        exemptions: [],
      },
    ],
    contactWeekdays: {
      ruleId: 'commercial.business-days',
      citation: 'house policy (no statutory days for business debtors)',
      weekdays: [1, 2, 3, 4, 5],
    },
    frequency: [],
    consentDays: DEFAULT_CONSENT_DAYS,
    contactPermission: false,
    tcpaCollectorTypes: ['third_party', 'debt_buyer', 'original_creditor'],
    tcpaJurisdictions: ['US'],
    validationNotice: null,
    // General (not consumer-only) periods, from each jurisdiction's entry (commercialLimitation); New
    // York's CPLR 214-i is consumer credit only, so it is absent.
    limitation: commercialLimitations(),
    timeBarredProhibition: null,
  },
  families: [contactWindowFamily, contactWeekdaysFamily, tcpaFamily, timeBarredFamily],
})
