/** Texas: 4-year limitation; payment or acknowledgment does not revive (CPRC 16.004; Fin. Code 392.307). */
import { LIMITATION_PRESETS } from '../limitation-presets.ts'
import { definePack } from '../rule-pack.ts'
import { US_STATE_FAMILIES, usStateSettings } from './us-state.ts'

/** Applied with the federal pack. */
export const usTxPack = definePack({
  id: 'us-tx',
  version: '2025-05-16',
  description: 'Texas: 4-year limitation; payment or acknowledgment does not revive',
  settings: usStateSettings({
    jurisdictions: ['US-TX'],
    limitation: { 'US-TX': LIMITATION_PRESETS.usTexas },
  }),
  families: US_STATE_FAMILIES,
})
