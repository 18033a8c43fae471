import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemActor } from '../src/app/actor.ts'
import { exportMetro2 } from '../src/app/bureau/export-metro2.ts'
import { AtomicFile } from '../src/bureau/atomic-file.ts'
import type { Metro2File } from '../src/core/bureau/metro2-records.ts'
import { inspectMetro2 } from '../src/core/bureau/validate-metro2.ts'
import { encodeAccounts, encodeHeader, encodeTrailer } from '../src/core/bureau/write-metro2.ts'
import type { Store } from '../src/store/connect.ts'
import { ensureTenant } from '../src/store/tenant.repository.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { freshBenchStore, median, report, round, timed } from './support/bench-database.ts'
import { populateSynthetic } from './support/populate-synthetic.ts'

const REPEATS = 3
const MONTH = '2026-06'
const NOW = new Date('2026-07-02T12:00:00Z')
const BATCH = 5000

/**
 * Makes the synthetic book furnishable: every account in dollars with a US address and a letter sent
 * in May (the Reg F wait is over by June's end), except one in ten moved to GB (left out as not US).
 */
async function makeFurnishable(store: Store, tenantId: number): Promise<void> {
  const statements = [
    `update accounts set currency = 'USD', jurisdiction = case when id % 10 = 0 then 'GB' else 'US-NY' end
      where tenant_id = ${tenantId}`,
    `insert into debtor_addresses (tenant_id, debtor_id, line1, city, region, postal_code, country, is_primary)
      select tenant_id, id, '1 Main Street', 'New York', 'NY', '10001', 'US', 1 from debtors where tenant_id = ${tenantId}`,
    `insert into contact_events (tenant_id, account_id, channel, direction, result, occurred_at)
      select tenant_id, id, 'letter', 'outbound', 'sent', '2026-05-04T15:00:00.000Z' from accounts
      where tenant_id = ${tenantId}`,
  ]
  for (const text of statements) {
    if (store.dialect === 'sqlite') store.native.prepare(text).run()
    else await store.native.query(text)
  }
  if (store.dialect === 'postgres') await store.native.query('vacuum analyze')
  else store.native.pragma('optimize')
}

/** The floor: the same records, already in an array, through the same encoder into the same file. */
function writeFromMemory(file: Metro2File, out: string): string {
  const sink = new AtomicFile(out)
  const hash = createHash('sha256')
  const emit = (bytes: Uint8Array) => {
    sink.write(bytes)
    hash.update(bytes)
  }
  emit(encodeHeader(file.header))
  for (let i = 0; i < file.accounts.length; i += BATCH)
    emit(encodeAccounts(file.accounts.slice(i, i + BATCH)))
  emit(encodeTrailer(file.trailer))
  sink.commit()
  return hash.digest('hex')
}

/** The bytes alone: the finished file's bytes from memory to the same file, 5,000 records a write. */
function writeBytes(bytes: Uint8Array, out: string): void {
  const sink = new AtomicFile(out)
  const chunk = 460 * BATCH
  for (let i = 0; i < bytes.length; i += chunk) sink.write(bytes.subarray(i, i + chunk))
  sink.commit()
}

/**
 * Both floors for the file the export just wrote: its records decoded and written again (the SHA-256
 * must be the export's), and its bytes alone. A function of its own so that what it holds (at 1M
 * accounts about 3.7 GB of decoded records) is unreachable once it returns: held in the loop of the
 * async bench below, they stayed live through the next repetition's export (V8 keeps a suspended async
 * function's locals), whose every major collection then marked them.
 */
async function measureFloors(out: string, sha256: string): Promise<{ records: number; bytes: number }> {
  const written = readFileSync(out)
  const file = inspectMetro2(written, { keepRecords: true }).file
  if (!file) throw new Error('the export wrote an invalid file')
  const floor = await timed(() => writeFromMemory(file, out))
  if (floor.value !== sha256) throw new Error('the floor wrote other bytes than the export')
  const raw = await timed(() => writeBytes(written, out))
  return { records: floor.seconds, bytes: raw.seconds }
}

/** `npm run bench -- metro2`: the month's Metro 2 export against writing the same records from memory. */
export async function metro2Bench(args: BenchArgs): Promise<Record<string, unknown>> {
  const { store, dispose } = await freshBenchStore(args.db)
  const dir = mkdtempSync(join(tmpdir(), 'recoup-metro2-bench-'))
  try {
    const tenant = await ensureTenant(store.db, {
      slug: 'bench',
      name: 'Bench Collections',
      kind: 'agency',
      timeZone: 'America/New_York',
      defaultCurrency: 'USD',
    })
    report(`metro2 bench: populating ${args.rows} accounts on ${args.db}...`)
    await populateSynthetic(store, tenant.id, args.rows)
    await makeFurnishable(store, tenant.id)
    const ctx = { store, actor: systemActor(tenant, 'bench') }
    const out = join(dir, 'metro2.dat')
    const seconds: number[] = []
    const floors: number[] = []
    const byteFloors: number[] = []
    let furnished = 0
    let excluded = 0
    let bytes = 0
    let memory = 0
    for (let i = 0; i < REPEATS; i++) {
      const before = process.memoryUsage().rss
      const real = await timed(() => exportMetro2(ctx, { month: MONTH, out, now: NOW, batchSize: BATCH }))
      memory = Math.max(memory, process.memoryUsage().rss - before)
      seconds.push(real.seconds)
      ;({ furnished, excluded, bytes } = real.value)
      const floor = await measureFloors(out, real.value.sha256)
      floors.push(floor.records)
      byteFloors.push(floor.bytes)
      report(
        `  run ${i + 1}: export ${real.seconds.toFixed(3)} s, records from memory ${floor.records.toFixed(3)} s, ` +
          `bytes from memory ${floor.bytes.toFixed(3)} s`,
      )
    }
    report(`  ${furnished} furnished, ${excluded} left out, ${bytes} bytes`)
    const s = median(seconds)
    const f = median(floors)
    const b = median(byteFloors)
    return {
      bench: 'metro2',
      db: args.db,
      rows: args.rows,
      furnished,
      excluded,
      bytes,
      seconds: round(s),
      floor_seconds: round(f),
      ratio: round(s / f),
      bytes_floor_seconds: round(b),
      bytes_ratio: round(s / b),
      accounts_per_second: Math.round(args.rows / s),
      rss_growth_mb: Math.round(memory / 1e6),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await dispose()
  }
}
