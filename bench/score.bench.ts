import { systemActor } from '../src/app/actor.ts'
import { baselineJson } from '../src/app/scoring/model-body.ts'
import { scoreTenantAccounts } from '../src/app/scoring/score-accounts.ts'
import { indexHistory } from '../src/core/scoring/score-features.ts'
import { trainAndEvaluate } from '../src/core/scoring/train-and-evaluate.ts'
import type { Store } from '../src/store/connect.ts'
import { insertScoreModel } from '../src/store/scoring/score-model.repository.ts'
import { loadScoringHistory } from '../src/store/scoring/scoring-history.repository.ts'
import { ensureTenant } from '../src/store/tenant.repository.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { freshBenchStore, median, report, round, timed } from './support/bench-database.ts'
import { populateSynthetic } from './support/populate-synthetic.ts'
import { SYNTHETIC_AS_OF } from './support/synthetic-portfolio.ts'

const REPEATS = 3
/** Accounts of the portfolio the model is trained on (training is not what this bench measures). */
const TRAIN_ACCOUNTS = 20_000

/** The statements loadScoringHistory sends, written out bare. */
function readStatements(tenantId: number): string[] {
  const t = `tenant_id = ${tenantId}`
  return [
    `select id, external_id, debtor_id, debt_kind, status, opened_on, due_on from accounts where ${t} order by id`,
    `select account_id, kind, amount_minor, effective_on from ledger_entries where ${t}`,
    `select account_id, taken_on, created_at, due_on, state from promises where ${t}`,
    `select account_id, created_on, status, broken_on from payment_plans where ${t}`,
    `select account_id, received_at, resolved_at from disputes where ${t}`,
    `select account_id, occurred_at, direction, result from contact_events where ${t}`,
  ]
}

/**
 * The floor: read the same rows with the same statements on the native driver, and write as many score
 * rows with bare statements (SQLite: one prepared INSERT per row in one transaction; PostgreSQL: one
 * `unnest` INSERT per 5,000 rows in one transaction), after deleting the previous ones. No features,
 * no model, no journal.
 */
async function floor(store: Store, tenantId: number, modelId: number, count: number, accountIds: number[]) {
  const rows: unknown[][] = []
  if (store.dialect === 'sqlite') {
    for (const text of readStatements(tenantId)) rows.push(store.native.prepare(text).all())
    const insert = store.native.prepare(
      `insert into account_scores (account_id, tenant_id, model_id, as_of, score, band, bad_ppm, reason_codes)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    store.native.transaction(() => {
      store.native.prepare('delete from account_scores where tenant_id = ?').run(tenantId)
      for (let i = 0; i < count; i++)
        insert.run(accountIds[i], tenantId, modelId, SYNTHETIC_AS_OF, 500, 'medium', 123_456, '["DPD"]')
    })()
    return rows
  }
  for (const text of readStatements(tenantId)) rows.push((await store.native.query(text)).rows)
  const client = await store.native.connect()
  try {
    await client.query('begin')
    await client.query('delete from account_scores where tenant_id = $1', [tenantId])
    for (let i = 0; i < count; i += 5000) {
      const ids = accountIds.slice(i, Math.min(count, i + 5000))
      await client.query(
        `insert into account_scores (account_id, tenant_id, model_id, as_of, score, band, bad_ppm, reason_codes)
         select id, $2, $3, $4, 500, 'medium', 123456, '["DPD"]' from unnest($1::bigint[]) as id`,
        [ids, tenantId, modelId, SYNTHETIC_AS_OF],
      )
    }
    await client.query('commit')
  } finally {
    client.release()
  }
  return rows
}

/** `npm run bench -- score`: score every owing account (features from the database, model, writes) vs bare reads and writes. */
export async function scoreBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const { store, dispose } = await freshBenchStore(args.db)
  try {
    const tenant = await ensureTenant(store.db, {
      slug: 'bench',
      name: 'Bench',
      kind: 'agency',
      timeZone: 'UTC',
      defaultCurrency: 'USD',
    })
    report(`score bench: populating ${args.rows} accounts on ${args.db}...`)
    await populateSynthetic(store, tenant.id, args.rows)
    const history = await loadScoringHistory(store.db, tenant.id)
    const sample = new Set(history.accounts.slice(0, TRAIN_ACCOUNTS).map((a) => a.id))
    const trained = trainAndEvaluate(
      indexHistory({
        ...history,
        accounts: history.accounts.filter((a) => sample.has(a.id)),
        entries: history.entries.filter((e) => sample.has(e.accountId)),
      }),
      'pay_30',
      { dataAsOf: SYNTHETIC_AS_OF },
    )
    const model = await store.db.transaction().execute((trx) =>
      insertScoreModel(trx, {
        tenant_id: tenant.id,
        target: 'pay_30',
        trained_by: 'system:bench',
        data_as_of: SYNTHETIC_AS_OF,
        split_on: trained.evaluation.splitOn,
        scorecard: JSON.stringify(trained.scorecard),
        baseline: baselineJson(trained.baseline),
        metrics: JSON.stringify(trained.evaluation),
        examples: JSON.stringify(trained.examples),
      }),
    )
    report(
      `  model: ${trained.scorecard.characteristics.length} characteristics, hold-out AUC ${trained.evaluation.scorecard.auc.toFixed(3)}`,
    )
    const ctx = { store, actor: systemActor(tenant, 'bench') }
    const accountIds = history.accounts.map((a) => a.id)
    const seconds: number[] = []
    const floors: number[] = []
    let scored = 0
    for (let i = 0; i < REPEATS; i++) {
      const real = await timed(() => scoreTenantAccounts(ctx, { target: 'pay_30', asOf: SYNTHETIC_AS_OF }))
      scored = real.value[0]?.scored ?? 0
      seconds.push(real.seconds)
      const bare = await timed(() => floor(store, tenant.id, model.id, scored, accountIds))
      floors.push(bare.seconds)
      report(
        `  run ${i + 1}: score ${real.seconds.toFixed(3)} s (${scored} accounts), floor ${bare.seconds.toFixed(3)} s`,
      )
    }
    const s = median(seconds)
    const f = median(floors)
    return {
      bench: 'score',
      db: args.db,
      rows: args.rows,
      scored,
      seconds: round(s),
      floor_seconds: round(f),
      ratio: round(s / f),
    }
  } finally {
    await dispose()
  }
}
