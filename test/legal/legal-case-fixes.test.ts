import { beforeAll, expect, it } from 'vitest'
import type { Actor, Role } from '../../src/app/actor.ts'
import { closeCase, judgmentShares } from '../../src/app/legal/close-case.ts'
import { openCase } from '../../src/app/legal/open-case.ts'
import { listCases } from '../../src/app/legal/show-case.ts'
import { recordCallOutcome } from '../../src/app/tasks/record-call-outcome.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { ensureTenant, type Tenant } from '../../src/store/tenant.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'

function record(line: number, externalId: string, debtor: string, dueOn: string, amountMinor: number) {
  return {
    line,
    debtor: {
      externalId: debtor,
      kind: 'person' as const,
      name: `Debtor ${debtor}`,
      addresses: [{ line1: '1 High Street', city: 'Town', country: 'GB', timeZone: 'Europe/London' }],
    },
    account: {
      externalId,
      originalCreditor: 'Acme Traders',
      currentCreditor: 'Acme Traders',
      debtKind: 'consumer' as const,
      currency: 'GBP',
      jurisdiction: 'GB',
      openedOn: dueOn,
      dueOn,
      status: 'open' as const,
    },
    entries: [{ kind: 'charge' as const, amountMinor, effectiveOn: dueOn, externalId: 'principal' }],
  }
}

it('spreads a judgment below the balance oldest first, none below zero; an excess lands on the lead', () => {
  const accounts = [
    { id: 2, dueOn: '2026-06-01', balanceMinor: 90_000 },
    { id: 1, dueOn: '2026-05-01', balanceMinor: 10_000 },
  ]
  expect(judgmentShares(accounts, 2, -50_000)).toEqual([
    { accountId: 1, amountMinor: -10_000 },
    { accountId: 2, amountMinor: -40_000 },
  ])
  expect(judgmentShares(accounts, 2, 5_000)).toEqual([{ accountId: 2, amountMinor: 5_000 }])
  expect(judgmentShares(accounts, 2, 0)).toEqual([])
})

describeEachDatabase(
  'legal case fixes: costs, judgment spread, scope, case tasks, enforcement',
  ({ store }) => {
    let tenant: Tenant
    let clientA = 0
    let clientB = 0
    const as = (role: Role, clientIds?: number[]) => ({
      store: store(),
      actor: {
        tenant,
        kind: 'user',
        id: `8${role.length}`,
        roles: [role],
        ...(clientIds ? { clientIds } : {}),
      } as Actor,
    })
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'ok',
        (e: { code?: string }) => e.code ?? String(e),
      )
    const accountId = async (externalId: string) =>
      Number(
        (
          await store()
            .db.selectFrom('accounts')
            .select('id')
            .where('tenant_id', '=', tenant.id)
            .where('external_id', '=', externalId)
            .executeTakeFirstOrThrow()
        ).id,
      )
    const balance = async (externalId: string) => {
      const row = await store()
        .db.selectFrom('ledger_entries')
        .select((eb) => eb.fn.sum<number>('amount_minor').as('b'))
        .where('account_id', '=', await accountId(externalId))
        .executeTakeFirstOrThrow()
      return Number(row.b)
    }
    const uk = { kind: 'uk_money_claim', filedOn: '2026-10-20', facts: { letterOfClaimOn: '2026-08-01' } }

    beforeAll(async () => {
      tenant = await ensureTenant(store().db, {
        slug: 'legal-fixes',
        name: 'Acme Traders',
        kind: 'creditor',
        timeZone: 'UTC',
        defaultCurrency: 'GBP',
      })
      await createIntakeWriter(store(), tenant.id).write([
        record(2, 'FX-A', 'd-two', '2026-05-01', 10_000),
        record(3, 'FX-B', 'd-two', '2026-06-01', 90_000),
        record(4, 'FX-C', 'd-one', '2026-05-01', 250_000),
      ])
      for (const [external, name] of [
        ['c-a', 'Client A'],
        ['c-b', 'Client B'],
      ])
        await store()
          .db.insertInto('clients')
          .values({ tenant_id: tenant.id, external_id: external, name } as never)
          .execute()
      const clients = await store()
        .db.selectFrom('clients')
        .select(['id', 'external_id'])
        .where('tenant_id', '=', tenant.id)
        .execute()
      clientA = Number(clients.find((c) => c.external_id === 'c-a')?.id)
      clientB = Number(clients.find((c) => c.external_id === 'c-b')?.id)
      for (const [external, client] of [
        ['FX-A', clientA],
        ['FX-B', clientB],
        ['FX-C', clientA],
      ] as const)
        await store()
          .db.updateTable('accounts')
          .set({ client_id: client })
          .where('id', '=', await accountId(external))
          .execute()
    })

    it('reverses the costs posted at filing when a case is dismissed, journaled', async () => {
      const opened = await openCase(as('manager'), {
        accounts: ['FX-C'],
        ...uk,
        courtFee: '115',
        counselFee: '200',
      })
      expect(await balance('FX-C')).toBe(250_000 + 31_500)
      const dismissed = await closeCase(as('manager'), {
        id: opened.id,
        outcome: 'dismissal',
        on: '2027-01-10',
      })
      expect(dismissed.status).toBe('dismissed')
      expect(await balance('FX-C')).toBe(250_000)
      const reversals = await store()
        .db.selectFrom('journal_events')
        .select('payload')
        .where('tenant_id', '=', tenant.id)
        .where('type', '=', 'ledger.entry_reversed')
        .execute()
      expect(reversals).toHaveLength(2)
      const closed = await store()
        .db.selectFrom('journal_events')
        .select('payload')
        .where('tenant_id', '=', tenant.id)
        .where('type', '=', 'case.closed')
        .executeTakeFirstOrThrow()
      expect(JSON.parse(closed.payload).ledgerEntryIds).toHaveLength(2)
    })

    it('refuses enforcement without a judgment, and opens it on a named judgment', async () => {
      const refused = await openCase(as('manager'), {
        accounts: ['FX-C'],
        kind: 'enforcement',
        filedOn: '2027-02-01',
      }).catch((e) => e)
      expect(refused.code).toBe('case_not_allowed')
      expect(refused.details.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain(
        'legal.enforcement-needs-judgment',
      )
      const opened = await openCase(as('manager'), {
        accounts: ['FX-C'],
        kind: 'enforcement',
        filedOn: '2027-02-01',
        facts: { judgmentOn: '2026-12-01' },
      })
      expect(opened.status).toBe('open')
      await closeCase(as('manager'), { id: opened.id, outcome: 'withdrawal', on: '2027-02-02' })
    })

    it('spreads a judgment below the balance over the accounts, oldest first, none below zero', async () => {
      const opened = await openCase(as('manager'), {
        accounts: ['FX-B', 'FX-A'],
        ...uk,
        costsRecoverable: false,
      })
      expect(opened.accounts).toEqual(['FX-A', 'FX-B'])
      await closeCase(as('manager'), { id: opened.id, outcome: 'judgment', on: '2027-01-12', amount: '500' })
      expect(await balance('FX-A')).toBe(0)
      expect(await balance('FX-B')).toBe(50_000)
    })

    it('lists to a client-limited actor only the cases all of whose accounts it sees', async () => {
      const all = await listCases(as('read_only'))
      expect(all).toHaveLength(3)
      const mixed = all.find((c) => c.accounts.includes('FX-B'))
      const mine = await listCases(as('read_only', [clientA]))
      expect(mine.map((c) => c.accounts)).toEqual([['FX-C'], ['FX-C']])
      expect(mine.map((c) => c.id)).not.toContain(mixed?.id)
      expect(await listCases(as('read_only', [clientB]))).toEqual([])
      expect((await listCases(as('read_only', [clientA, clientB]))).map((c) => c.id)).toContain(mixed?.id)
    })

    it('completes a case task as done, with no contact event, and refuses call outcomes on it', async () => {
      const task = await store()
        .db.selectFrom('call_tasks')
        .select(['id', 'account_id'])
        .where('tenant_id', '=', tenant.id)
        .where('legal_case_id', 'is not', null)
        .where('status', '=', 'open')
        .orderBy('id')
        .executeTakeFirstOrThrow()
      const events = () =>
        store()
          .db.selectFrom('contact_events')
          .select('id')
          .where('account_id', '=', task.account_id)
          .execute()
      const before = (await events()).length
      expect(
        await code(
          recordCallOutcome(as('manager'), { task: Number(task.id), outcome: 'right_party_contact' }),
        ),
      ).toBe('invalid_call_outcome')
      const done = await recordCallOutcome(as('manager'), {
        task: Number(task.id),
        outcome: 'done',
        note: 'filed',
      })
      expect(done.task).toMatchObject({ status: 'done', outcome: { outcome: 'done', note: 'filed' } })
      expect(done).toMatchObject({ promiseId: null, disputeId: null, restrictionId: null, nextTaskId: null })
      expect(await events()).toHaveLength(before)
      const follows = await store()
        .db.selectFrom('call_tasks')
        .select('id')
        .where('follows_task_id', '=', task.id)
        .execute()
      expect(follows).toEqual([])
    })
  },
)
