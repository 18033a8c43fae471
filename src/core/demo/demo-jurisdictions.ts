import type { DemoJurisdiction } from './demo-geography.ts'
import { US_JURISDICTIONS } from './demo-regions-us.ts'
import { WORLD_JURISDICTIONS } from './demo-regions-world.ts'

/** Every jurisdiction the demo portfolio spans, with its share of debtors. */
export const DEMO_JURISDICTIONS: readonly DemoJurisdiction[] = [...US_JURISDICTIONS, ...WORLD_JURISDICTIONS]

/** The same list as [jurisdiction, weight] pairs, for weighted draws. */
export const WEIGHTED_JURISDICTIONS: readonly (readonly [DemoJurisdiction, number])[] =
  DEMO_JURISDICTIONS.map((j) => [j, j.weight] as const)

const byCode = new Map(DEMO_JURISDICTIONS.map((j) => [j.code, j]))

/** The demo jurisdiction with this code; a missing one is a bug in the demo tables. */
export function demoJurisdiction(code: string): DemoJurisdiction {
  const found = byCode.get(code)
  if (!found) throw new Error(`unknown demo jurisdiction ${code}`)
  return found
}
