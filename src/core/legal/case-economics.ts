/**
 * The escalation economics of a case (docs/legal-cases.md): the expected recovery (claim × recovery
 * rate) against the court fee and counsel costs, with the same integer arithmetic as the playbook's
 * expected-value gate (core/playbook/compile-playbook.ts): floor(claim × rate), no float.
 */
import { AppError } from '../errors/index.ts'
import { parseDecimal } from '../money/decimal.ts'

/** The recovery rate a case is valued with when none is given: even odds. */
export const DEFAULT_CASE_RECOVERY_RATE = '0.5'

export interface CaseEconomics {
  readonly claimMinor: number
  /** Decimal text in [0, 1]. */
  readonly recoveryRate: string
  readonly expectedRecoveryMinor: number
  readonly courtFeeMinor: number
  readonly counselFeeMinor: number
  readonly costMinor: number
  readonly netMinor: number
  /** The least net the case must promise (default 0). */
  readonly thresholdMinor: number
  readonly passed: boolean
}

/** Parses a recovery rate "0.35" into parts per million; bad text is `invalid_case` naming the field. */
export function recoveryRatePpm(text: string, field = 'recoveryRate'): number {
  const parsed = parseDecimal(text)
  if (!parsed.ok || parsed.value.units < 0n || parsed.value.scale > 6)
    throw new AppError(
      'invalid_case',
      `${field}: a decimal between 0 and 1 with at most 6 places, not "${text}"`,
      {
        field,
      },
    )
  const ppm = Number(parsed.value.units * 10n ** BigInt(6 - parsed.value.scale))
  if (ppm > 1_000_000)
    throw new AppError('invalid_case', `${field}: a decimal between 0 and 1, not "${text}"`, { field })
  return ppm
}

/** The figures: expected recovery, costs, net and whether the net reaches the threshold. */
export function caseEconomics(input: {
  claimMinor: number
  recoveryRate: string
  courtFeeMinor: number
  counselFeeMinor: number
  thresholdMinor?: number
}): CaseEconomics {
  const ppm = BigInt(recoveryRatePpm(input.recoveryRate))
  const claim = BigInt(Math.max(0, input.claimMinor))
  const expectedRecoveryMinor = Number((claim * ppm) / 1_000_000n)
  const costMinor = input.courtFeeMinor + input.counselFeeMinor
  const netMinor = expectedRecoveryMinor - costMinor
  const thresholdMinor = input.thresholdMinor ?? 0
  return {
    claimMinor: input.claimMinor,
    recoveryRate: input.recoveryRate,
    expectedRecoveryMinor,
    courtFeeMinor: input.courtFeeMinor,
    counselFeeMinor: input.counselFeeMinor,
    costMinor,
    netMinor,
    thresholdMinor,
    passed: netMinor >= thresholdMinor,
  }
}
