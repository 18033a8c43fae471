import { describe, expect, it } from 'vitest'
import type { ComplianceRequest } from '../../../src/core/compliance/compliance-request.ts'
import { evaluateCompliance } from '../../../src/core/compliance/evaluate-compliance.ts'
import { depositWindow, postdatedDepositDecision } from '../../../src/core/compliance/postdated-instrument.ts'
import { NY, request } from './compliance-request-fixture.ts'

/* Issue #9 section 3: postdated instruments, contract type, deadlines as outputs. */

const deposit = (at: string, instrument: NonNullable<ComplianceRequest['action']['instrument']>) =>
  request({
    at,
    action: {
      kind: 'deposit_postdated_instrument',
      channel: undefined,
      contactPointId: undefined,
      instrument,
    },
  })

describe('postdated instruments (15 USC 1692f(2))', () => {
  // Notice Mon 29 Jun 2026; Fri 3 Jul is the observed Independence Day: business days 30 Jun, 1, 2, 6... Jul.
  it('the deposit window runs from the 3rd to the 10th business day after the notice', () => {
    expect(depositWindow('2026-06-29')).toEqual({ firstDay: '2026-07-02', lastDay: '2026-07-14' })
  })

  const notice = {
    instrumentDate: '2026-07-01',
    acceptedOn: '2026-06-01',
    noticeOfIntentSentOn: '2026-06-29',
  }
  it.each<[string, string, Record<string, string | null>, 'allow' | string | null]>([
    ['no notice', '2026-07-06T12:00:00-04:00', { ...notice, noticeOfIntentSentOn: null }, null],
    ['2 business days after', '2026-07-01T12:00:00-04:00', notice, '2026-07-02T04:00:00.000Z'],
    ['3 business days after', '2026-07-02T00:00:00-04:00', notice, 'allow'],
    ['10 business days after', '2026-07-14T23:59:00-04:00', notice, 'allow'],
    ['11 business days after: a new notice is needed', '2026-07-15T09:00:00-04:00', notice, null],
    [
      'postdated by 5 days: no notice needed',
      '2026-06-10T12:00:00-04:00',
      {
        instrumentDate: '2026-06-06',
        acceptedOn: '2026-06-01',
        noticeOfIntentSentOn: null,
      },
      'allow',
    ],
    ['dates unknown: the notice is needed', '2026-06-10T12:00:00-04:00', {}, null],
    [
      'before the instrument date (1692f(4))',
      '2026-07-06T12:00:00-04:00',
      {
        ...notice,
        instrumentDate: '2026-07-08',
      },
      '2026-07-08T04:00:00.000Z',
    ],
  ])('%s', (_name, at, instrument, expected) => {
    const d = postdatedDepositDecision({ at, timeZone: NY, instrument })
    if (expected === 'allow') expect(d).toEqual({ outcome: 'allow', reasons: [], earliestAllowedAt: null })
    else {
      expect(d.outcome).toBe('block')
      expect(d.earliestAllowedAt).toBe(expected)
      expect(d.reasons[0]?.citation).toMatch(/^15 USC 1692f\((2|4)\)$/)
    }
  })

  it('instrument date unknown: the deposit is blocked though the notice is in its window (1692f(4))', () => {
    const d = postdatedDepositDecision({
      at: '2026-07-06T12:00:00-04:00',
      timeZone: NY,
      instrument: { ...notice, instrumentDate: null },
    })
    expect(d.outcome).toBe('block')
    expect(d.earliestAllowedAt).toBeNull()
    expect(d.reasons).toHaveLength(1)
    expect(d.reasons[0]).toMatchObject({
      ruleId: 'us.fdcpa.postdated-check-early-deposit',
      citation: '15 USC 1692f(4)',
    })
    expect(d.reasons[0]?.message).toContain('date on the instrument is not known')
    const evaluated = evaluateCompliance(
      deposit('2026-07-06T12:00:00-04:00', { ...notice, instrumentDate: null }),
    )
    expect(evaluated.outcome).toBe('block')
  })

  it('the evaluator blocks with the reason, reports the window as deadlines and binds collectors only', () => {
    const early = evaluateCompliance(deposit('2026-07-01T12:00:00-04:00', notice))
    expect(early.outcome).toBe('block')
    expect(early.reasons.map((r) => r.ruleId)).toEqual(['us.fdcpa.postdated-check-notice'])
    expect(early.checks).toContainEqual(
      expect.objectContaining({ family: 'postdated-instrument', packId: 'us-federal', outcome: 'block' }),
    )
    expect(early.deadlines.map((d) => [d.name, d.date])).toEqual([
      ['postdated_instrument.earliest_deposit_on', '2026-07-01'],
      ['postdated_instrument.notice_first_deposit_on', '2026-07-02'],
      ['postdated_instrument.notice_last_deposit_on', '2026-07-14'],
    ])
    expect(evaluateCompliance(deposit('2026-07-06T12:00:00-04:00', notice)).outcome).toBe('allow')
    const creditor = {
      ...deposit('2026-07-01T12:00:00-04:00', notice),
      collector: { type: 'original_creditor' as const },
    }
    expect(evaluateCompliance(creditor).outcome).toBe('allow')
  })

  it('California: the Rosenthal Act brings the rule to original creditors under Civ. Code 1788.17', () => {
    const ca = {
      ...deposit('2026-07-01T12:00:00-04:00', notice),
      collector: { type: 'original_creditor' as const },
      debtor: { ...deposit('2026-07-01T12:00:00-04:00', notice).debtor, jurisdiction: 'US-CA' },
    }
    ca.debts = ca.debts.map((d) => ({ ...d, jurisdiction: 'US-CA' }))
    const result = evaluateCompliance(ca)
    expect(result.outcome).toBe('block')
    expect(result.reasons[0]).toMatchObject({
      ruleId: 'us-ca.rosenthal',
      citation: 'Cal. Civ. Code 1788.17, incorporating 15 USC 1692f(2)',
    })
  })
})

describe('contract type selects the limitation period', () => {
  const suit = (
    jurisdiction: string,
    contractType: string | null | undefined,
    extra: Partial<ComplianceRequest> = {},
  ) => ({
    ...request({
      jurisdiction,
      at: '2030-06-01T12:00:00-04:00',
      action: { kind: 'suit', channel: undefined, contactPointId: undefined },
      debt: {
        accrualOn: '2026-02-01',
        ...(contractType === undefined ? {} : { contractType: contractType as never }),
      },
    }),
    ...extra,
  })
  const last = (r: ComplianceRequest) =>
    evaluateCompliance(r).deadlines.find((d) => d.name === 'limitation.last_day_to_sue')

  // Florida (Fla. Stat. 95.11): written 5 years, oral or open account 4; accrued 1 Feb 2026, suit 1 Jun 2030.
  it.each<[string | null | undefined, 'allow' | 'block', string | undefined]>([
    ['written', 'allow', '2031-02-01'],
    ['oral', 'block', '2030-02-01'],
    ['open_account', 'block', '2030-02-01'],
    [undefined, 'block', '2030-02-01'],
    [null, 'block', '2030-02-01'],
    ['judgment', 'block', undefined],
    ['promissory_note', 'block', undefined],
  ])('US-FL %s', (type, outcome, lastDay) => {
    const r = suit('US-FL', type)
    const result = evaluateCompliance(r)
    expect(result.outcome).toBe(outcome)
    expect(last(r)?.date).toBe(lastDay)
    const note = result.checks.find((c) => c.family === 'time-barred')?.note ?? ''
    expect(note).toContain(type == null ? 'contract type unknown' : type)
  })

  it('a stated type with no catalogue figure blocks with "unknown means blocked"', () => {
    const result = evaluateCompliance(suit('US-FL', 'judgment', { at: undefined } as never))
    expect(result.reasons.map((r) => r.ruleId)).toContain('recoup.limitation.unknown-contract-type')
    expect(result.earliestAllowedAt).toBeNull()
  })

  it('the tenant may block an unknown contract type instead of using the shortest period', () => {
    const early = (settings?: ComplianceRequest['settings']) =>
      evaluateCompliance({
        ...suit('US-FL', undefined),
        action: { kind: 'suit', at: '2027-03-01T12:00:00-05:00' },
        ...(settings ? { settings } : {}),
      })
    expect(early().outcome).toBe('allow')
    const blocked = early({ unknownContractType: 'block' })
    expect(blocked.outcome).toBe('block')
    expect(blocked.reasons[0]?.ruleId).toBe('recoup.limitation.unknown-contract-type')
    expect(blocked.checks.find((c) => c.family === 'time-barred')?.note).toContain('tenant setting')
  })

  it('a jurisdiction with one period ignores the contract type and says so', () => {
    const r = suit('US-MA', 'oral')
    expect(last(r)?.date).toBe('2032-02-01')
    expect(evaluateCompliance(r).checks.find((c) => c.family === 'time-barred')?.note).toContain(
      'not distinguished',
    )
  })
})

describe('deadlines as outputs', () => {
  it('validation period: assumed receipt (5 business days) and end (30 days after)', () => {
    // Sent Mon 29 Jun 2026: business days 30 Jun, 1, 2, 6, 7 Jul (3 Jul observed holiday); ends 6 Aug.
    const r = request({ debt: { validationNoticeSentOn: '2026-06-29' }, at: '2026-07-01T10:00:00-04:00' })
    const dates = evaluateCompliance(r).deadlines.filter((d) => d.name.startsWith('validation_period'))
    expect(dates).toEqual([
      {
        name: 'validation_period.assumed_receipt_on',
        date: '2026-07-07',
        ruleId: 'us.reg-f.validation-period',
        citation: '12 CFR 1006.34(b)(5)',
        debtId: 'D1',
      },
      {
        name: 'validation_period.ends_on',
        date: '2026-08-06',
        ruleId: 'us.reg-f.validation-period',
        citation: '12 CFR 1006.34(b)(5)',
        debtId: 'D1',
      },
    ])
  })

  it('NI Act dates when cheque facts are given', () => {
    const r = request({
      jurisdiction: 'IN',
      zones: [['address', 'Asia/Kolkata']],
      at: '2026-03-20T12:00:00+05:30',
      action: { kind: 'legal_notice', channel: undefined, contactPointId: undefined },
      debt: {
        currency: 'INR',
        dishonouredCheque: {
          chequeDate: '2026-01-10',
          presentedOn: '2026-03-01',
          bankInformedOn: '2026-03-05',
          demandNoticeSentOn: '2026-03-10',
          demandNoticeReceivedOn: '2026-03-12',
        },
      },
    })
    const dates = Object.fromEntries(
      evaluateCompliance(r)
        .deadlines.filter((d) => d.name.startsWith('ni_act'))
        .map((d) => [d.name, d.date]),
    )
    expect(dates).toEqual({
      'ni_act.present_by': '2026-04-10',
      'ni_act.demand_notice_by': '2026-04-04',
      'ni_act.payment_by': '2026-03-27',
      'ni_act.cause_of_action_on': '2026-03-28',
      'ni_act.complaint_by': '2026-04-28',
    })
  })

  it('a request whose rules compute no date has an empty list', () => {
    expect(evaluateCompliance(request({})).deadlines).toEqual([])
  })
})
