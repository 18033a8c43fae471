import { agingBench } from './aging.bench.ts'
import { apiBench } from './api.bench.ts'
import { complianceBench } from './compliance.bench.ts'
import { dispatchBench } from './dispatch.bench.ts'
import { documentsBench } from './documents.bench.ts'
import { importBench } from './import.bench.ts'
import { metro2Bench } from './metro2.bench.ts'
import { paymentsBench } from './payments.bench.ts'
import { reportsBench } from './reports.bench.ts'
import { runBench } from './run.bench.ts'
import { scoreBench } from './score.bench.ts'
import { startupBench } from './startup.bench.ts'
import { type BenchArgs, parseBenchArgs } from './support/bench-args.ts'
import { webBench } from './web.bench.ts'

/** Every benchmark, with the flags it reads beyond the common --rows and --db. */
const BENCHES: Record<
  string,
  { run: (args: BenchArgs) => Promise<Record<string, unknown>>; flags: string[] }
> = {
  aging: { run: agingBench, flags: [] },
  api: { run: apiBench, flags: ['accounts', 'seconds'] },
  compliance: { run: complianceBench, flags: ['requests', 'seconds', 'lines'] },
  documents: { run: documentsBench, flags: ['accounts'] },
  dispatch: { run: dispatchBench, flags: ['messages'] },
  import: { run: importBench, flags: [] },
  metro2: { run: metro2Bench, flags: [] },
  payments: { run: paymentsBench, flags: [] },
  reports: { run: reportsBench, flags: ['repeats', 'only'] },
  run: { run: runBench, flags: ['workers'] },
  score: { run: scoreBench, flags: [] },
  startup: { run: startupBench, flags: ['repetitions'] },
  web: { run: webBench, flags: ['accounts', 'repetitions'] },
}

/** The bench to run and its parsed arguments; a usage error ends the process with one line, exit 2. */
function chosenBench(argv: readonly string[]): {
  bench: (args: BenchArgs) => Promise<Record<string, unknown>>
  args: BenchArgs
} {
  try {
    const name = argv[0] ?? ''
    const entry = Object.hasOwn(BENCHES, name) ? BENCHES[name] : undefined
    if (!entry) throw new Error(`unknown bench "${name}"; available: ${Object.keys(BENCHES).join(', ')}`)
    return { bench: entry.run, args: parseBenchArgs(argv, entry.flags) }
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(2)
  }
}

const { bench, args } = chosenBench(process.argv.slice(2))
const result = await bench(args)
// The last line of stdout is the machine-readable result.
console.log(JSON.stringify(result))
