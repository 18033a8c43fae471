import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CHANNEL_NAMES,
  CHANNELS,
  CONTACT_EVENT_CHANNELS,
  isChannel,
} from '../../../src/core/channels/channels.ts'

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')
const sorted = (values: readonly string[]) => [...values].sort()

/** Every `enum` array in a JSON Schema that lists the channel `sms` (the channel enums). */
function channelEnums(schema: unknown): string[][] {
  const found: string[][] = []
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk)
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'enum' && Array.isArray(value) && value.includes('sms')) found.push(value as string[])
        else walk(value)
      }
    }
  }
  walk(schema)
  return found
}

describe('the channel registry is the one list of channels', () => {
  it('the playbook JSON Schema offers exactly the registered channels', () => {
    const enums = channelEnums(JSON.parse(read('src/playbook/playbook.schema.json')))
    expect(enums.length).toBeGreaterThan(0)
    for (const e of enums) expect(e).toEqual([...CHANNEL_NAMES])
  })

  it('the compliance-check schema lists the registered channels (plus visit for contact history)', () => {
    const enums = channelEnums(JSON.parse(read('docs/compliance-check.schema.json')))
    expect(enums.length).toBeGreaterThan(0)
    for (const e of enums) {
      expect([sorted(CHANNEL_NAMES), sorted(CONTACT_EVENT_CHANNELS)]).toContainEqual(sorted(e))
    }
  })

  it('the database CHECK on contact_events.channel allows exactly the contact-event channels', () => {
    // Old migrations are never edited: this asserts they agree with the registry instead.
    const migration = read('src/store/migrations/0002-engine.ts')
    const check = /oneOf\('channel', \[([^\]]*)\]\)/.exec(migration)
    expect(check).not.toBeNull()
    const listed = [...(check?.[1] ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1] as string)
    expect(sorted(listed)).toEqual(sorted(CONTACT_EVENT_CHANNELS))
  })

  it('each channel names the contact point it needs; look-ups of user input are safe', () => {
    expect(CHANNELS.letter.contactPoint).toBe('postal')
    expect(CHANNELS.sms.contactPoint).toBe('phone')
    expect(isChannel('email')).toBe(true)
    for (const name of ['constructor', 'toString', '__proto__', 'fax']) expect(isChannel(name)).toBe(false)
  })
})
