import { readFileSync } from 'node:fs'
import { openStore } from '../src/store/connect.ts'
import { systemActor } from '../src/app/actor.ts'
import { REPORT_CASES, benchWindow, SQLITE_SQL } from './support/report-cases.ts'
const store = await openStore({ kind: 'sqlite', file: `/tmp/bench14b/b${process.argv[2]}.sqlite` } as never)
const tenant = await store.db.selectFrom('tenants').selectAll().where('slug', '=', 'bench').executeTakeFirstOrThrow()
store.native.pragma('cache_size = -3277')
const ctx = { store, actor: systemActor(tenant, 'bench') }
const model = await store.db.selectFrom('score_models').select('id').executeTakeFirst()
const f = { tenantId: tenant.id, modelId: model?.id ?? 0, ...benchWindow(ctx), sql: SQLITE_SQL }
const wchar = () => Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1])
const mb = (n: number) => (n / 1e6).toFixed(1)
for (const c of REPORT_CASES) {
  let w = wchar(); let t = performance.now(); await c.run(ctx); const rw = wchar() - w; const rt = performance.now() - t
  w = wchar(); t = performance.now(); store.native.prepare(c.floor(f)).all(); const fw = wchar() - w; const ft = performance.now() - t
  console.log(c.name.padEnd(22), 'report MB', mb(rw), (rt / 1000).toFixed(2), 's  floor MB', mb(fw), (ft / 1000).toFixed(2), 's')
}
await store.close()
