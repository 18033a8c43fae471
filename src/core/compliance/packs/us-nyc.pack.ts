/** New York City: 3 contacts or attempts per 7 days across channels [U]; binds creditors too. */
import { CALL_FREQUENCY_PRESETS } from '../call-frequency-presets.ts'
import { definePack } from '../rule-pack.ts'
import { ALL_COLLECTORS, US_STATE_FAMILIES, usStateSettings } from './us-state.ts'

/** 6 RCNY 5-77 contact cap; applied with the federal and New York State packs. */
export const usNycPack = definePack({
  id: 'us-nyc',
  version: '2025-05-16',
  description:
    'New York City: no more than 3 contacts or attempts per 7 days per consumer across channels [U]',
  settings: usStateSettings({
    jurisdictions: ['US-NY-NYC'],
    collectorTypes: ALL_COLLECTORS,
    frequency: [
      {
        rules: [CALL_FREQUENCY_PRESETS.nycContactCap],
        triggers: ['call', 'sms', 'email', 'visit'],
        counts: ['call', 'sms', 'email', 'visit'],
        contactPoints: 'any',
      },
    ],
    // Limitation is New York State's (us-ny pack); the city adds none.
    timeBarredProhibition: null,
  }),
  families: US_STATE_FAMILIES,
})
