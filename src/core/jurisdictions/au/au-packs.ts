/**
 * Australia's two packs: `au` for consumer debts (contact hours and caps, conduct, hardship,
 * limitation with extinguishment, default listing, bankruptcy notices) and `au-commercial` for business
 * debts (statutory demands, bankruptcy notices of sole traders, limitation with extinguishment). Numbers
 * and citations: ../shared/docs/compliance-rules.md, "Australia"; choices: docs/compliance-packs.md.
 */
import { DEFAULT_CONSENT_DAYS } from '../../compliance/call-frequency.ts'
import { statedInconvenienceFamily } from '../../compliance/conduct-families.ts'
import { contactFrequencyFamily, timeBarredFamily } from '../../compliance/debt-families.ts'
import { LIMITATION_PRESETS as L } from '../../compliance/limitation-presets.ts'
import { definePack, type FrequencySetting, type LimitationSetting } from '../../compliance/rule-pack.ts'
import {
  type AuSettings,
  auConductFamily,
  auContactHoursFamily,
  auDefaultListingFamily,
  auExtinguishedFamily,
  auHardshipFamily,
  auInsolvencyGateFamily,
} from './au-families.ts'

const GUIDELINE = 'ACCC/ASIC Debt collection guideline (2021), part 2'
const ALL_MEDIA = ['call', 'sms', 'email', 'letter', 'visit'] as const

const LIMITATION: Readonly<Record<string, LimitationSetting>> = { AU: L.australia, 'AU-NT': L.australiaNt }

/**
 * 3 contacts a week and 10 a month per account (`per_debt`: an account is one debt), counted over any 7
 * and any 30 consecutive days in the debtor's zone (rolling windows: stricter than calendar weeks), only
 * contacts actually made (`made`); face to face at most once a month.
 */
const FREQUENCY: readonly FrequencySetting[] = [
  {
    rules: [
      {
        ruleId: 'au.contact-cap.week',
        citation: `${GUIDELINE} s.3`,
        maxCalls: 3,
        windowDays: 7,
        unit: 'per_debt',
        exclusions: 'made',
      },
      {
        ruleId: 'au.contact-cap.month',
        citation: `${GUIDELINE} s.3`,
        maxCalls: 10,
        windowDays: 30,
        unit: 'per_debt',
        exclusions: 'made',
      },
    ],
    triggers: ALL_MEDIA,
    counts: ALL_MEDIA,
    contactPoints: 'any',
  },
  {
    rules: [
      {
        ruleId: 'au.face-to-face.month',
        citation: `${GUIDELINE} s.7`,
        maxCalls: 1,
        windowDays: 30,
        unit: 'per_debt',
        exclusions: 'made',
      },
    ],
    triggers: ['visit'],
    counts: ['visit'],
    contactPoints: 'any',
  },
]

const COMMON = {
  jurisdictions: ['AU'],
  collectorTypes: ['third_party', 'debt_buyer', 'original_creditor'],
  contactWindows: [],
  contactWeekdays: null,
  consentDays: DEFAULT_CONSENT_DAYS,
  contactPermission: false,
  tcpaCollectorTypes: [],
  validationNotice: null,
  limitation: LIMITATION,
  timeBarredProhibition: null,
  extinguishment: {
    ruleId: 'au.limitation.extinguished',
    citation: 'state and territory Limitation Acts (e.g. NSW Limitation Act 1969 s.63)',
    jurisdictions: ['AU-NSW', 'AU-ACT', 'AU-NT'],
  },
  hardship: {
    ruleId: 'au.hardship.answer',
    citation: 'National Credit Code s.72 (answer within 21 days); ASIC Act s.12DJ',
    answerDays: 21,
    blocks: [
      'threat_of_suit',
      'suit',
      'credit_report',
      'agency_placement',
      'statutory_demand',
      'bankruptcy_notice',
    ],
  },
  defaultListing: {
    ruleId: 'au.credit-reporting.default-listing',
    citation: 'Privacy Act 1988 ss.6Q, 21D; Privacy (Credit Reporting) Code',
    minOverdueDays: 60,
    minAmountMinor: 15_000,
    currency: 'AUD',
    noticeWaitDays: 14,
  },
  statutoryDemand: {
    ruleId: 'au.statutory-demand',
    citation: 'Corporations Act 2001 ss.459E, 459F',
    minAmountMinor: 400_000,
    currency: 'AUD',
  },
  bankruptcyNotice: {
    ruleId: 'au.bankruptcy-notice',
    citation: 'Bankruptcy Act 1966 s.40; Bankruptcy Regulations 2021',
    minAmountMinor: 1_000_000,
    currency: 'AUD',
  },
  conduct: {
    ruleId: 'au.conduct.misleading-legal-consequences',
    citation: 'Competition and Consumer Act 2010 Sch 2 (ACL) ss.18, 50; ASIC Act s.12DJ',
    misleading: [
      String.raw`\b(arrest\w*|jail\w*|gaol\w*|prison\w*|imprison\w*|police|criminal\w*)\b`,
      String.raw`\b(seize|repossess)\w*\s+(your\s+)?(house|home|car|belongings|furniture)\b`,
      String.raw`\bblacklist\w*\b`,
    ],
    proceedingsClaims: [
      String.raw`\b(legal action|court action|proceedings|lawsuit|legal proceedings)\s+(has|have)\s+(now\s+|already\s+)?(been\s+)?(commenced|started|begun|issued|filed)\b`,
      String.raw`\bwe\s+have\s+(commenced|started|begun|issued|filed)\s+(legal|court)\b`,
    ],
  },
} satisfies Omit<AuSettings, 'debtKind' | 'frequency' | 'schedules' | 'statedInconvenience'>

/** Consumer debts in Australia. */
export const auPack = definePack<AuSettings>({
  id: 'au',
  version: '2021-04-01',
  description:
    'Australia (consumers): calls 07:30-21:00 weekdays, 09:00-21:00 weekends, none on national public holidays; ' +
    '3 contacts a week, 10 a month; hardship; limitation 6 years (NT 3), extinguished in NSW, ACT, NT; default listing',
  settings: {
    ...COMMON,
    debtKind: 'consumer',
    frequency: FREQUENCY,
    schedules: [
      {
        ruleId: 'au.contact-hours.phone',
        citation: `${GUIDELINE} s.4`,
        label: 'phone contact 07:30-21:00 weekdays, 09:00-21:00 weekends, none on national public holidays',
        channels: ['call', 'sms'],
        weekdays: { start: '07:30', end: '21:00' },
        weekends: { start: '09:00', end: '21:00' },
        closedOn: 'AU',
        contactPoints: 'any',
      },
      {
        ruleId: 'au.contact-hours.face-to-face',
        citation: `${GUIDELINE} ss.4, 7`,
        label: 'face-to-face contact 09:00-21:00, none on national public holidays',
        channels: ['visit'],
        weekdays: { start: '09:00', end: '21:00' },
        weekends: { start: '09:00', end: '21:00' },
        closedOn: 'AU',
        contactPoints: 'any',
      },
      {
        ruleId: 'au.contact-hours.email',
        citation: `${GUIDELINE} s.4`,
        label: 'no email on national public holidays',
        channels: ['email'],
        weekdays: { start: '00:00', end: '24:00' },
        weekends: { start: '00:00', end: '24:00' },
        closedOn: 'AU',
        contactPoints: 'any',
      },
      {
        ruleId: 'au.contact-hours.workplace',
        citation: `${GUIDELINE} s.6`,
        label:
          "workplace contact in normal working hours (09:00-17:00 weekdays when the debtor's are unknown)",
        channels: ['call', 'sms', 'email', 'visit'],
        weekdays: { start: '09:00', end: '17:00' },
        weekends: null,
        closedOn: 'AU',
        contactPoints: 'workplace',
      },
    ],
    statedInconvenience: {
      time: {
        ruleId: 'au.stated-inconvenient-time',
        citation: `${GUIDELINE} s.4 (the debtor's reasonable wishes)`,
      },
      place: { ruleId: 'au.stated-inconvenient-place', citation: `${GUIDELINE} s.6` },
      responseWindowMinutes: 60,
    },
  },
  families: [
    auContactHoursFamily,
    statedInconvenienceFamily,
    contactFrequencyFamily,
    auConductFamily,
    auHardshipFamily,
    auExtinguishedFamily,
    timeBarredFamily,
    auDefaultListingFamily,
    auInsolvencyGateFamily,
  ],
})

/** Business debts in Australia: the insolvency gates and limitation; contact hours are the commercial pack's. */
export const auCommercialPack = definePack<AuSettings>({
  id: 'au-commercial',
  version: '2021-04-01',
  description:
    'Australia (business debts): statutory demand from AUD 4,000 (companies), bankruptcy notice from AUD 10,000 on a judgment; limitation 6 years (NT 3), extinguished in NSW, ACT, NT',
  settings: { ...COMMON, debtKind: 'commercial', frequency: [], schedules: [] },
  families: [auConductFamily, auExtinguishedFamily, timeBarredFamily, auInsolvencyGateFamily],
})
