/**
 * The ONE list of outreach channels. The TypeScript types, the playbook JSON Schema's channel enum,
 * the compliance evaluator's channel names and the database CHECK on `contact_events.channel` all
 * derive from (or are tested against) this table, so adding a channel starts here.
 */

/** The kind of contact point a channel reaches the debtor at. */
export type ContactPointKind = 'phone' | 'email' | 'postal'

export interface ChannelDefinition {
  /** Which contact point the channel needs. */
  readonly contactPoint: ContactPointKind
  /** What that contact point is called in messages ("no postal address on file"). */
  readonly contactPointNoun: string
}

/** Every outreach channel, with what it needs. Order is the order shown in schemas and help. */
export const CHANNELS = {
  email: { contactPoint: 'email', contactPointNoun: 'email address' },
  sms: { contactPoint: 'phone', contactPointNoun: 'mobile number' },
  call: { contactPoint: 'phone', contactPointNoun: 'phone number' },
  letter: { contactPoint: 'postal', contactPointNoun: 'postal address' },
} as const satisfies Record<string, ChannelDefinition>

/** An outreach channel: `email`, `sms`, `call` or `letter`. */
export type Channel = keyof typeof CHANNELS

/** The channel names in registry order. */
export const CHANNEL_NAMES = Object.keys(CHANNELS) as readonly Channel[]

/** Channels a contact event can be recorded on: every outreach channel plus a field visit. */
export const CONTACT_EVENT_CHANNELS = [...CHANNEL_NAMES, 'visit'] as const

/** A channel a contact event is recorded on. */
export type ContactEventChannel = Channel | 'visit'

/** Whether `name` is a registered outreach channel (safe for any user-supplied string). */
export function isChannel(name: string): name is Channel {
  return Object.hasOwn(CHANNELS, name)
}
