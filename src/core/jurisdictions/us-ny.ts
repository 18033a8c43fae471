/** New York State: its pack; CPLR 214-i is consumer credit only, so no commercial preset. */
import { usNyPack } from '../compliance/packs/us-ny.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

export const US_NY: JurisdictionEntry = { code: 'US-NY', name: 'New York', packs: [usNyPack] }
