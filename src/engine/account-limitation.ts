import { daysBetween } from '../core/calendar/local-date.ts'
import { limitationRulesFor } from '../core/compliance/evaluate-compliance.ts'
import { limitationEndsOn } from '../core/compliance/limitation.ts'
import { type AccountRequestBase, forAction } from './build-compliance-request.ts'

/**
 * The last day to sue on the account and the days left from `asOf` (negative once time-barred), by the
 * limitation rules of the compliance packs that apply to it (the earliest end when several do), or null
 * where no pack sets one. Accrual and part payments are read exactly as the time-barred check reads them.
 */
export function accountLimitation(
  base: AccountRequestBase,
  asOf: string,
): { endsOn: string; daysLeft: number } | null {
  const request = forAction(base, { kind: 'suit', at: `${asOf}T12:00:00Z` })
  const debt = request.debts[0]
  if (!debt?.accrualOn) return null
  let endsOn: string | null = null
  for (const rule of limitationRulesFor(request, debt)) {
    const result = limitationEndsOn({
      accrualOn: debt.accrualOn,
      rule,
      events: debt.limitationEvents ?? [],
      exclusions: rule.exclusions,
    })
    if (endsOn === null || result.endsOn < endsOn) endsOn = result.endsOn
  }
  return endsOn === null ? null : { endsOn, daysLeft: daysBetween(asOf, endsOn) }
}
