/** New York City: the city pack, on top of New York State and federal. */
import { usNycPack } from '../compliance/packs/us-nyc.pack.ts'
import type { JurisdictionEntry } from './jurisdiction.ts'

export const US_NY_NYC: JurisdictionEntry = { code: 'US-NY-NYC', name: 'New York City', packs: [usNycPack] }
