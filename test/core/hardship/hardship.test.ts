import { describe, expect, it } from 'vitest'
import {
  type HardshipPause,
  hardshipPauseActive,
  validateHardshipPause,
} from '../../../src/core/hardship/hardship.ts'

const job: HardshipPause = { reason: 'job loss', from: '2024-02-01', to: '2024-02-29' }
const illness: HardshipPause = { reason: 'illness', from: '2024-02-20', to: '2024-04-30' }

describe('hardshipPauseActive', () => {
  it.each<[string, HardshipPause[], string, HardshipPause | null]>([
    ['no pauses', [], '2024-02-10', null],
    ['before the start', [job], '2024-01-31', null],
    ['first day', [job], '2024-02-01', job],
    ['leap day, last day', [job], '2024-02-29', job],
    ['after the end', [job], '2024-03-01', null],
    ['overlap: the one ending last', [job, illness], '2024-02-25', illness],
    ['overlap in either order', [illness, job], '2024-02-25', illness],
    ['only the later one covers', [job, illness], '2024-03-15', illness],
  ])('%s', (_, pauses, asOf, pause) => {
    expect(hardshipPauseActive(pauses, asOf)).toEqual({ active: pause !== null, pause })
  })

  it('refuses an invalid pause with its problems', () => {
    expect(() =>
      hardshipPauseActive([job, { reason: ' ', from: '2024-03-01', to: '2024-02-01' }], '2024-02-10'),
    ).toThrowError(
      expect.objectContaining({
        code: 'invalid_hardship_pause',
        details: expect.objectContaining({ index: 1 }),
      }),
    )
  })
})

describe('validateHardshipPause', () => {
  it.each<[string, HardshipPause, string[]]>([
    ['valid', job, []],
    ['one day', { reason: 'x', from: '2024-02-01', to: '2024-02-01' }, []],
    ['empty reason', { ...job, reason: '  ' }, ['reason']],
    ['ends before it starts', { ...job, to: '2024-01-31' }, ['to']],
    ['impossible dates', { ...job, from: '2023-02-29', to: '2023-13-01' }, ['from', 'to']],
  ])('%s', (_, pause, fields) => {
    expect(validateHardshipPause(pause).map((p) => p.field)).toEqual(fields)
  })
})
