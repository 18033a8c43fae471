/** Washington: its pack (RCW 19.16.250); no limitation preset yet. */
import { usWaPack } from '../compliance/packs/us-wa.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

export const US_WA: JurisdictionEntry = { code: 'US-WA', name: 'Washington', packs: [usWaPack] }
