/**
 * Hardship pauses: collection stops for a stated reason until an end date (docs/money-flows.md). The
 * engine asks `hardshipPauseActive` each day; a pause always has an end so it is reviewed, never
 * forgotten.
 */
import type { LocalDate } from '../calendar/local-date.ts'
import { parseLocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'

/** A pause of collection; both days are inclusive. */
export interface HardshipPause {
  /** Why (job loss, illness, bereavement...); required so the record explains the pause. */
  reason: string
  from: LocalDate
  to: LocalDate
}

/** One thing wrong with a pause, named by field. */
export interface HardshipProblem {
  field: 'reason' | 'from' | 'to'
  reason: string
}

/** The problems with a pause; an empty list means it is valid. */
export function validateHardshipPause(pause: HardshipPause): HardshipProblem[] {
  const problems: HardshipProblem[] = []
  if (pause.reason.trim() === '') problems.push({ field: 'reason', reason: 'a reason is required' })
  const fromOk = parseLocalDate(pause.from).ok
  const toOk = parseLocalDate(pause.to).ok
  if (!fromOk) problems.push({ field: 'from', reason: `"${pause.from}" is not a real date` })
  if (!toOk) problems.push({ field: 'to', reason: `"${pause.to}" is not a real date` })
  if (fromOk && toOk && pause.to < pause.from) {
    problems.push({ field: 'to', reason: `the pause ends (${pause.to}) before it starts (${pause.from})` })
  }
  return problems
}

/** Whether collection is paused on `asOf`, and by which pause. */
export interface HardshipState {
  active: boolean
  /** The covering pause that ends last (overlapping pauses: the engine waits for the latest end). */
  pause: HardshipPause | null
}

/** The hardship state on `asOf`; throws AppError('invalid_hardship_pause') when a pause is invalid. */
export function hardshipPauseActive(pauses: readonly HardshipPause[], asOf: LocalDate): HardshipState {
  let latest: HardshipPause | null = null
  for (const [index, pause] of pauses.entries()) {
    const problems = validateHardshipPause(pause)
    if (problems.length > 0) {
      throw new AppError('invalid_hardship_pause', `pause ${index} is invalid`, { index, problems })
    }
    if (pause.from <= asOf && asOf <= pause.to && (latest === null || pause.to > latest.to)) latest = pause
  }
  return { active: latest !== null, pause: latest }
}
