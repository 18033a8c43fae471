import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import type { AppContext } from '../../src/app/app-context.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { reversePayment } from '../../src/app/payments/reverse-payment.ts'
import { getChannelEffectiveness } from '../../src/app/reports/get-channel-effectiveness.ts'
import { getContactRates } from '../../src/app/reports/get-contact-rates.ts'
import { getCostToCollect } from '../../src/app/reports/get-cost-to-collect.ts'
import { getRecovery } from '../../src/app/reports/get-recovery.ts'
import { recordCallOutcome } from '../../src/app/tasks/record-call-outcome.ts'
import { updateTenantSettings } from '../../src/app/tenants/tenant-settings.ts'
import { localDateAt } from '../../src/core/calendar/local-date.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import { insertCallTask } from '../../src/store/tasks/call-task.repository.ts'
import { findTenantById, type Tenant } from '../../src/store/tenant.repository.ts'
import { DEMO_AS_OF, loadDemo } from '../engine/engine-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runDaily } from '../support/run-daily.ts'

const rowsOf = (t: { columns: string[]; rows: (string | number)[][] }) =>
  t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])))

const WINDOW = { from: '2025-12-01', to: '2026-03-31' }
/** The UTC hours the test sends at: 08:00 to 11:00 in New York (EST) on the demo day. */
const SENT_HOURS = ['13', '14', '15', '16']

describeEachDatabase('recovery, cost, contact and channel reports on the demo portfolio', ({ store }) => {
  it('agree with plain queries on the books after a daily run, messages, calls and payments', async () => {
    let tenant: Tenant = await loadDemo(store(), 600, 'sql-reports')
    const ctx = (): AppContext => ({ store: store(), actor: systemActor(tenant, 'test') })
    await runDaily(store(), { tenant, asOf: DEMO_AS_OF, playbooks: loadDefaultPlaybooks() })
    const db = store().db

    // The dispatcher's work, as it leaves the rows: 60 emails and letters sent at four hours, each with
    // its outbound contact event; one inbound reply.
    const due = await db
      .selectFrom('outbox as o')
      .innerJoin('accounts as a', 'a.id', 'o.account_id')
      .select([
        'o.id',
        'o.account_id',
        'o.channel',
        'o.payload',
        'a.external_id',
        'a.currency',
        'a.debtor_id',
      ])
      .where('o.tenant_id', '=', tenant.id)
      .where('o.status', '=', 'pending')
      .where('o.channel', 'in', ['email', 'letter'])
      .orderBy('o.id')
      .limit(60)
      .execute()
    expect(new Set(due.map((d) => d.channel))).toEqual(new Set(['email', 'letter']))
    for (const [i, row] of due.entries()) {
      const sentAt = `${DEMO_AS_OF}T${SENT_HOURS[i % 4]}:15:00.000Z`
      await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: sentAt })
        .where('id', '=', row.id)
        .execute()
      await db
        .insertInto('contact_events')
        .values({
          tenant_id: tenant.id,
          account_id: row.account_id,
          contact_point_id: null,
          channel: row.channel as 'email',
          direction: 'outbound',
          result: 'sent',
          occurred_at: sentAt,
          outbox_id: row.id,
        })
        .execute()
    }
    // One consolidated letter names two USD accounts: it costs once.
    const [one, two] = due.filter((d) => d.channel === 'letter' && d.currency === 'USD')
    if (!one || !two) throw new Error('the demo day has fewer than two USD letters')
    const message = await db
      .insertInto('messages')
      .values({
        tenant_id: tenant.id,
        debtor_id: one.debtor_id,
        channel: 'letter',
        contact_point_id: null,
        idempotency_key: 'sql-reports-letter',
        recipient: 'print',
        subject: null,
        body_text: null,
        render_input: '{}',
        provider: 'print',
        status: 'sent',
        next_attempt_at: `${DEMO_AS_OF}T13:15:00.000Z`,
        provider_message_id: null,
        error: null,
        compliance: '{}',
        claimed_by: null,
        lease_until: null,
        reply_token: 'sql-reports-letter',
        sent_at: `${DEMO_AS_OF}T13:15:00.000Z`,
        updated_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .updateTable('outbox')
      .set({ message_id: message.id })
      .where('id', 'in', [one.id, two.id])
      .execute()
    const first = due[0] as (typeof due)[number]
    await db
      .insertInto('contact_events')
      .values({
        tenant_id: tenant.id,
        account_id: first.account_id,
        contact_point_id: null,
        channel: first.channel as 'email',
        direction: 'inbound',
        result: 'responded',
        occurred_at: `${DEMO_AS_OF}T18:00:00.000Z`,
        outbox_id: null,
      })
      .execute()

    // Payments: six messaged accounts pay within the week, one pays three weeks on; one payment is reversed.
    for (const [i, row] of due.slice(0, 7).entries())
      await postPayment(ctx(), {
        account: row.external_id,
        amount: '1.00',
        reference: `sql-${i}`,
        receivedOn: i === 6 ? '2026-03-23' : '2026-03-05',
        source: 'api',
      })
    await reversePayment(ctx(), { reference: 'sql-0', reason: 'returned', effectiveOn: '2026-03-06' })

    // Four calls with their outcomes, through the use case.
    const outcomes = ['no_answer', 'wrong_party', 'right_party_contact', 'promise_to_pay'] as const
    for (const [i, outcome] of outcomes.entries()) {
      const row = due[10 + i] as (typeof due)[number]
      const task = await insertCallTask(db, {
        tenantId: tenant.id,
        accountId: row.account_id,
        debtorId: row.debtor_id,
        contactPointId: null,
        outboxId: null,
        followsTaskId: null,
        dueAt: `${DEMO_AS_OF}T14:00:00.000Z`,
        priority: 1,
        script: 'call',
      })
      await recordCallOutcome(ctx(), {
        task: task ?? 0,
        outcome,
        calledAt: `${DEMO_AS_OF}T15:0${i}:00.000Z`,
        ...(outcome === 'promise_to_pay'
          ? { amount: '5.00', currency: row.currency, date: '2026-03-20' }
          : {}),
      })
    }

    // Recovery: opening and collected against plain sums over the ledger.
    const recovery = rowsOf(await getRecovery(ctx(), WINDOW))
    for (const month of ['2026-01', '2026-03']) {
      const start = `${month}-01`
      const end = month === '2026-01' ? '2026-01-31' : '2026-03-31'
      const opening = await db
        .selectFrom('ledger_entries as e')
        .innerJoin('accounts as a', 'a.id', 'e.account_id')
        .select(['a.currency', (eb) => eb.fn.sum<number>('e.amount_minor').as('owed')])
        .where('e.tenant_id', '=', tenant.id)
        .where('e.effective_on', '<', start)
        .where('e.component', '<>', 'credit')
        .groupBy('a.currency')
        .execute()
      const payments = await db
        .selectFrom('ledger_entries as e')
        .innerJoin('accounts as a', 'a.id', 'e.account_id')
        .leftJoin('ledger_entries as r', 'r.id', 'e.reverses_id')
        .select(['a.currency', (eb) => eb.fn.sum<number>('e.amount_minor').as('paid')])
        .where('e.tenant_id', '=', tenant.id)
        .where('e.effective_on', '>=', start)
        .where('e.effective_on', '<=', end)
        .where((eb) => eb.or([eb('e.kind', '=', 'payment'), eb('r.kind', '=', 'payment')]))
        .groupBy('a.currency')
        .execute()
      for (const o of opening) {
        const row = recovery.find((r) => r.month === month && r.currency === o.currency)
        expect(row?.opening_minor, `${month} ${o.currency}`).toBe(Number(o.owed))
        const paid = payments.find((p) => p.currency === o.currency)
        expect(row?.collected_minor, `${month} ${o.currency}`).toBe(0 - Number(paid?.paid ?? 0))
      }
    }
    const usdMarch = recovery.find((r) => r.month === '2026-03' && r.currency === 'USD')
    expect(Number(usdMarch?.recovery_rate)).toBeGreaterThanOrEqual(0)

    // Channel effectiveness: the same figures from the raw rows in JS.
    const effect = rowsOf(await getChannelEffectiveness(ctx(), WINDOW))
    const entries = await db
      .selectFrom('ledger_entries as e')
      .leftJoin('ledger_entries as r', 'r.id', 'e.reverses_id')
      .select(['e.account_id', 'e.amount_minor', 'e.effective_on'])
      .where('e.tenant_id', '=', tenant.id)
      .where((eb) => eb.or([eb('e.kind', '=', 'payment'), eb('r.kind', '=', 'payment')]))
      .execute()
    const collectedWithin = (accountId: number, last: string) =>
      entries
        .filter((e) => e.account_id === accountId && e.effective_on >= DEMO_AS_OF && e.effective_on <= last)
        .reduce((sum, e) => sum - Number(e.amount_minor), 0)
    const payingWithin = (last: string) =>
      new Set(due.filter((d) => collectedWithin(d.account_id, last) > 0).map((d) => d.account_id))
    // The reversed payment does not count; the one three weeks on counts only with a wider look-ahead.
    const firstSeven = due.slice(0, 7).map((d) => d.account_id)
    expect(payingWithin('2026-03-09').has(firstSeven[0] as number)).toBe(false)
    expect(payingWithin('2026-03-09').has(firstSeven[6] as number)).toBe(false)
    expect(payingWithin('2026-04-01').has(firstSeven[6] as number)).toBe(true)
    for (const id of firstSeven.slice(1, 6)) expect(payingWithin('2026-03-09').has(id)).toBe(true)
    const agreesWithin = (table: typeof effect, last: string) => {
      for (const channel of ['email', 'letter']) {
        const sent = due.filter((d) => d.channel === channel)
        const paying = new Set(
          sent.filter((d) => collectedWithin(d.account_id, last) > 0).map((d) => d.account_id),
        )
        const rows = table.filter((r) => r.dimension === 'channel' && r.value === channel)
        const sum = (column: string) => rows.reduce((s, r) => s + Number(r[column]), 0)
        expect(sum('messages'), channel).toBe(sent.length)
        expect(sum('accounts'), channel).toBe(new Set(sent.map((d) => d.account_id)).size)
        expect(sum('accounts_paying'), channel).toBe(paying.size)
        expect(sum('collected_minor'), channel).toBe(
          sent.reduce((s, d) => s + Math.max(0, collectedWithin(d.account_id, last)), 0),
        )
      }
    }
    agreesWithin(effect, '2026-03-09')
    const hours = effect.filter((r) => r.dimension === 'hour')
    expect(new Set(hours.map((r) => r.value))).toEqual(new Set(['08', '09', '10', '11']))
    expect(hours.reduce((s, r) => s + Number(r.messages), 0)).toBe(60)
    const templates = new Set(
      due.map((d) => {
        const action = JSON.parse(d.payload) as { template?: string; document?: string }
        return action.template ?? action.document
      }),
    )
    expect(new Set(effect.filter((r) => r.dimension === 'template').map((r) => r.value))).toEqual(templates)
    agreesWithin(rowsOf(await getChannelEffectiveness(ctx(), { ...WINDOW, withinDays: 30 })), '2026-04-01')
    await expect(getChannelEffectiveness(ctx(), { withinDays: -1 })).rejects.toMatchObject({
      code: 'invalid_option',
    })

    // Contacts: the calls and the messages' events.
    const contacts = rowsOf(await getContactRates(ctx(), WINDOW))
    const call = contacts.find((r) => r.month === '2026-03' && r.channel === 'call')
    expect(call).toMatchObject({
      attempts: 4,
      conversations: 3,
      calls_worked: 4,
      right_party_contacts: 2,
      wrong_party: 1,
      promises: 1,
      contact_rate: 0.75,
      rpc_rate: 0.5,
      promise_per_rpc_rate: 0.5,
    })
    for (const channel of ['email', 'letter']) {
      const row = contacts.find((r) => r.month === '2026-03' && r.channel === channel)
      expect(row?.attempts, channel).toBe(due.filter((d) => d.channel === channel).length)
      expect(row?.rpc_rate, channel).toBe('')
    }
    expect(contacts.reduce((s, r) => s + Number(r.responses), 0)).toBe(1)

    // Cost to collect: nothing configured prices nothing; an email price prices the USD emails only.
    const unpriced = rowsOf(await getCostToCollect(ctx(), WINDOW))
    expect(unpriced.every((r) => r.contact_cost_minor === 0)).toBe(true)
    expect(unpriced.reduce((s, r) => s + Number(r.unpriced_contacts), 0)).toBe(63)
    await updateTenantSettings(ctx(), { ifMatch: '*', costs: { emailMinor: 7, letterMinor: 0 } })
    tenant = (await findTenantById(db, tenant.id)) as Tenant
    const costed = await getCostToCollect(ctx(), WINDOW)
    expect(costed.notes.join(' ')).toContain('Not configured: the unit cost of sms, call')
    const march = rowsOf(costed).filter((r) => r.month === '2026-03')
    const usd = march.find((r) => r.currency === 'USD')
    const usdEmails = due.filter((d) => d.channel === 'email' && d.currency === 'USD').length
    const usdLetters = due.filter((d) => d.channel === 'letter' && d.currency === 'USD').length - 1
    expect(usd).toMatchObject({ emails: usdEmails, letters: usdLetters, contact_cost_minor: usdEmails * 7 })
    expect(usd?.collected_minor).toBe(usdMarch?.collected_minor)
    const calls = march.reduce((s, r) => s + Number(r.calls), 0)
    expect(calls).toBe(4)
    const others = march.filter((r) => r.currency !== 'USD')
    expect(others.reduce((s, r) => s + Number(r.unpriced_contacts), 0)).toBe(
      others.reduce((s, r) => s + Number(r.emails) + Number(r.letters) + Number(r.calls), 0),
    )
    expect(localDateAt(new Date(`${DEMO_AS_OF}T16:15:00Z`), tenant.time_zone)).toBe(DEMO_AS_OF)
  }, 120_000)
})
