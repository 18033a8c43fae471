/**
 * Defaults shared by the US state and city packs: they add to the federal pack, so every family is off
 * until the state's settings turn it on, and a state that owns a limitation period reports the Reg F
 * time-barred ban with it for the collectors Reg F binds.
 */
import { DEFAULT_CONSENT_DAYS } from '../call-frequency.ts'
import { contactWindowFamily } from '../contact-families.ts'
import { contactFrequencyFamily, timeBarredFamily } from '../debt-families.ts'
import type { FamilyFactory, PackSettings } from '../rule-pack.ts'
import { REG_F_COLLECTORS, REG_F_TIME_BARRED_PROHIBITION } from './us-federal.pack.ts'

/** Settings of a US state pack: the state's own fields over these defaults. */
export function usStateSettings(
  own: Partial<PackSettings> & Pick<PackSettings, 'jurisdictions'>,
): PackSettings {
  return {
    debtKind: 'consumer',
    collectorTypes: REG_F_COLLECTORS,
    contactWindows: [],
    contactWeekdays: null,
    frequency: [],
    consentDays: DEFAULT_CONSENT_DAYS,
    contactPermission: false,
    tcpaCollectorTypes: [],
    validationNotice: null,
    limitation: {},
    timeBarredProhibition: REG_F_TIME_BARRED_PROHIBITION,
    ...own,
  }
}

/** The families a US state pack runs; settings decide which of them produce checks. */
export const US_STATE_FAMILIES: readonly FamilyFactory[] = [
  contactWindowFamily,
  contactFrequencyFamily,
  timeBarredFamily,
]

/** Every collector type: the states that bind original creditors too (catalogue point 14). */
export const ALL_COLLECTORS = ['third_party', 'debt_buyer', 'original_creditor'] as const
