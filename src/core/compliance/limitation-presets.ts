/**
 * Named limitation rules from the compliance catalogue (docs/compliance-limitation.md). They are
 * defaults for a rule pack, not constants. Every preset is `configurable` because the accrual trigger is
 * the pack's choice (catalogue open question 9); where the catalogue is silent on revival the default is
 * `none`, the conservative reading (the debt becomes time-barred no later than the law allows).
 */
import type { LimitationExclusion, LimitationRule } from './limitation.ts'

export interface LimitationPreset extends LimitationRule {
  /** Human label for settings screens. */
  label: string
  /** True when the tenant may change years, revival or exclusions (the law varies or is unclear). */
  configurable: boolean
  /** Periods that do not count; pass them as `exclusions` to `limitationEndsOn`. */
  exclusions: readonly LimitationExclusion[]
  /** Why the numbers are what they are, and what the preset does not cover. */
  note: string
}

/** India: Supreme Court suo motu order (Misc. Application 21/2022), limitation excluded for COVID-19. */
export const INDIA_COVID_EXCLUSION: LimitationExclusion = { from: '2020-03-15', to: '2022-02-28' }

export const LIMITATION_PRESETS = {
  usMassachusetts: {
    label: 'Massachusetts: 6 years',
    ruleId: 'us-ma.limitation',
    citation: 'G.L. c.260 s.2, s.13',
    years: 6,
    revival: 'none',
    exclusions: [],
    configurable: true,
    note: 'Revival by a signed written acknowledgment (s.13) is not modelled by default; a pack may set it.',
  },
  usCalifornia: {
    label: 'California: 4 years (written contract, book or open account)',
    ruleId: 'us-ca.limitation.written-or-open-account',
    citation: 'CCP 337',
    years: 4,
    revival: 'none',
    exclusions: [],
    configurable: true,
    note: 'Oral contracts have a shorter period not in the catalogue; written-acknowledgment revival is off by default.',
  },
  usNewYork: {
    label: 'New York: 3 years (consumer credit)',
    ruleId: 'us-ny.limitation.consumer-credit',
    citation: 'CPLR 214-i',
    years: 3,
    revival: 'none',
    exclusions: [],
    configurable: true,
    note: 'Payment or affirmation after expiry does not revive (from 7 April 2022); the accrual trigger is configurable.',
  },
  usTexas: {
    label: 'Texas: 4 years',
    ruleId: 'us-tx.limitation',
    citation: 'CPRC 16.004; Fin. Code 392.307',
    years: 4,
    revival: 'none',
    exclusions: [],
    configurable: true,
    note: 'Payment or acknowledgment does not revive; the accrual trigger is configurable.',
  },
  usFloridaWritten: {
    label: 'Florida: 5 years (written contract)',
    ruleId: 'us-fl.limitation.written-contract',
    citation: 'Fla. Stat. 95.11',
    years: 5,
    revival: 'none',
    exclusions: [],
    configurable: true,
    note: 'Revival by written acknowledgment is not modelled by default; a pack may set it.',
  },
  usFloridaOpenAccount: {
    label: 'Florida: 4 years (oral contract or open account)',
    ruleId: 'us-fl.limitation.oral-or-open-account',
    citation: 'Fla. Stat. 95.11',
    years: 4,
    revival: 'none',
    exclusions: [],
    configurable: true,
    note: 'Revival by written acknowledgment is not modelled by default; a pack may set it.',
  },
  india: {
    label: 'India: 3 years (money claims)',
    ruleId: 'in.limitation-act.money-claim',
    citation: 'Limitation Act 1963, Schedule; ss.18, 19',
    years: 3,
    revival: 'before_expiry',
    writtenEvidenceRequiredFor: ['acknowledgment', 'part_payment'],
    exclusions: [INDIA_COVID_EXCLUSION],
    configurable: true,
    note: 'A signed written acknowledgment, or a part payment evidenced in writing, before expiry starts a fresh period. The COVID exclusion is applied as excluded days; the order also gives 90 days from 1 March 2022 to periods that expired within it, which is not modelled.',
  },
  australia: {
    label: 'Australia: 6 years (NSW, Vic, Qld, SA, WA, Tas, ACT)',
    ruleId: 'au.limitation',
    citation: 'state and territory Limitation Acts (e.g. NSW Limitation Act 1969 ss.14, 63)',
    years: 6,
    revival: 'before_expiry',
    writtenEvidenceRequiredFor: ['acknowledgment'],
    exclusions: [],
    configurable: true,
    note: 'A written acknowledgment or part payment restarts the period before expiry (the conservative reading everywhere); in NSW and the ACT expiry extinguishes the debt (the au pack blocks collection itself).',
  },
  australiaNt: {
    label: 'Northern Territory: 3 years',
    ruleId: 'au-nt.limitation',
    citation: 'Limitation Act 1981 (NT) s.12',
    years: 3,
    revival: 'before_expiry',
    writtenEvidenceRequiredFor: ['acknowledgment'],
    exclusions: [],
    configurable: true,
    note: 'Expiry extinguishes the debt itself (the au pack blocks collection, not only suits).',
  },
  unitedKingdom: {
    label: 'UK (England and Wales): 6 years (contract debts)',
    ruleId: 'gb.limitation-act.contract',
    citation: 'Limitation Act 1980 ss.5, 29, 30',
    years: 6,
    revival: 'before_expiry',
    writtenEvidenceRequiredFor: ['acknowledgment'],
    exclusions: [],
    configurable: true,
    note: 'Acknowledgment (in writing and signed, s.30(1)) or part payment restarts the period only before expiry.',
  },
} as const satisfies Record<string, LimitationPreset>

export type LimitationPresetName = keyof typeof LIMITATION_PRESETS
