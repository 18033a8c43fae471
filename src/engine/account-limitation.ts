import { daysBetween } from '../core/calendar/local-date.ts'
import { limitationEndsOn } from '../core/compliance/limitation.ts'
import { LIMITATION_PRESETS, type LimitationPreset } from '../core/compliance/limitation-presets.ts'
import type { AccountSnapshot } from './account-snapshot.ts'

/** The limitation preset for an account's jurisdiction, or null where Recoup has none yet. */
function presetFor(jurisdiction: string, debtKind: string): LimitationPreset | null {
  if (jurisdiction === 'US-MA') return LIMITATION_PRESETS.usMassachusetts
  if (jurisdiction === 'US-CA') return LIMITATION_PRESETS.usCalifornia
  if (jurisdiction.startsWith('US-NY')) return debtKind === 'consumer' ? LIMITATION_PRESETS.usNewYork : null
  if (jurisdiction === 'US-TX') return LIMITATION_PRESETS.usTexas
  if (jurisdiction === 'US-FL') return LIMITATION_PRESETS.usFloridaOpenAccount
  if (jurisdiction === 'IN') return LIMITATION_PRESETS.india
  if (jurisdiction === 'GB') return LIMITATION_PRESETS.unitedKingdom
  return null
}

/**
 * The last day to sue on the account and the days left from `asOf` (negative once time-barred), or
 * null where no preset applies. Accrual is the delinquency anchor (the first missed due date); a
 * payment recorded in the ledger counts as a part payment evidenced in writing (a bank record).
 */
export function accountLimitation(
  snapshot: AccountSnapshot,
  asOf: string,
): { endsOn: string; daysLeft: number } | null {
  const preset = presetFor(snapshot.jurisdiction, snapshot.debtKind)
  if (!preset) return null
  const events = snapshot.lastPaymentOn
    ? [{ on: snapshot.lastPaymentOn, kind: 'part_payment' as const, writtenEvidence: true }]
    : []
  const { endsOn } = limitationEndsOn({
    accrualOn: snapshot.dueOn,
    rule: preset,
    events,
    exclusions: preset.exclusions,
  })
  return { endsOn, daysLeft: daysBetween(asOf, endsOn) }
}
