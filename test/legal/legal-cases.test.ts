import { beforeAll, expect, it } from 'vitest'
import type { Actor, Role } from '../../src/app/actor.ts'
import { addHearing, closeCase } from '../../src/app/legal/close-case.ts'
import { fileCase, openCase } from '../../src/app/legal/open-case.ts'
import { caseAccountIds, listCases, showCase } from '../../src/app/legal/show-case.ts'
import { addPartner } from '../../src/app/placements/partners.ts'
import { listCallTasks } from '../../src/app/tasks/list-call-tasks.ts'
import { checkAtSendTime } from '../../src/outreach/dispatch/send-time-check.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { ensureTenant, type Tenant } from '../../src/store/tenant.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'

const CHEQUE = {
  date: '2026-09-01',
  presentedOn: '2026-09-10',
  bankInformedOn: '2026-09-15',
  number: '004512',
}

function record(
  line: number,
  externalId: string,
  o: {
    debtor?: string
    kind: 'person' | 'business'
    debtKind: 'consumer' | 'commercial'
    jurisdiction: string
    currency: string
    zone: string
    dueOn: string
    amountMinor: number
    attributes?: Record<string, unknown>
  },
) {
  return {
    line,
    debtor: {
      externalId: o.debtor ?? `d-${externalId}`,
      kind: o.kind,
      name: `Debtor ${externalId}`,
      addresses: [
        { line1: '1 High Street', city: 'Town', country: o.jurisdiction.slice(0, 2), timeZone: o.zone },
      ],
    },
    account: {
      externalId,
      originalCreditor: 'Acme Traders',
      currentCreditor: 'Acme Traders',
      debtKind: o.debtKind,
      currency: o.currency,
      jurisdiction: o.jurisdiction,
      openedOn: o.dueOn,
      dueOn: o.dueOn,
      status: 'open' as const,
      attributes: o.attributes ?? null,
    },
    entries: [
      { kind: 'charge' as const, amountMinor: o.amountMinor, effectiveOn: o.dueOn, externalId: 'principal' },
    ],
  }
}

const IN = {
  kind: 'business',
  debtKind: 'commercial',
  jurisdiction: 'IN',
  currency: 'INR',
  zone: 'Asia/Kolkata',
} as const
const GB = {
  kind: 'person',
  debtKind: 'consumer',
  jurisdiction: 'GB',
  currency: 'GBP',
  zone: 'Europe/London',
} as const

describeEachDatabase('legal cases: gated opening, deadlines, hearings, judgment, hold', ({ store }) => {
  let tenant: Tenant
  let other: Tenant
  const as = (role: Role, t: Tenant = tenant) => ({
    store: store(),
    actor: { tenant: t, kind: 'user', id: `7${role.length}`, roles: [role] } as Actor,
  })
  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (e: { code?: string }) => e.code ?? String(e),
    )
  const balance = async (externalId: string) => {
    const row = await store()
      .db.selectFrom('ledger_entries as l')
      .innerJoin('accounts as a', 'a.id', 'l.account_id')
      .select((eb) => eb.fn.sum<number>('l.amount_minor').as('b'))
      .where('a.external_id', '=', externalId)
      .where('a.tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    return Number(row.b)
  }

  beforeAll(async () => {
    tenant = await ensureTenant(store().db, {
      slug: 'legal',
      name: 'Acme Traders',
      kind: 'creditor',
      timeZone: 'UTC',
      defaultCurrency: 'INR',
    })
    other = await ensureTenant(store().db, {
      slug: 'legal-other',
      name: 'Other',
      kind: 'creditor',
      timeZone: 'UTC',
      defaultCurrency: 'INR',
    })
    await createIntakeWriter(store(), tenant.id).write([
      record(2, 'IN-CHQ', {
        ...IN,
        dueOn: '2026-09-01',
        amountMinor: 50_000_000,
        attributes: { cheque: CHEQUE, niActNoticeSentOn: '2026-09-20' },
      }),
      record(3, 'IN-OLD', { ...IN, dueOn: '2019-06-01', amountMinor: 5_000_000 }),
      record(4, 'IN-SUIT', { ...IN, dueOn: '2026-05-01', amountMinor: 9_000_000 }),
      record(5, 'GB-1', { ...GB, dueOn: '2026-06-01', amountMinor: 250_000 }),
      record(6, 'GB-2', { ...GB, debtor: 'd-GB-1', dueOn: '2026-07-01', amountMinor: 50_000 }),
      record(7, 'GB-DISP', { ...GB, dueOn: '2026-06-01', amountMinor: 250_000 }),
    ])
    await createIntakeWriter(store(), other.id).write([
      record(2, 'B-1', { ...IN, dueOn: '2026-09-01', amountMinor: 1_000_000 }),
    ])
    const disputed = await store()
      .db.selectFrom('accounts')
      .select('id')
      .where('external_id', '=', 'GB-DISP')
      .executeTakeFirstOrThrow()
    await store()
      .db.insertInto('disputes')
      .values({
        tenant_id: tenant.id,
        account_id: disputed.id,
        received_at: '2026-09-01T10:00:00.000Z',
        written: 1,
        amount_minor: null,
        reason: 'not mine',
        verification_sent_at: null,
        resolved_at: null,
        resolution: null,
      })
      .execute()
    await addPartner(as('admin'), {
      code: 'khanna-law',
      name: 'Khanna & Associates',
      kind: 'law_firm',
      remit: 'gross',
      terms: { currency: 'INR', fixedFeeMinor: 0, noSuccessNoFee: false },
    })
  })

  it('requires an approver role, and finds no account of another tenant', async () => {
    const input = { accounts: ['IN-CHQ'], kind: 'ni_act_138', filedOn: '2026-10-20' }
    expect(await code(openCase(as('collector'), input))).toBe('forbidden')
    expect(await code(openCase(as('read_only'), input))).toBe('forbidden')
    expect(await code(openCase(as('manager'), { ...input, accounts: ['B-1'] }))).toBe('account_not_found')
    expect(await code(openCase(as('manager', other), input))).toBe('account_not_found')
  })

  it('refuses an NI Act complaint before the cause of action, then opens it with its deadlines', async () => {
    const facts = {
      cheque: {
        ...CHEQUE,
        chequeDate: CHEQUE.date,
        demandNoticeSentOn: '2026-09-20',
        demandNoticeReceivedOn: '2026-09-25',
      },
    }
    const { date: _, number: __, ...cheque } = facts.cheque
    const early = await openCase(as('manager'), {
      accounts: ['IN-CHQ'],
      kind: 'ni_act_138',
      filedOn: '2026-10-05',
      facts: { cheque },
    }).catch((e) => e)
    expect(early).toMatchObject({ code: 'case_not_allowed', details: { earliestAllowedOn: '2026-10-11' } })
    expect(early.details.reasons[0].ruleId).toBe('in.ni-act.complaint-deadline')

    const opened = await openCase(as('manager'), {
      accounts: ['IN-CHQ'],
      kind: 'ni_act_138',
      filedOn: '2026-10-20',
      forum: 'Judicial Magistrate First Class, Pune',
      counsel: 'khanna-law',
      courtFee: '5000',
      counselFee: '25000',
      facts: { cheque: { ...cheque, demandNoticeSentOn: undefined } },
    })
    // The account's imported notice date fills the gap the given facts leave.
    expect(opened).toMatchObject({
      kind: 'ni_act_138',
      status: 'open',
      counsel: 'khanna-law',
      filedOn: '2026-10-20',
    })
    expect(opened.facts.cheque?.demandNoticeReceivedOn).toBe('2026-09-25')
    expect(Object.fromEntries(opened.deadlines.map((d) => [d.id, d.on]))).toMatchObject({
      'ni.notice': '2026-10-15',
      'ni.cause-of-action': '2026-10-11',
      'ni.complaint': '2026-11-11',
    })
    expect(opened.claim.costsMinor).toBe(3_000_000)
    expect(opened.claim.totalMinor).toBe(
      opened.claim.principalMinor + opened.claim.interestMinor + opened.claim.costsMinor,
    )
    expect(opened.economics).toMatchObject({ costMinor: 3_000_000, passed: true, recoveryRate: '0.5' })
    // Filed: its filing deadlines are history, not tasks.
    expect(opened.tasks).toEqual([])
    // Recoverable costs are on the ledger as costs, journaled.
    expect(await balance('IN-CHQ')).toBe(50_000_000 + 3_000_000)
    const costs = await store()
      .db.selectFrom('ledger_entries')
      .select(['kind', 'component', 'amount_minor'])
      .where('external_id', 'like', `case:${opened.id}:%`)
      .orderBy('id')
      .execute()
    expect(costs.map((c) => [c.kind, c.component, Number(c.amount_minor)])).toEqual([
      ['fee', 'cost', 500_000],
      ['fee', 'cost', 2_500_000],
    ])
    const journal = await store()
      .db.selectFrom('journal_events')
      .select(['type', 'payload'])
      .where('tenant_id', '=', tenant.id)
      .where('type', '=', 'case.opened')
      .execute()
    expect(journal).toHaveLength(1)
    expect(JSON.parse(journal[0]?.payload ?? '{}')).toMatchObject({ caseId: opened.id, kind: 'ni_act_138' })
    expect(await caseAccountIds(as('read_only'), opened.id)).toMatchObject({ accounts: ['IN-CHQ'] })
    // One open case per account.
    expect(
      await code(
        openCase(as('manager'), {
          accounts: ['IN-CHQ'],
          kind: 'ni_act_138',
          filedOn: '2026-10-21',
          facts: { cheque },
        }),
      ),
    ).toBe('account_in_case')
  })

  it('refuses a time-barred suit, a suit before s.12A mediation, and a case on a disputed account', async () => {
    const barred = await openCase(as('admin'), {
      accounts: ['IN-OLD'],
      kind: 'recovery_suit',
      filedOn: '2026-10-20',
      facts: { urgentInterimRelief: true },
    }).catch((e) => e)
    expect(barred.code).toBe('case_not_allowed')
    expect(barred.message).toMatch(/time-barred/)
    const mediation = await openCase(as('admin'), {
      accounts: ['IN-SUIT'],
      kind: 'recovery_suit',
      filedOn: '2026-10-20',
      facts: { mediation: { appliedOn: '2026-07-31' } },
    }).catch((e) => e)
    expect(mediation).toMatchObject({
      code: 'case_not_allowed',
      details: { earliestAllowedOn: '2026-11-01' },
    })
    const disputed = await openCase(as('admin'), {
      accounts: ['GB-DISP'],
      kind: 'uk_money_claim',
      filedOn: '2026-10-20',
      facts: { letterOfClaimOn: '2026-08-01' },
    }).catch((e) => e)
    expect(disputed.code).toBe('case_not_allowed')
    expect(disputed.details.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('legal.open-dispute')
    const uneconomic = await openCase(as('admin'), {
      accounts: ['IN-SUIT'],
      kind: 'recovery_suit',
      filedOn: '2026-11-02',
      facts: { mediation: { appliedOn: '2026-07-31' } },
      courtFee: '90000',
      counselFee: '10000',
      costsRecoverable: false,
      recoveryRate: '0.1',
    }).catch((e) => e)
    expect(uneconomic).toMatchObject({
      code: 'case_not_economic',
      details: { costMinor: 10_000_000, passed: false },
    })
    expect(await code(openCase(as('admin'), { accounts: ['IN-SUIT'], kind: 'lawsuit' }))).toBe('invalid_case')
  })

  it('holds a UK claim until the Letter of Claim wait ends; hearings, judgment, enforcement, hold, close', async () => {
    const early = await openCase(as('manager'), {
      accounts: ['GB-1', 'GB-2'],
      kind: 'uk_money_claim',
      filedOn: '2026-10-20',
      facts: { letterOfClaimOn: '2026-10-10' },
    }).catch((e) => e)
    expect(early).toMatchObject({ code: 'case_not_allowed', details: { earliestAllowedOn: '2026-11-10' } })
    expect(early.details.reasons[0].ruleId).toBe('uk.pap-debt.letter-of-claim')

    const draft = await openCase(as('manager'), {
      accounts: ['GB-1', 'GB-2'],
      kind: 'uk_money_claim',
      draft: true,
      facts: { letterOfClaimOn: '2026-10-10' },
      courtFee: '115',
      now: new Date('2026-10-20T09:00:00Z'),
    })
    expect(draft).toMatchObject({ status: 'draft', filedOn: null, accounts: ['GB-1', 'GB-2'] })
    // A draft's filing dates become tasks: an earliest day on the day, a last day 7 days before it.
    expect(draft.tasks.map((t) => [t.dueAt.slice(0, 10), t.script.split(':')[0]])).toEqual([
      ['2026-11-10', `Legal case #${draft.id} [pre-action]`],
      ['2032-05-25', `Legal case #${draft.id} [limitation]`],
    ])
    expect(await code(fileCase(as('manager'), { id: draft.id, filedOn: '2026-11-09' }))).toBe(
      'case_not_allowed',
    )
    const filed = await fileCase(as('manager'), {
      id: draft.id,
      filedOn: '2026-11-10',
      caseNumber: 'K1QZ1234',
    })
    expect(filed).toMatchObject({ status: 'open', filedOn: '2026-11-10', caseNumber: 'K1QZ1234' })
    expect(filed.tasks.filter((t) => t.status === 'open')).toHaveLength(0)

    // All outreach is held off the case's accounts, the playbook's legal notices too.
    const check = (kind?: 'legal_notice') =>
      store()
        .db.transaction()
        .execute(async (trx) => {
          const account = await trx
            .selectFrom('accounts')
            .select('id')
            .where('external_id', '=', 'GB-2')
            .executeTakeFirstOrThrow()
          return checkAtSendTime(trx, {
            tenantId: tenant.id,
            accountId: Number(account.id),
            asOf: '2026-11-11',
            at: '2026-11-11T10:00:00Z',
            channel: 'email',
            contactPointId: null,
            collectorType: 'original_creditor',
            text: '',
            history: [],
            ...(kind ? { kind } : {}),
          })
        })
    const held = await check()
    expect(held.outcome).toBe('block')
    expect(held.outcome === 'block' && held.reasons[0]?.ruleId).toBe('outreach.in_litigation')
    const notice = await check('legal_notice')
    expect(notice.outcome === 'block' && notice.reasons[0]?.ruleId).toBe('outreach.in_litigation')

    const heard = await addHearing(as('manager'), {
      id: filed.id,
      on: '2026-12-01',
      purpose: 'allocation hearing',
      outcome: 'allocated to the small claims track',
      next: '2027-01-12',
    })
    expect(heard.hearings).toMatchObject([{ hearingOn: '2026-12-01', nextOn: '2027-01-12' }])
    expect(heard.tasks.find((t) => t.script.includes('next hearing'))?.dueAt.slice(0, 10)).toBe('2027-01-05')

    const before = (await balance('GB-1')) + (await balance('GB-2'))
    expect(before).toBe(250_000 + 50_000 + 11_500)
    const judged = await closeCase(as('manager'), {
      id: filed.id,
      outcome: 'judgment',
      on: '2027-01-12',
      amount: '3300',
    })
    expect(judged).toMatchObject({
      status: 'judgment',
      outcome: { outcome: 'judgment', on: '2027-01-12', judgmentMinor: 330_000, postJudgmentRate: null },
    })
    expect((await balance('GB-1')) + (await balance('GB-2'))).toBe(330_000)
    expect(
      Object.fromEntries(
        judged.deadlines.filter((d) => d.id.startsWith('judgment.')).map((d) => [d.id, d.on]),
      ),
    ).toEqual({
      'judgment.payment': '2027-01-26',
      'judgment.enforce-by': '2033-01-12',
    })
    expect(judged.tasks.filter((t) => t.status === 'open').map((t) => t.script)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('[enforcement]'),
        expect.stringContaining('[judgment.payment]'),
      ]),
    )
    // Case tasks are offered in the work queue (internal work, not a call to the debtor).
    const queue = await listCallTasks(as('manager'), { at: new Date('2027-02-01T00:00:00Z') })
    const caseTask = queue.items.find((t) => t.script.includes('[enforcement]'))
    expect(caseTask?.offer).toMatchObject({ offered: true })

    expect(
      await code(closeCase(as('manager'), { id: filed.id, outcome: 'dismissal', on: '2027-02-01' })),
    ).toBe('case_not_open')
    const closed = await closeCase(as('manager'), {
      id: filed.id,
      outcome: 'closed',
      on: '2027-03-01',
      note: 'paid',
    })
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2027-03-01' })
    expect(closed.tasks.every((t) => t.status !== 'open')).toBe(true)
    const released = await check()
    expect(released.outcome === 'block' && released.reasons[0]?.ruleId).not.toBe('outreach.in_litigation')

    const list = await listCases(as('read_only'), { status: 'closed' })
    expect(list.map((c) => c.id)).toEqual([filed.id])
    expect(await code(showCase(as('read_only', other), { id: filed.id }))).toBe('case_not_found')
    const types = await store()
      .db.selectFrom('journal_events')
      .select('type')
      .where('tenant_id', '=', tenant.id)
      .where('type', 'like', 'case.%')
      .orderBy('seq')
      .execute()
    expect(types.map((t) => t.type)).toEqual([
      'case.opened',
      'case.opened',
      'case.filed',
      'case.hearing_added',
      'case.judgment',
      'case.closed',
    ])
  })
})
