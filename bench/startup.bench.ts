import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { distIsFresh } from '../scripts/source-stamp.js'
import type { BenchArgs } from './support/bench-args.ts'
import { report, round } from './support/bench-database.ts'

const ROOT = resolve(import.meta.dirname, '..')
const BIN = resolve(ROOT, 'bin/recoup.js')
const CHECK_FILE = resolve(ROOT, 'docs/examples/compliance/us-ma-call-cap.json')
const TARGET_RATIO = 4

/** Seconds one run of `node ARGS` takes, failing on an exit status other than the expected one. */
function timeRun(args: readonly string[], expectedStatus: number): number {
  const start = performance.now()
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' })
  const seconds = (performance.now() - start) / 1000
  if (run.status !== expectedStatus)
    throw new Error(`node ${args.join(' ')} exited ${run.status}, expected ${expectedStatus}: ${run.stderr}`)
  return seconds
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/**
 * `npm run bench -- startup [--repetitions N]`: how long `recoup --help` and a one-shot command
 * (`recoup compliance check FILE`, which needs no database) take from spawn to exit, against the floor
 * `node -e 0`, each the median of N runs taken in turn so that machine noise hits all three alike.
 * Builds dist/ first when it is stale, since that is what an installed checkout runs.
 */
export async function startupBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const repetitions = Number(args.flags.get('repetitions') ?? 9)
  if (!Number.isInteger(repetitions) || repetitions <= 0)
    throw new Error('--repetitions must be a positive whole number')
  if (!distIsFresh()) {
    report('startup bench: dist/ is stale, building it (npm run build)...')
    timeRun([resolve(ROOT, 'scripts/build-dist.js')], 0)
  }
  const samples = { help: [] as number[], check: [] as number[], floor: [] as number[] }
  timeRun([BIN, '--help'], 0) // warms the file cache
  for (let i = 0; i < repetitions; i++) {
    samples.floor.push(timeRun(['-e', '0'], 0))
    samples.help.push(timeRun([BIN, '--help'], 0))
    // Exit 1: the example is a negative verdict (the call would break the Massachusetts cap).
    samples.check.push(timeRun([BIN, 'compliance', 'check', CHECK_FILE], 1))
  }
  const floor = median(samples.floor)
  const help = median(samples.help)
  const check = median(samples.check)
  report(
    `startup bench (median of ${repetitions}): node -e 0 ${round(floor)} s; recoup --help ${round(help)} s ` +
      `(${round(help / floor)}x, target <= ${TARGET_RATIO}x); recoup compliance check ${round(check)} s ` +
      `(${round(check / floor)}x)`,
  )
  return {
    bench: 'startup',
    repetitions,
    help_seconds: round(help),
    check_seconds: round(check),
    floor_seconds: round(floor),
    ratio: round(help / floor),
    check_ratio: round(check / floor),
    target_ratio: TARGET_RATIO,
  }
}
