import { describe, expect, it } from 'vitest'
import { instalmentStatuses } from '../../../src/core/timeline/instalment-status.ts'
import {
  compareNewestFirst,
  dateKeyMs,
  encodeTimelineCursor,
  mergeTimeline,
  TIMELINE_KINDS,
  timelineRequest,
} from '../../../src/core/timeline/timeline-page.ts'

describe('timeline order and cursor', () => {
  it.each([
    ['2026-03-01', 'UTC', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01', 'America/New_York', '2026-03-01T05:00:00.000Z'],
    ['2026-07-01', 'America/New_York', '2026-07-01T04:00:00.000Z'],
    ['2026-03-01', 'Asia/Kolkata', '2026-02-28T18:30:00.000Z'],
  ])('dates %s in %s sort at local midnight %s', (date, zone, instant) => {
    expect(new Date(dateKeyMs(date, zone)).toISOString()).toBe(instant)
  })

  it('orders by instant, then rank, then id, newest first', () => {
    const keys = [
      { ms: 1, rank: 1, id: 1 },
      { ms: 2, rank: 1, id: 1 },
      { ms: 2, rank: 3, id: 1 },
      { ms: 2, rank: 3, id: 7 },
    ]
    expect([...keys].sort(compareNewestFirst)).toEqual([keys[3], keys[2], keys[1], keys[0]])
  })

  it('reads limit and kinds, and round-trips its cursor for the same kinds only', () => {
    expect(timelineRequest({})).toEqual({ limit: 100, kinds: TIMELINE_KINDS })
    expect(timelineRequest({ kinds: 'call,message,call' }).kinds).toEqual(['message', 'call'])
    const cursor = encodeTimelineCursor({ ms: 5, rank: 2, id: 9 }, ['message', 'call'])
    expect(timelineRequest({ kinds: 'call,message', cursor }).after).toEqual({ ms: 5, rank: 2, id: 9 })
    expect(() => timelineRequest({ kinds: 'call', cursor })).toThrow(
      expect.objectContaining({ code: 'invalid_cursor' }),
    )
  })

  it.each([
    [{ limit: 0 }, 'invalid_option'],
    [{ limit: 1001 }, 'invalid_option'],
    [{ limit: 2.5 }, 'invalid_option'],
    [{ kinds: 'calls' }, 'invalid_option'],
    [{ cursor: '!!' }, 'invalid_cursor'],
    [{ cursor: Buffer.from('[1]').toString('base64url') }, 'invalid_cursor'],
    [{ cursor: Buffer.from('{"k":"","t":1e300,"r":1,"i":1}').toString('base64url') }, 'invalid_cursor'],
    [{ cursor: Buffer.from('{"k":"","t":1,"r":1.5,"i":1}').toString('base64url') }, 'invalid_cursor'],
  ])('refuses %j with %s', (input, code) => {
    expect(() => timelineRequest(input)).toThrow(expect.objectContaining({ code }))
  })

  it('merges per-source pages and cuts at the limit with the last key as the cursor', () => {
    const row = (ms: number, rank: number, id: number) => ({ key: { ms, rank, id } })
    const request = { limit: 3, kinds: TIMELINE_KINDS }
    const page = mergeTimeline(
      [
        [row(9, 1, 1), row(5, 1, 2)],
        [row(9, 2, 1), row(1, 2, 3)],
      ],
      request,
    )
    expect(page.items.map((r) => r.key)).toEqual([
      { ms: 9, rank: 2, id: 1 },
      { ms: 9, rank: 1, id: 1 },
      { ms: 5, rank: 1, id: 2 },
    ])
    expect(page.next).toEqual({ ms: 5, rank: 1, id: 2 })
    expect(mergeTimeline([[row(1, 1, 1)]], request).next).toBeNull()
  })
})

describe('instalment status', () => {
  const instalments = [
    { seq: 1, dueOn: '2026-03-01', amountMinor: 100 },
    { seq: 2, dueOn: '2026-04-01', amountMinor: 100 },
    { seq: 3, dueOn: '2026-05-01', amountMinor: 100 },
  ]
  it.each([
    [[], '2026-03-10', ['overdue', 'due', 'due']],
    [[{ receivedOn: '2026-03-05', amountMinor: 150 }], '2026-03-10', ['paid', 'partly_paid', 'due']],
    [[{ receivedOn: '2026-03-05', amountMinor: 150 }], '2026-04-10', ['paid', 'overdue', 'due']],
    [[{ receivedOn: '2026-02-01', amountMinor: 300 }], '2026-04-10', ['overdue', 'overdue', 'due']],
    [[{ receivedOn: '2026-03-05', amountMinor: 999 }], '2026-03-04', ['overdue', 'due', 'due']],
    [[{ receivedOn: '2026-03-05', amountMinor: 300 }], '2026-06-01', ['paid', 'paid', 'paid']],
  ] as const)('payments %j as of %s: %j', (payments, today, statuses) => {
    const views = instalmentStatuses(instalments, payments, { createdOn: '2026-02-15', today })
    expect(views.map((v) => v.status)).toEqual(statuses)
  })
})
