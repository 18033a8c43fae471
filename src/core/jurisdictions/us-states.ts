/**
 * The US states and the city with packs of their own. Each sets only its packs and, where the commercial
 * pack applies one, its general limitation period; the rest is the federal entry's.
 */
import { LIMITATION_PRESETS as L } from '../compliance/limitation-presets.ts'
import { usCaPack } from '../compliance/packs/us-ca.pack.ts'
import { usFlPack } from '../compliance/packs/us-fl.pack.ts'
import { usMaPack } from '../compliance/packs/us-ma.pack.ts'
import { usNyPack } from '../compliance/packs/us-ny.pack.ts'
import { usNycPack } from '../compliance/packs/us-nyc.pack.ts'
import { usTxPack } from '../compliance/packs/us-tx.pack.ts'
import { usWaPack } from '../compliance/packs/us-wa.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

export const US_MA: JurisdictionEntry = {
  code: 'US-MA',
  name: 'Massachusetts',
  packs: [usMaPack],
  commercialLimitation: L.usMassachusetts,
}
export const US_NY: JurisdictionEntry = { code: 'US-NY', name: 'New York', packs: [usNyPack] }
// CPLR 214-i is consumer credit only, so New York has no commercial preset.
export const US_NY_NYC: JurisdictionEntry = { code: 'US-NY-NYC', name: 'New York City', packs: [usNycPack] }
export const US_WA: JurisdictionEntry = { code: 'US-WA', name: 'Washington', packs: [usWaPack] }
export const US_CA: JurisdictionEntry = {
  code: 'US-CA',
  name: 'California',
  packs: [usCaPack],
  commercialLimitation: L.usCalifornia,
}
export const US_FL: JurisdictionEntry = {
  code: 'US-FL',
  name: 'Florida',
  packs: [usFlPack],
  commercialLimitation: L.usFloridaOpenAccount,
}
export const US_TX: JurisdictionEntry = {
  code: 'US-TX',
  name: 'Texas',
  packs: [usTxPack],
  commercialLimitation: L.usTexas,
}
