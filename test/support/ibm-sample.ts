import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'vitest'

/**
 * The IBM Watson Analytics accounts-receivable sample ("WA_Fn-UseC_-Accounts-Receivable.csv"). It has
 * no licence, so it is not in the repository: it is read from ../shared/data beside the clone.
 */
export const IBM_SAMPLE = resolve(
  import.meta.dirname,
  '../../../shared/data/WA_Fn-UseC_-Accounts-Receivable.csv',
)

let noticed = false

/**
 * Whether the IBM sample is there; use as `describe.skipIf(!hasIbmSample())`. Absent on a user's own
 * clone: the tests that read it are skipped with a notice. In CI (CI=true) it is provided and
 * required, so its absence fails the test file instead of silently skipping it.
 */
export function hasIbmSample(): boolean {
  if (existsSync(IBM_SAMPLE)) return true
  if (process.env.CI === 'true') {
    throw new Error(`the IBM sample is required in CI and missing: ${IBM_SAMPLE}`)
  }
  if (!noticed) {
    noticed = true
    console.warn(
      `\n*** NOTICE: the IBM sample is absent (${IBM_SAMPLE}).\n*** The tests that read it are SKIPPED; see README "The IBM sample".\n`,
    )
  }
  return false
}

/**
 * Registers the suites that read the IBM sample, or, when it is absent (outside CI), one skipped
 * placeholder in their stead: the suites' own set-up, which reads the file, never runs then.
 */
export function withIbmSample(name: string, register: () => void): void {
  if (hasIbmSample()) {
    register()
    return
  }
  describe.skip(`${name} (IBM sample absent)`, () => {
    it.skip(`needs ${IBM_SAMPLE}`, () => {})
  })
}
