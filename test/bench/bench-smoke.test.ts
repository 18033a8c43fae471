import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const BENCH = resolve(import.meta.dirname, '../../bin/bench.js')

/** Keeps `npm run bench` from rotting: each benchmark runs on a few rows and ends with its JSON line. */
describe('benchmarks run end to end on a few rows', () => {
  it.each(['import', 'aging', 'payments'])('%s prints its result as the last line', (name) => {
    const run = spawnSync(process.execPath, [BENCH, name, '--rows', '300'], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const last = run.stdout.trim().split('\n').at(-1) ?? ''
    const result = JSON.parse(last)
    expect(result).toMatchObject({ bench: name, db: 'sqlite', rows: 300 })
    expect(result.seconds).toBeGreaterThan(0)
    expect(result.floor_seconds).toBeGreaterThan(0)
    expect(Math.abs(result.ratio / (result.seconds / result.floor_seconds) - 1)).toBeLessThan(0.01)
  })

  it('run prints its result as the last line', { timeout: 120_000 }, () => {
    const run = spawnSync(process.execPath, [BENCH, 'run', '--rows', '300'], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '')
    expect(result).toMatchObject({ bench: 'run', db: 'sqlite', workers: 0 })
    expect(result.accounts).toBeGreaterThan(200)
    expect(result.seconds).toBeGreaterThan(0)
    // The next day decides only the accounts due, a share of the first day's.
    expect(result.next_day_accounts).toBeLessThan(result.accounts)
    expect(result.next_day_share).toBeCloseTo(result.next_day_accounts / result.accounts, 3)
    expect(result.next_day_ratio).toBeGreaterThan(0)
    expect(Math.abs(result.ratio / (result.seconds / result.floor_seconds) - 1)).toBeLessThan(0.01)
  })

  it('score prints its result as the last line', { timeout: 120_000 }, () => {
    const run = spawnSync(process.execPath, [BENCH, 'score', '--rows', '600'], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '')
    expect(result).toMatchObject({ bench: 'score', db: 'sqlite', rows: 600 })
    expect(result.scored).toBeGreaterThan(300)
    expect(Math.abs(result.ratio / (result.seconds / result.floor_seconds) - 1)).toBeLessThan(0.01)
  })

  it('reports times every analytics report against its hand-written statement', { timeout: 180_000 }, () => {
    const run = spawnSync(process.execPath, [BENCH, 'reports', '--rows', '600', '--repeats', '1'], {
      encoding: 'utf8',
      timeout: 180_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '')
    expect(result).toMatchObject({ bench: 'reports', db: 'sqlite', rows: 600, target_ratio: 1.5 })
    expect(Object.keys(result.reports)).toEqual([
      'roll-rates',
      'vintages',
      'dso-cei',
      'promises',
      'compliance-blocks',
      'champion-challenger',
      'score-monitoring',
      'recovery',
      'cost-to-collect',
      'contacts',
      'channel-effectiveness',
    ])
    const reports = Object.entries(result.reports) as [
      string,
      { seconds: number; floor_seconds: number; ratio: number },
    ][]
    for (const [name, r] of reports) {
      expect(r.floor_seconds, name).toBeGreaterThan(0)
      // The rows that compare their figures with the floor's say so; none may disagree.
      const agrees = (r as { agrees?: boolean }).agrees
      if (['recovery', 'cost-to-collect', 'contacts', 'channel-effectiveness'].includes(name))
        expect(agrees, name).toBe(true)
      expect(Math.abs(r.ratio / (r.seconds / r.floor_seconds) - 1), name).toBeLessThan(0.01)
    }
  })

  it('documents times validation notices against a static PDF of the same engine', {
    timeout: 120_000,
  }, () => {
    const run = spawnSync(process.execPath, [BENCH, 'documents', '--accounts', '2'], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '')
    expect(result).toMatchObject({ bench: 'documents', document: 'validation-notice', accounts: 2 })
    expect(result.ms_per_document).toBeGreaterThan(0)
    expect(Math.abs(result.ratio / (result.seconds / result.floor_seconds) - 1)).toBeLessThan(0.01)
  })

  it('metro2 exports the synthetic book against the same records written from memory', {
    timeout: 120_000,
  }, () => {
    const run = spawnSync(process.execPath, [BENCH, 'metro2', '--rows', '300'], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '')
    expect(result).toMatchObject({ bench: 'metro2', db: 'sqlite', rows: 300, furnished: 270, excluded: 30 })
    expect(result.bytes).toBe(426 * 2 + 460 * 270)
    expect(Math.abs(result.ratio / (result.seconds / result.floor_seconds) - 1)).toBeLessThan(0.01)
  })

  it('rejects bad arguments', () => {
    const run = spawnSync(process.execPath, [BENCH, 'aging', '--rows', 'many'], { encoding: 'utf8' })
    expect(run.status).not.toBe(0)
    expect(run.stderr).toContain('--rows must be a positive whole number')
  })

  // Defect 16: `--accounts` (not a flag of any bench) silently ran the default million rows.
  it.each([
    ['run', '--accounts', '--rows, --db, --workers'],
    ['aging', '--row', '--rows, --db'],
    ['startup', '--reps', '--rows, --db, --repetitions'],
  ])('%s refuses the unknown flag %s, listing the known ones', (name, flag, known) => {
    const run = spawnSync(process.execPath, [BENCH, name, flag, '5'], { encoding: 'utf8', timeout: 60_000 })
    expect(run.status).toBe(2)
    expect(run.stderr.trim()).toBe(`error: unknown flag ${flag} for bench "${name}"; known flags: ${known}`)
    expect(run.stdout).toBe('')
  })

  it('startup times --help and a one-shot command against node -e 0', { timeout: 120_000 }, () => {
    const run = spawnSync(process.execPath, [BENCH, 'startup', '--repetitions', '1'], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '')
    expect(result).toMatchObject({ bench: 'startup', repetitions: 1, target_ratio: 4 })
    expect(result.floor_seconds).toBeGreaterThan(0)
    expect(Math.abs(result.ratio / (result.help_seconds / result.floor_seconds) - 1)).toBeLessThan(0.01)
    expect(result.check_seconds).toBeGreaterThan(0)
  })

  it('api serves GET and POST on loopback and reports them with the floor', { timeout: 120_000 }, () => {
    const run = spawnSync(
      process.execPath,
      [BENCH, 'api', '--db', 'sqlite', '--accounts', '20', '--seconds', '1'],
      { encoding: 'utf8', timeout: 120_000 },
    )
    expect(run.status, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '')
    expect(result).toMatchObject({ bench: 'api', db: 'sqlite', accounts: 20, non2xx: 0, errors: 0 })
    // POST throughput may round to 0 in a 1-second run on a busy machine; that it inserted is what counts.
    for (const field of ['post_rps', 'post_p99_ms']) expect(result[field], field).toBeGreaterThanOrEqual(0)
    for (const field of ['get_rps', 'get_p99_ms', 'floor_rps'])
      expect(result[field], field).toBeGreaterThan(0)
    expect(result.payments_inserted).toBeGreaterThan(0)
    expect(Math.abs(result.ratio / (result.get_rps / result.floor_rps) - 1)).toBeLessThan(0.01)
    expect(result.sqlite.get_rps).toBe(result.get_rps)
  })
})
