/** Massachusetts: call caps per debt, home visits, 6-year limitation; binds creditors and collectors. */
import { CALL_FREQUENCY_PRESETS } from '../call-frequency-presets.ts'
import { LIMITATION_PRESETS } from '../limitation-presets.ts'
import { definePack } from '../rule-pack.ts'
import { ALL_COLLECTORS, US_STATE_FAMILIES, usStateSettings } from './us-state.ts'

const VISITS = { ruleId: 'us-ma.home-visits', citation: '209 CMR 18.17(6)' }

/** 940 CMR 7.04 (creditors) and 209 CMR 18.16-18.17 (collectors); G.L. c.260. */
export const usMaPack = definePack({
  id: 'us-ma',
  version: '2025-05-16',
  description:
    'Massachusetts: 2 calls/texts per 7 days per debt (30 days to other numbers), 1 home visit per 30 days 08:00-21:00, 6-year limitation',
  settings: usStateSettings({
    jurisdictions: ['US-MA'],
    collectorTypes: ALL_COLLECTORS,
    contactWindows: [
      {
        rule: { ...VISITS, window: { start: '08:00', end: '21:00' } },
        channels: ['visit'],
        locationEvidence: 'intersection',
        edges: 'start_inclusive_end_exclusive',
        exemptions: [],
      },
    ],
    frequency: [
      {
        rules: [CALL_FREQUENCY_PRESETS.maPersonalNumbers],
        triggers: ['call', 'sms'],
        counts: ['call', 'sms'],
        contactPoints: 'personal',
      },
      {
        rules: [CALL_FREQUENCY_PRESETS.maOtherNumbers],
        triggers: ['call', 'sms'],
        counts: ['call', 'sms'],
        contactPoints: 'workplace',
      },
      {
        rules: [{ ...VISITS, maxCalls: 1, windowDays: 30, unit: 'per_debt', exclusions: 'none' }],
        triggers: ['visit'],
        counts: ['visit'],
        contactPoints: 'any',
      },
    ],
    limitation: { 'US-MA': LIMITATION_PRESETS.usMassachusetts },
  }),
  families: US_STATE_FAMILIES,
})
