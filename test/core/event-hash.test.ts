import { describe, expect, it } from 'vitest'
import { eventHash, findChainBreak, GENESIS_HASH } from '../../src/core/journal/event-hash.ts'

function chain(length: number) {
  const events = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= length; seq++) {
    const fields = {
      tenantId: 1,
      seq,
      type: 't',
      actor: 'a',
      occurredAt: '2026-01-01T00:00:00.000Z',
      subject: null,
      payload: `{"n":${seq}}`,
      prevHash,
    }
    const hash = eventHash(fields)
    events.push({ ...fields, id: seq * 10, hash })
    prevHash = hash
  }
  return { events, head: { seq: length, hash: prevHash } }
}

describe('journal chain verification', () => {
  it('accepts an intact chain and an empty one', () => {
    const { events, head } = chain(4)
    expect(findChainBreak(events, head)).toBeNull()
    expect(findChainBreak([], { seq: 0, hash: GENESIS_HASH })).toBeNull()
  })

  it.each([
    [
      'an edited payload',
      (e: ReturnType<typeof chain>['events']) =>
        e.map((x) => (x.seq === 2 ? { ...x, payload: '{"n":99}' } : x)),
      2,
      'edited',
    ],
    [
      'an edited actor',
      (e: ReturnType<typeof chain>['events']) => e.map((x) => (x.seq === 3 ? { ...x, actor: 'mallory' } : x)),
      3,
      'edited',
    ],
    [
      'a deleted event',
      (e: ReturnType<typeof chain>['events']) => e.filter((x) => x.seq !== 2),
      2,
      'missing',
    ],
    [
      'a rehashed edit',
      (e: ReturnType<typeof chain>['events']) =>
        e.map((x) => (x.seq === 2 ? { ...x, payload: '{}', hash: eventHash({ ...x, payload: '{}' }) } : x)),
      3,
      'previous-hash',
    ],
  ])('names the first bad event after %s', (_, tamper, seq, reason) => {
    const { events, head } = chain(4)
    expect(findChainBreak(tamper(events), head)).toMatchObject({
      seq,
      reason: expect.stringContaining(reason),
    })
  })

  it('reports a deleted head row once there are events', () => {
    const { events } = chain(3)
    expect(findChainBreak(events, null)).toMatchObject({
      seq: 3,
      reason: expect.stringContaining('head row is missing'),
    })
    expect(findChainBreak([], null)).toBeNull()
  })

  it('cannot be fooled by moving text between neighbouring fields', () => {
    const base = chain(1).events[0]!
    expect(eventHash({ ...base, type: 'a\u001fb', actor: 'c' })).not.toBe(
      eventHash({ ...base, type: 'a', actor: 'b\u001fc' }),
    )
  })

  it('notices events cut off the end through the head', () => {
    const { events, head } = chain(4)
    expect(findChainBreak(events.slice(0, 3), head)).toMatchObject({
      seq: 4,
      reason: expect.stringContaining('deleted'),
    })
  })

  // Regression: the message named the first missing seq with the id of the event before it.
  it('names the missing event by seq, with no id, and the stored event next to it by seq and id', () => {
    const { events, head } = chain(5)
    expect(findChainBreak(events.slice(0, 3), head)).toEqual({
      seq: 4,
      eventId: null,
      reason:
        'events seq 4 to 5 are missing: the head says 5 but the last stored event is seq 3 (id 30); deleted',
    })
    expect(
      findChainBreak(
        events.filter((e) => e.seq !== 2 && e.seq !== 3),
        head,
      ),
    ).toEqual({
      seq: 2,
      eventId: null,
      reason: 'event seq 2 is missing (deleted or moved); the next stored event is seq 4 (id 40)',
    })
    const rehashed = events.map((x) =>
      x.seq === 2 ? { ...x, payload: '{}', hash: eventHash({ ...x, payload: '{}' }) } : x,
    )
    expect(findChainBreak(rehashed, head)).toMatchObject({
      seq: 3,
      eventId: 30,
      reason: expect.stringContaining('does not match event seq 2 (id 20)'),
    })
  })

  it('notices a head rewound below the chain or carrying another hash', () => {
    const { events, head } = chain(4)
    expect(findChainBreak(events, { seq: 3, hash: events[2]!.hash })).toMatchObject({
      seq: 4,
      reason: expect.stringContaining('rewound'),
    })
    expect(findChainBreak(events, { seq: 4, hash: 'f'.repeat(64) })).toMatchObject({ seq: 4, eventId: 40 })
    expect(findChainBreak(events, head)).toBeNull()
  })

  it('hashes differ whenever any covered field differs', () => {
    const base = chain(1).events[0]!
    const variants = [
      { tenantId: 2 },
      { seq: 2 },
      { type: 'u' },
      { actor: 'b' },
      { occurredAt: 'x' },
      { subject: 's' },
      { payload: '{}' },
      { prevHash: 'f'.repeat(64) },
    ]
    for (const variant of variants) expect(eventHash({ ...base, ...variant })).not.toBe(base.hash)
  })
})
