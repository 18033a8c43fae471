/**
 * US federal pack: Regulation F / FDCPA conduct rules for third-party collectors and debt buyers, and
 * TCPA mobile consent for every collector. Limitation periods are state law: the state packs own them and
 * report the Reg F ban on suing on time-barred debts (1006.26(b)) alongside.
 */

import { DEFAULT_CONSENT_DAYS } from '../call-frequency.ts'
import { US_REG_F_CALL_RULES } from '../call-frequency-presets.ts'
import {
  creditReportingGateFamily,
  disputePauseFamily,
  messageContentFamily,
  postdatedInstrumentFamily,
  statedInconvenienceFamily,
} from '../conduct-families.ts'
import { contactPermissionFamily, contactWindowFamily } from '../contact-families.ts'
import { CONTACT_WINDOW_PRESETS } from '../contact-window-presets.ts'
import { US_REG_F_CREDIT_REPORTING_GATE } from '../credit-reporting-gate.ts'
import { contactFrequencyFamily, validationNoticeFamily } from '../debt-families.ts'
import { US_REG_F_DISPUTE_PAUSE } from '../dispute-pause.ts'
import { US_REG_F_TIME_BARRED } from '../limitation.ts'
import { US_MESSAGE_CONTENT } from '../message-content.ts'
import { US_FDCPA_POSTDATED_INSTRUMENT } from '../postdated-instrument.ts'
import { definePack, type PackSettings } from '../rule-pack.ts'
import { US_REG_F_STATED_INCONVENIENCE } from '../stated-inconvenience.ts'
import { US_REG_F_VALIDATION_NOTICE_TIMING } from '../validation-period.ts'

/** Collectors Reg F and the FDCPA bind (catalogue point 14). */
export const REG_F_COLLECTORS = ['third_party', 'debt_buyer'] as const

/** The federal settings; CA reuses them for original creditors (Rosenthal incorporates the FDCPA). */
export const US_FEDERAL_SETTINGS: PackSettings = {
  jurisdictions: ['US'],
  debtKind: 'consumer',
  collectorTypes: REG_F_COLLECTORS,
  contactWindows: [
    {
      rule: CONTACT_WINDOW_PRESETS.usRegF,
      channels: ['call', 'sms', 'email', 'visit'],
      locationEvidence: 'intersection',
      edges: 'start_inclusive_end_exclusive',
      exemptions: [],
    },
  ],
  contactWeekdays: null,
  frequency: [{ rules: US_REG_F_CALL_RULES, triggers: ['call'], counts: ['call'], contactPoints: 'any' }],
  consentDays: DEFAULT_CONSENT_DAYS,
  contactPermission: true,
  tcpaCollectorTypes: ['third_party', 'debt_buyer', 'original_creditor'],
  validationNotice: { rule: US_REG_F_VALIDATION_NOTICE_TIMING, deadlineDays: 5, dayCount: 'calendar' },
  limitation: {},
  timeBarredProhibition: null,
  statedInconvenience: US_REG_F_STATED_INCONVENIENCE,
  disputePause: US_REG_F_DISPUTE_PAUSE,
  messageContent: US_MESSAGE_CONTENT,
  creditReportingGate: US_REG_F_CREDIT_REPORTING_GATE,
  postdatedInstrument: US_FDCPA_POSTDATED_INSTRUMENT,
}

/** The Reg F ban on suing on a time-barred debt, as the state packs report it. */
export const REG_F_TIME_BARRED_PROHIBITION = { ...US_REG_F_TIME_BARRED, collectorTypes: REG_F_COLLECTORS }

/** Regulation F (12 CFR 1006), FDCPA (15 USC 1692) and TCPA (47 USC 227). */
export const usFederalPack = definePack({
  id: 'us-federal',
  version: '2025-05-16',
  description: 'US Regulation F / FDCPA conduct rules (third parties, debt buyers) and TCPA consent (all)',
  settings: US_FEDERAL_SETTINGS,
  families: [
    contactWindowFamily,
    contactFrequencyFamily,
    contactPermissionFamily,
    statedInconvenienceFamily,
    disputePauseFamily,
    messageContentFamily,
    validationNoticeFamily,
    creditReportingGateFamily,
    postdatedInstrumentFamily,
  ],
})
