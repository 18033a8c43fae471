import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { distIsFresh } from '../scripts/source-stamp.js'
import { contactWindowDecision } from '../src/core/compliance/contact-window.ts'
import { CONTACT_WINDOW_PRESETS } from '../src/core/compliance/contact-window-presets.ts'
import { evaluateCompliance } from '../src/core/compliance/evaluate-compliance.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { report, round } from './support/bench-database.ts'
import { complianceRequests } from './support/compliance-requests.ts'

const TARGET = 200_000
/** JSON-lines mode may take at most this many times the in-process evaluator's time for the same requests. */
const LINES_TARGET_RATIO = 3
const ROOT = resolve(import.meta.dirname, '..')
const BIN = resolve(ROOT, 'bin/recoup.js')

/** Seconds of one `node ARGS` run and its stdout; the exit status must be 0 or 1 (allowed or blocked). */
function timeProcess(args: readonly string[]): { seconds: number; stdout: string } {
  const start = performance.now()
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 })
  const seconds = (performance.now() - start) / 1000
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`)
  return { seconds, stdout: run.stdout }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/**
 * `recoup compliance check --lines` over `count` requests in one process, against the in-process
 * evaluator judging the same requests once (warm): the whole wall time, process start included, and
 * the same minus the start of `recoup --help` (the cost per request once running). Medians of 3.
 */
function linesMode(count: number) {
  if (!distIsFresh()) {
    report('compliance bench: dist/ is stale, building it (npm run build)...')
    timeProcess([resolve(ROOT, 'scripts/build-dist.js')])
  }
  const requests = complianceRequests(count)
  const dir = mkdtempSync(join(tmpdir(), 'recoup-lines-bench-'))
  const file = join(dir, 'requests.jsonl')
  writeFileSync(file, `${requests.map((r) => JSON.stringify(r)).join('\n')}\n`)
  try {
    for (const r of requests) evaluateCompliance(r) // warm
    const inProcess: number[] = []
    const lines: number[] = []
    const starts: number[] = []
    for (let i = 0; i < 3; i++) {
      const start = performance.now()
      for (const r of requests) evaluateCompliance(r)
      inProcess.push((performance.now() - start) / 1000)
      const run = timeProcess([BIN, 'compliance', 'check', '--lines', file])
      const answered = run.stdout.split('\n').filter((l) => l !== '').length
      if (answered !== count) throw new Error(`--lines answered ${answered} of ${count} requests`)
      lines.push(run.seconds)
      starts.push(timeProcess([BIN, '--help']).seconds)
    }
    return { inProcess: median(inProcess), lines: median(lines), start: median(starts) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs `decide` over `items` round-robin for `seconds`; returns decisions and the time taken. */
function run<T>(items: readonly T[], seconds: number, decide: (item: T) => unknown) {
  let decisions = 0
  const start = performance.now()
  const until = start + seconds * 1000
  while (performance.now() < until) {
    for (const item of items) decide(item)
    decisions += items.length
  }
  return { decisions, seconds: (performance.now() - start) / 1000 }
}

/**
 * `npm run bench -- compliance [--requests N] [--seconds S] [--lines N]`: evaluateCompliance over a few
 * thousand varied requests for ~3 s on one core, against the contact-window family alone (the baseline:
 * one pure rule over the same requests) reported as a ratio; then JSON-lines mode (`--lines`, default
 * 10,000 requests) against the in-process evaluator for the same requests.
 */
export async function complianceBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const count = Number(args.flags.get('requests') ?? 4000)
  const seconds = Number(args.flags.get('seconds') ?? 3)
  const requests = complianceRequests(count)
  let allowed = 0
  for (const request of requests) if (evaluateCompliance(request).outcome === 'allow') allowed++
  report(`compliance bench: ${count} requests, ${allowed} allowed; warming up...`)
  run(requests, 0.5, (r) => evaluateCompliance(r))
  const full = run(requests, seconds, (r) => evaluateCompliance(r))
  const windows = requests.map((r) => ({
    ...CONTACT_WINDOW_PRESETS.usRegF,
    proposedAt: r.action.at,
    evidenceZones: r.debtor.timeZoneEvidence.map((e) => e.timeZone),
  }))
  run(windows, 0.5, contactWindowDecision)
  const baseline = run(windows, seconds, contactWindowDecision)
  const rate = full.decisions / full.seconds
  const baselineRate = baseline.decisions / baseline.seconds
  report(`  evaluateCompliance ${Math.round(rate)}/s; contact window alone ${Math.round(baselineRate)}/s`)
  const lineCount = Number(args.flags.get('lines') ?? 10_000)
  const lines = linesMode(lineCount)
  const linesRatio = lines.lines / lines.inProcess
  const runningRatio = Math.max(0, lines.lines - lines.start) / lines.inProcess
  report(
    `  --lines, ${lineCount} requests in one process: ${round(lines.lines)} s (start ${round(lines.start)} s); ` +
      `in-process ${round(lines.inProcess)} s; ${round(linesRatio)}x (target <= ${LINES_TARGET_RATIO}x), ` +
      `${round(runningRatio)}x without the process start`,
  )
  return {
    bench: 'compliance',
    requests: count,
    allowed_share: round(allowed / count),
    decisions: full.decisions,
    seconds: round(full.seconds),
    decisions_per_second: Math.round(rate),
    target: TARGET,
    baseline_family: 'contact-window',
    baseline_decisions_per_second: Math.round(baselineRate),
    ratio: round(baselineRate / rate),
    lines_requests: lineCount,
    lines_seconds: round(lines.lines),
    lines_process_start_seconds: round(lines.start),
    in_process_seconds: round(lines.inProcess),
    lines_ratio: round(linesRatio),
    lines_ratio_without_start: round(runningRatio),
    lines_target_ratio: LINES_TARGET_RATIO,
  }
}
