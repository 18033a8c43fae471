/** Washington: home hours 07:30-21:00, 3 communications a week, 1 a week at work (RCW 19.16.250). */
import { CALL_FREQUENCY_PRESETS } from '../call-frequency-presets.ts'
import { CONTACT_WINDOW_PRESETS } from '../contact-window-presets.ts'
import { definePack } from '../rule-pack.ts'
import { US_STATE_FAMILIES, usStateSettings } from './us-state.ts'

const MEDIA = ['call', 'sms', 'email', 'visit'] as const

/** The Collection Agency Act binds licensed agencies: third parties and debt buyers. No limitation preset yet. */
export const usWaPack = definePack({
  id: 'us-wa',
  version: '2025-05-16',
  description:
    'Washington: no communication at home before 07:30 or after 21:00; at most 3 per week, 1 per week at work',
  settings: usStateSettings({
    jurisdictions: ['US-WA'],
    contactWindows: [
      {
        rule: CONTACT_WINDOW_PRESETS.usWashingtonHome,
        channels: MEDIA,
        locationEvidence: 'intersection',
        edges: 'start_inclusive_end_exclusive',
        exemptions: [],
      },
    ],
    frequency: [
      {
        rules: [CALL_FREQUENCY_PRESETS.waCommunications],
        triggers: MEDIA,
        counts: MEDIA,
        contactPoints: 'any',
      },
      {
        rules: [CALL_FREQUENCY_PRESETS.waWorkplace],
        triggers: MEDIA,
        counts: MEDIA,
        contactPoints: 'workplace',
      },
    ],
  }),
  families: US_STATE_FAMILIES,
})
