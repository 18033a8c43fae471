/** Texas: its pack and the 4-year period (CPRC 16.004) for business debts too. */
import { LIMITATION_PRESETS as L } from '../compliance/limitation-presets.ts'
import { usTxPack } from '../compliance/packs/us-tx.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

export const US_TX: JurisdictionEntry = {
  code: 'US-TX',
  name: 'Texas',
  packs: [usTxPack],
  commercialLimitation: L.usTexas,
}
