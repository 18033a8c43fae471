/** Massachusetts: its pack (940 CMR 7.00, 209 CMR 18.00) and the 6-year period for business debts too. */
import { LIMITATION_PRESETS as L } from '../compliance/limitation-presets.ts'
import { usMaPack } from '../compliance/packs/us-ma.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

export const US_MA: JurisdictionEntry = {
  code: 'US-MA',
  name: 'Massachusetts',
  packs: [usMaPack],
  commercialLimitation: L.usMassachusetts,
}
