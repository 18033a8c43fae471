import { loadDemo } from '/work/main/src/app/demo/load-demo.ts'
import { scoreDemoBook } from '/work/main/src/app/demo/demo-history.ts'
import { openStore } from '/work/main/src/store/connect.ts'
import { findTenantBySlug } from '/work/main/src/store/tenant.repository.ts'
import { parseDatabaseConfig } from '/work/main/src/config/database-config.ts'
const store = await openStore(parseDatabaseConfig({ DATABASE_URL: 'sqlite:/tmp/dm/x.db' }))
await loadDemo(store, { accounts: Number(process.env.N), seed: 1, asOf: '2026-11-26', by: 'test' })
const tenant = await findTenantBySlug(store.db, 'demo')
console.log(await scoreDemoBook(store, tenant!, '2026-11-26'))
const rows = await store.db.selectFrom('account_scores as s').innerJoin('accounts as a','a.id','s.account_id').select(['a.external_id','s.score','s.band']).execute()
console.log(rows.length, rows.slice(0,3))
const a = await store.db.selectFrom('accounts').select(['external_id','debt_kind','status']).where('external_id','in',['demo-s1-a00000261','demo-s1-a00000196']).execute()
console.log(a)
await store.close?.()
