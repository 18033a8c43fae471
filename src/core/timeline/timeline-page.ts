import { instantAtLocalTime } from '../calendar/local-time.ts'
import { AppError } from '../errors/index.ts'

/**
 * The order and the cursor of an account's timeline (docs/api.md, "Account timeline"). Items of every
 * kind come from several tables, each with its own date or instant; they are merged newest first by
 * one key: the item's instant (a calendar date counts as midnight of that day in the tenant's zone),
 * then the source's rank, then the row id. The key is unique (one source, one table, one id), so a
 * cursor naming the last item's key continues exactly after it: no gaps, no repeats.
 */

/** The kinds of item a timeline holds. */
export const TIMELINE_KINDS = [
  'transaction',
  'message',
  'document',
  'call',
  'promise',
  'plan',
  'settlement',
  'dispute',
  'hardship',
  'decision',
  'stage_change',
  'journal',
] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]

export const DEFAULT_TIMELINE_LIMIT = 100
export const MAX_TIMELINE_LIMIT = 1000

/** Where an item sits in the timeline: instant in ms (UTC), source rank, row id. */
export interface TimelineKey {
  readonly ms: number
  readonly rank: number
  readonly id: number
}

/** Newest first: a negative result puts `a` before `b`. */
export function compareNewestFirst(a: TimelineKey, b: TimelineKey): number {
  return b.ms - a.ms || b.rank - a.rank || b.id - a.id
}

/** The sort instant of a calendar date: its midnight in the tenant's zone. */
export function dateKeyMs(date: string, timeZone: string): number {
  return instantAtLocalTime(date, '00:00', timeZone)
}

/** A page request of the timeline: size, kinds asked for (all when absent) and where to continue. */
export interface TimelineRequest {
  readonly limit: number
  readonly kinds: readonly TimelineKind[]
  readonly after?: TimelineKey
}

/** Reads `limit`, `kinds` ("message,call") and `cursor`; bad values are `invalid_option` / `invalid_cursor`. */
export function timelineRequest(input: { limit?: number; kinds?: string; cursor?: string }): TimelineRequest {
  const limit = input.limit ?? DEFAULT_TIMELINE_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TIMELINE_LIMIT)
    throw new AppError(
      'invalid_option',
      `limit must be a whole number from 1 to ${MAX_TIMELINE_LIMIT}, not ${limit}`,
      { field: 'limit' },
    )
  const kinds = parseKinds(input.kinds)
  if (input.cursor === undefined || input.cursor === '') return { limit, kinds }
  return { limit, kinds, after: decodeTimelineCursor(input.cursor, kinds) }
}

function parseKinds(text: string | undefined): readonly TimelineKind[] {
  if (text === undefined || text === '') return TIMELINE_KINDS
  const asked = text.split(',')
  for (const kind of asked)
    if (!(TIMELINE_KINDS as readonly string[]).includes(kind))
      throw new AppError(
        'invalid_option',
        `kinds must be a comma-separated list of ${TIMELINE_KINDS.join(', ')}, not "${kind}"`,
        { field: 'kinds' },
      )
  // In the declared order, once each: the cursor compares the set, not the spelling.
  return TIMELINE_KINDS.filter((k) => asked.includes(k))
}

interface CursorBody {
  /** The kinds filter it was made for, comma-separated in declared order. */
  k: string
  t: number
  r: number
  i: number
}

/** The cursor after `key` for this kinds filter (base64url JSON, opaque to callers). */
export function encodeTimelineCursor(key: TimelineKey, kinds: readonly TimelineKind[]): string {
  const body: CursorBody = { k: kinds.join(','), t: key.ms, r: key.rank, i: key.id }
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url')
}

function decodeTimelineCursor(cursor: string, kinds: readonly TimelineKind[]): TimelineKey {
  const invalid = (why: string) =>
    new AppError('invalid_cursor', `cursor is not one this timeline gave out (${why})`, { field: 'cursor' })
  if (cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid('not a cursor')
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw invalid('not a cursor')
  }
  if (typeof body !== 'object' || body === null) throw invalid('not a cursor')
  const { k, t, r, i } = body as Partial<CursorBody>
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n)
  // Instants from year 0 to 9999: anything else was not made by this list.
  if (typeof k !== 'string' || !whole(t) || !whole(r) || !whole(i) || Math.abs(t) > 253_402_300_800_000)
    throw invalid('not a cursor')
  if (k !== kinds.join(',')) throw invalid('made for another kinds filter')
  return { ms: t, rank: r, id: i }
}

/**
 * Merges per-source rows, each already the newest `limit + 1` after the cursor in its source, into one
 * page: the first `limit` in timeline order, and the cursor of the last when more follow.
 */
export function mergeTimeline<T extends { key: TimelineKey }>(
  sources: readonly (readonly T[])[],
  request: TimelineRequest,
): { items: T[]; next: TimelineKey | null } {
  const all = sources.flat().sort((a, b) => compareNewestFirst(a.key, b.key))
  if (all.length <= request.limit) return { items: all, next: null }
  const items = all.slice(0, request.limit)
  const last = items[items.length - 1]
  return { items, next: last ? last.key : null }
}
