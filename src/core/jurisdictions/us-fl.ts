/** Florida: its pack and the 4-year open-account period for business debts too. */
import { LIMITATION_PRESETS as L } from '../compliance/limitation-presets.ts'
import { usFlPack } from '../compliance/packs/us-fl.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

export const US_FL: JurisdictionEntry = {
  code: 'US-FL',
  name: 'Florida',
  packs: [usFlPack],
  commercialLimitation: L.usFloridaOpenAccount,
}
