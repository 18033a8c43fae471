import type { FastifyInstance } from 'fastify'
import { sql, type Transaction } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { reversePayment } from '../../src/app/payments/reverse-payment.ts'
import { getDashboard } from '../../src/app/reports/get-dashboard.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { insertMessage } from '../../src/store/outreach/message.repository.ts'
import type { Database } from '../../src/store/schema.ts'
import { ensureTenant, type Tenant } from '../../src/store/tenant.repository.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { apiOperations, responseChecker } from '../support/openapi-operations.ts'

const SLUG = 'dash'
const AS_OF = '2026-03-15'

/** The book: who owes what, due when, for which client, in which currency. */
const ACCOUNTS = [
  { id: 'N-1', client: 'north', currency: 'USD', dueOn: '2026-03-10', owed: 20_000, stage: 'soft_1' },
  { id: 'N-2', client: 'north', currency: 'EUR', dueOn: '2026-01-01', owed: 30_000, stage: 'hard' },
  { id: 'S-1', client: 'south', currency: 'USD', dueOn: '2025-10-01', owed: 50_000, stage: 'soft_1' },
  { id: 'X-1', client: null, currency: 'USD', dueOn: '2026-04-01', owed: 10_000, stage: null },
] as const

/** Payments: account, amount, day received, and whether it is reversed later. */
const PAYMENTS = [
  { account: 'N-1', amount: 2_000, on: '2026-03-02', reversed: false },
  { account: 'N-1', amount: 1_000, on: '2026-02-10', reversed: false },
  { account: 'N-1', amount: 500, on: '2026-03-05', reversed: true },
  { account: 'N-2', amount: 3_000, on: '2026-03-03', reversed: false },
  { account: 'S-1', amount: 5_000, on: '2026-02-27', reversed: false },
  { account: 'X-1', amount: 1_000, on: '2026-01-31', reversed: false },
] as const

/** Promises: account, due day, state. The 90-day window is 2025-12-16 to 2026-03-15. */
const PROMISES = [
  ['N-1', '2026-03-01', 'kept'],
  ['N-1', '2026-02-01', 'kept'],
  ['N-2', '2025-12-16', 'kept'],
  ['S-1', '2026-01-10', 'broken'],
  ['S-1', '2026-03-14', 'partially_kept'],
  ['X-1', '2026-03-15', 'open'],
  ['N-1', '2025-12-15', 'broken'],
  ['S-1', '2026-03-16', 'broken'],
] as const

/** Refusals: account, when, where checked, the rules. The 30-day window starts 2026-02-14 05:00Z (NY). */
const REFUSALS = [
  ['N-1', '2026-03-10T12:00:00.000Z', 'decision', ['rule.window']],
  ['S-1', '2026-02-14T05:00:00.000Z', 'decision', ['rule.window', 'rule.cap']],
  ['S-1', '2026-02-14T04:59:59.999Z', 'decision', ['rule.old']],
  ['N-2', '2026-03-15T12:00:00.000Z', 'send', ['rule.optout']],
  ['X-1', '2026-03-16T05:00:00.000Z', 'send', ['rule.future']],
  ['N-1', '2026-03-01T12:00:00.000Z', 'send', ['rule.window']],
] as const

/** Days from the due date to AS_OF, and the bucket the aging code puts that in. */
function bucketOf(dueOn: string): string {
  const dpd = (Date.parse(`${AS_OF}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000
  if (dpd <= 0) return 'current'
  for (const [low, high] of [
    [1, 30],
    [31, 60],
    [61, 90],
    [91, 120],
  ] as const)
    if (dpd <= high) return `${low}-${high}`
  return '121+'
}

/** Everything the dashboard should say, computed from the tables above for the clients `seen`. */
function expected(seen: (client: string | null) => boolean) {
  const accounts = ACCOUNTS.filter((a) => seen(a.client))
  const ids = new Set<string>(accounts.map((a) => a.id))
  const currencyOf = (id: string) => ACCOUNTS.find((a) => a.id === id)?.currency ?? ''
  const paid = (id: string) =>
    PAYMENTS.filter((p) => p.account === id && !p.reversed && p.on <= AS_OF).reduce((s, p) => s + p.amount, 0)
  const aging = new Map<string, Map<string, { accounts: number; balanceMinor: number }>>()
  for (const a of accounts) {
    const balance = a.owed - paid(a.id)
    const row = aging.get(a.currency) ?? new Map()
    const cell = row.get(bucketOf(a.dueOn)) ?? { accounts: 0, balanceMinor: 0 }
    row.set(bucketOf(a.dueOn), { accounts: cell.accounts + 1, balanceMinor: cell.balanceMinor + balance })
    aging.set(a.currency, row)
  }
  const window = (from: string, to: string) => {
    const by = new Map<
      string,
      { payments: number; reversals: number; grossMinor: number; reversedMinor: number }
    >()
    for (const p of PAYMENTS.filter((x) => ids.has(x.account) && x.on >= from && x.on <= to)) {
      const c = currencyOf(p.account)
      const e = by.get(c) ?? { payments: 0, reversals: 0, grossMinor: 0, reversedMinor: 0 }
      by.set(c, {
        payments: e.payments + 1,
        reversals: e.reversals + (p.reversed ? 1 : 0),
        grossMinor: e.grossMinor + p.amount,
        reversedMinor: e.reversedMinor + (p.reversed ? p.amount : 0),
      })
    }
    return [...by.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, e]) => ({ currency, ...e, netMinor: e.grossMinor - e.reversedMinor }))
  }
  const inPromiseWindow = PROMISES.filter(([id, due]) => ids.has(id) && due >= '2025-12-16' && due <= AS_OF)
  const count = (state: string) => inPromiseWindow.filter(([, , s]) => s === state).length
  const refusals = REFUSALS.filter(
    ([id, at]) => ids.has(id) && at >= '2026-02-14T05:00:00.000Z' && at < '2026-03-16T04:00:00.000Z',
  )
  const rules = new Map<string, { atDecision: number; atSend: number }>()
  for (const [, , where, list] of refusals)
    for (const rule of list) {
      const e = rules.get(rule) ?? { atDecision: 0, atSend: 0 }
      if (where === 'decision') e.atDecision++
      else e.atSend++
      rules.set(rule, e)
    }
  const stages = new Map<string | null, number>()
  for (const a of accounts) stages.set(a.stage, (stages.get(a.stage) ?? 0) + 1)
  return {
    aging,
    stages,
    thisMonth: window('2026-03-01', AS_OF),
    lastMonth: window('2026-02-01', '2026-02-28'),
    promises: {
      kept: count('kept'),
      broken: count('broken'),
      partiallyKept: count('partially_kept'),
      open: count('open'),
    },
    refused: refusals.length,
    rules,
  }
}

type Dashboard = Awaited<ReturnType<typeof getDashboard>>

/** Compares a dashboard with the expectation. */
function check(d: Dashboard, e: ReturnType<typeof expected>) {
  const aging = new Map(
    d.aging.totals.map((row) => [
      row.currency,
      new Map(
        row.buckets
          .filter((b) => b.accounts > 0)
          .map((b) => [b.label, { accounts: b.accounts, balanceMinor: b.balanceMinor }]),
      ),
    ]),
  )
  expect(aging).toEqual(e.aging)
  expect(new Map(d.stages.map((s) => [s.stage, s.accounts]))).toEqual(e.stages)
  expect(d.recovered.thisMonth).toEqual({ from: '2026-03-01', to: AS_OF, byCurrency: e.thisMonth })
  expect(d.recovered.lastMonth).toEqual({ from: '2026-02-01', to: '2026-02-28', byCurrency: e.lastMonth })
  const decided = e.promises.kept + e.promises.broken
  expect(d.promises).toEqual({
    from: '2025-12-16',
    to: AS_OF,
    ...e.promises,
    keptRate: decided === 0 ? null : Math.round((e.promises.kept / decided) * 10_000) / 10_000,
  })
  expect(d.complianceBlocks.refused).toBe(e.refused)
  expect(
    new Map(d.complianceBlocks.byRule.map((r) => [r.ruleId, { atDecision: r.atDecision, atSend: r.atSend }])),
  ).toEqual(e.rules)
  for (const r of d.complianceBlocks.byRule) expect(r.total).toBe(r.atDecision + r.atSend)
}

async function seed(trx: Transaction<Database>, tenant: Tenant) {
  const accounts = new Map(
    (
      await trx
        .selectFrom('accounts')
        .select(['id', 'external_id', 'debtor_id'])
        .where('tenant_id', '=', tenant.id)
        .execute()
    ).map((a) => [a.external_id, a]),
  )
  const account = (id: string) => {
    const found = accounts.get(id)
    if (!found) throw new Error(id)
    return found
  }
  // The payments re-decided the accounts; the stages are the book's.
  await trx.deleteFrom('strategy_states').where('tenant_id', '=', tenant.id).execute()
  for (const a of ACCOUNTS)
    if (a.stage)
      await trx
        .insertInto('strategy_states')
        .values({
          account_id: account(a.id).id,
          tenant_id: tenant.id,
          playbook_id: 'test',
          playbook_version: 1,
          variant: 'A',
          stage: a.stage,
          stage_entered_on: '2026-03-01',
          next_step: 0,
          updated_on: '2026-03-01',
        })
        .execute()
  for (const [id, dueOn, state] of PROMISES)
    await trx
      .insertInto('promises')
      .values({ tenant_id: tenant.id, account_id: account(id).id, amount_minor: 100, due_on: dueOn, state })
      .execute()
  for (const [n, [id, at, where, rules]] of REFUSALS.entries()) {
    const acc = account(id)
    const compliance = JSON.stringify({
      outcome: 'block',
      reasons: rules.map((ruleId) => ({ ruleId, citation: 'test', message: `refused by ${ruleId}` })),
      packs: [],
    })
    const { id: decisionId } = await trx
      .insertInto('decisions')
      .values({
        tenant_id: tenant.id,
        account_id: acc.id,
        as_of: at.slice(0, 10),
        trigger: 'event',
        trigger_ref: `refusal:${n}`,
        run_id: null,
        playbook_id: 'test',
        playbook_version: 1,
        variant: 'A',
        from_stage: null,
        to_stage: 'soft_1',
        trace: '{}',
        error: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    // A send-time refusal leaves the decision-time "allow" on its outbox row: counted once, as its message.
    const { id: outboxId } = await trx
      .insertInto('outbox')
      .values({
        tenant_id: tenant.id,
        account_id: acc.id,
        decision_id: decisionId,
        idempotency_key: `refusal:${n}`,
        action_type: 'send_message',
        channel: 'email',
        contact_point_id: null,
        payload: '{"type":"send_message","channel":"email","template":"reminder_1","tone":"friendly"}',
        status: 'blocked',
        scheduled_at: null,
        compliance: where === 'decision' ? compliance : '{"outcome":"allow","reasons":[],"packs":[]}',
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (where === 'send') {
      const messageId = await insertMessage(trx, {
        tenantId: tenant.id,
        debtorId: acc.debtor_id,
        channel: 'email',
        contactPointId: null,
        idempotencyKey: `refusal:${n}:suppressed`,
        recipient: '',
        subject: null,
        bodyText: '',
        renderInput: '{}',
        compliance,
        replyToken: `token-${n}`,
        status: 'suppressed',
        claimedBy: null,
        leaseUntil: null,
        nowIso: at,
        rows: [{ outboxId, accountId: acc.id }],
        refusal: rules.join('; '),
      })
      await sql`update messages set created_at = ${at} where id = ${messageId}`.execute(trx)
    }
  }
  // Twelve runs: eleven up to AS_OF (ten shown, newest day first) and one after it.
  for (let n = 0; n < 12; n++) {
    const day = new Date(Date.parse('2026-03-05T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10)
    await trx
      .insertInto('runs')
      .values({
        tenant_id: tenant.id,
        as_of: day,
        status: 'completed',
        batch_size: 100,
        playbooks: '[]',
        finished_at: `${day}T06:00:00.000Z`,
        counts: JSON.stringify({ accounts: 4, decisions: 4, stageMoves: n, actionsBlocked: 1, errors: 0 }),
      })
      .execute()
  }
}

describeEachDatabase('dashboard', ({ store }) => {
  let app: FastifyInstance
  let tenant: Tenant

  beforeAll(async () => {
    tenant = await ensureTenant(store().db, {
      slug: SLUG,
      name: SLUG,
      kind: 'agency',
      timeZone: 'America/New_York',
      defaultCurrency: 'USD',
    })
    await createIntakeWriter(store(), tenant.id).write(
      ACCOUNTS.map((a, n) => ({
        line: n + 2,
        debtor: { externalId: `d-${a.id}`, kind: 'person' as const, name: `Debtor ${a.id}` },
        account: {
          externalId: a.id,
          ...(a.client ? { clientExternalId: a.client, clientName: `Client ${a.client}` } : {}),
          originalCreditor: 'Creditor',
          currentCreditor: 'Creditor',
          debtKind: 'consumer' as const,
          currency: a.currency,
          jurisdiction: 'US-NY',
          openedOn: '2025-09-01',
          dueOn: a.dueOn,
          status: 'open' as const,
        },
        entries: [
          {
            kind: 'charge' as const,
            amountMinor: a.owed,
            effectiveOn: '2025-09-01',
            externalId: 'principal',
          },
        ],
      })),
    )
    const ctx = { store: store(), actor: systemActor(tenant, 'test') }
    for (const [n, p] of PAYMENTS.entries()) {
      const reference = `DASH-${n}`
      await postPayment(ctx, {
        account: p.account,
        amount: (p.amount / 100).toFixed(2),
        reference,
        receivedOn: p.on,
        source: 'api',
      })
      if (p.reversed) await reversePayment(ctx, { reference, reason: 'bounced', effectiveOn: p.on })
    }
    await store()
      .db.transaction()
      .execute((trx) => seed(trx, tenant))
    app = await buildServer(store(), { logger: false })
  })
  afterAll(async () => app?.close())

  it('answers the figures computed from the book, per currency, as its schema says', async () => {
    const as = await injectAs(app, store(), SLUG, 'collector')
    const response = await as(`/api/v1/tenants/${SLUG}/dashboard?asOf=${AS_OF}`)
    const operation = (await apiOperations(app)).find((o) => o.path.endsWith('/dashboard'))
    if (!operation) throw new Error('no dashboard operation')
    expect(responseChecker()(operation, response).join('\n')).toEqual('')
    const dashboard = response.json() as Dashboard
    check(
      dashboard,
      expected(() => true),
    )
    expect(dashboard.promises.keptRate).toBe(0.75)
    expect(dashboard.runs.map((r) => r.asOf)).toEqual(
      Array.from({ length: 10 }, (_, n) => `2026-03-${String(15 - n).padStart(2, '0')}`),
    )
    expect(dashboard.runs[0]?.summary).toMatchObject({ accounts: 4, stageMoves: 10 })
  })

  it("shows a user limited to some clients only their accounts' figures", async () => {
    const north = await store()
      .db.selectFrom('clients')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('external_id', '=', 'north')
      .executeTakeFirstOrThrow()
    const actor = { ...systemActor(tenant, 'test'), role: 'collector' as const, clientIds: [north.id] }
    const dashboard = await getDashboard({ store: store(), actor }, { asOf: AS_OF })
    check(
      dashboard,
      expected((client) => client === 'north'),
    )
    const none = await getDashboard({ store: store(), actor: { ...actor, clientIds: [] } }, { asOf: AS_OF })
    expect(none.aging.totals).toEqual([])
    expect(none.stages).toEqual([])
    expect(none.complianceBlocks.byRule).toEqual([])
  })

  it('refuses a bad day and answers today by default', async () => {
    const as = await injectAs(app, store(), SLUG, 'read_only')
    const bad = await as(`/api/v1/tenants/${SLUG}/dashboard?asOf=2026-02-30`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('invalid_date')
    const today = await as(`/api/v1/tenants/${SLUG}/dashboard`)
    expect(today.statusCode).toBe(200)
    expect((await as('/api/v1/tenants/other/dashboard')).statusCode).toBe(404)
  })
})
