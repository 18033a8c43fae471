import { contactWindowDecision } from '../src/core/compliance/contact-window.ts'
import { CONTACT_WINDOW_PRESETS } from '../src/core/compliance/contact-window-presets.ts'
import { evaluateCompliance } from '../src/core/compliance/evaluate-compliance.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { report, round } from './support/bench-database.ts'
import { complianceRequests } from './support/compliance-requests.ts'

const TARGET = 200_000

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
 * `npm run bench -- compliance [--requests N] [--seconds S]`: evaluateCompliance over a few thousand
 * varied requests for ~3 s on one core, against the contact-window family alone (the baseline: one pure
 * rule over the same requests) reported as a ratio.
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
  }
}
