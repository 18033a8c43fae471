/** California: its pack (Rosenthal Act) and the 4-year period (CCP 337) for business debts too. */
import { LIMITATION_PRESETS as L } from '../compliance/limitation-presets.ts'
import { usCaPack } from '../compliance/packs/us-ca.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

export const US_CA: JurisdictionEntry = {
  code: 'US-CA',
  name: 'California',
  packs: [usCaPack],
  commercialLimitation: L.usCalifornia,
}
