import { agingBench } from './aging.bench.ts'
import { complianceBench } from './compliance.bench.ts'
import { importBench } from './import.bench.ts'
import { paymentsBench } from './payments.bench.ts'
import { runBench } from './run.bench.ts'
import { parseBenchArgs } from './support/bench-args.ts'

const BENCHES: Record<string, (args: ReturnType<typeof parseBenchArgs>) => Promise<Record<string, unknown>>> =
  {
    aging: agingBench,
    compliance: complianceBench,
    import: importBench,
    payments: paymentsBench,
    run: runBench,
  }

const args = parseBenchArgs(process.argv.slice(2))
const bench = BENCHES[args.name]
if (!bench) {
  console.error(`unknown bench "${args.name}"; available: ${Object.keys(BENCHES).join(', ')}`)
  process.exit(2)
}
const result = await bench(args)
// The last line of stdout is the machine-readable result.
console.log(JSON.stringify(result))
