/** New York State: 3-year consumer-credit limitation without revival (CPLR 214-i). */
import { LIMITATION_PRESETS } from '../limitation-presets.ts'
import { definePack } from '../rule-pack.ts'
import { US_STATE_FAMILIES, usStateSettings } from './us-state.ts'

/** Applied with the federal pack (and the NYC pack inside the city). */
export const usNyPack = definePack({
  id: 'us-ny',
  version: '2025-05-16',
  description:
    'New York: 3-year limitation for consumer credit; payment or affirmation after expiry does not revive',
  settings: usStateSettings({
    jurisdictions: ['US-NY'],
    limitation: { 'US-NY': LIMITATION_PRESETS.usNewYork },
  }),
  families: US_STATE_FAMILIES,
})
