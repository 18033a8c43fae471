/** Florida: quiet hours in the area code's zone (email exempt from 16 May 2025), 4- or 5-year limitation. */
import { CONTACT_WINDOW_PRESETS } from '../contact-window-presets.ts'
import { LIMITATION_PRESETS } from '../limitation-presets.ts'
import { definePack } from '../rule-pack.ts'
import { ALL_COLLECTORS, US_STATE_FAMILIES, usStateSettings } from './us-state.ts'

/** Fla. Stat. 559.72(17) and 95.11; the FCCPA binds creditors too. */
export const usFlPack = definePack({
  id: 'us-fl',
  version: '2025-05-16',
  description:
    "Florida: no communication 21:00-08:00 in the zone of the phone's area code; email exempt from 2025-05-16; limitation by contract type: written 5 years, oral or open account 4 (unknown: 4)",
  settings: usStateSettings({
    jurisdictions: ['US-FL'],
    collectorTypes: ALL_COLLECTORS,
    contactWindows: [
      {
        rule: CONTACT_WINDOW_PRESETS.usFlorida,
        channels: ['call', 'sms', 'email', 'visit'],
        locationEvidence: 'area_code',
        edges: 'start_inclusive_end_exclusive',
        exemptions: [{ channel: 'email', from: '2025-05-16' }],
      },
    ],
    // The shorter period is the default: a suit is never allowed after the law might bar it.
    limitation: { 'US-FL': LIMITATION_PRESETS.usFloridaOpenAccount },
    // Fla. Stat. 95.11: written 5 years, oral or open account 4; other or unknown types: the shortest.
    limitationByContractType: {
      'US-FL': {
        byType: {
          written: LIMITATION_PRESETS.usFloridaWritten,
          oral: LIMITATION_PRESETS.usFloridaOpenAccount,
          open_account: LIMITATION_PRESETS.usFloridaOpenAccount,
        },
        unknown: 'shortest',
      },
    },
  }),
  families: US_STATE_FAMILIES,
})
