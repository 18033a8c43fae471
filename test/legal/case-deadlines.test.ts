import { describe, expect, it } from 'vitest'
import { caseDeadlines, caseGate, mediationEndsOn } from '../../src/core/legal/case-deadlines.ts'
import { caseEconomics } from '../../src/core/legal/case-economics.ts'
import { parseCaseFacts } from '../../src/core/legal/case-facts.ts'

const base = {
  jurisdiction: 'IN',
  debtKind: 'commercial' as const,
  debtorKind: 'business' as const,
  limitation: null,
}
const cheque = {
  chequeDate: '2026-09-01',
  presentedOn: '2026-09-10',
  bankInformedOn: '2026-09-15',
  demandNoticeSentOn: '2026-09-20',
  demandNoticeReceivedOn: '2026-09-25',
}
const byId = (list: readonly { id: string; on: string }[]) =>
  Object.fromEntries(list.map((d) => [d.id, d.on]))

describe('legal case deadlines', () => {
  it('computes the NI Act s.138 dates with their basis', () => {
    const deadlines = caseDeadlines({ ...base, kind: 'ni_act_138', facts: { cheque } })
    expect(byId(deadlines)).toEqual({
      'ni.notice': '2026-10-15',
      'ni.payment': '2026-10-10',
      'ni.cause-of-action': '2026-10-11',
      'ni.complaint': '2026-11-11',
    })
    expect(deadlines.find((d) => d.id === 'ni.complaint')).toMatchObject({
      type: 'last_day',
      ruleId: 'in.ni-act.complaint-deadline',
      citation: expect.stringContaining('s.142(1)(b)'),
    })
  })

  it('clamps month periods to the end of a shorter month', () => {
    // Notice received 2027-01-15: 15 days to pay end 2027-01-30, cause of action 2027-01-31 -> 28 Feb.
    const deadlines = caseDeadlines({
      ...base,
      kind: 'ni_act_138',
      facts: {
        cheque: { ...cheque, demandNoticeSentOn: '2026-10-01', demandNoticeReceivedOn: '2027-01-15' },
      },
    })
    expect(byId(deadlines)['ni.cause-of-action']).toBe('2027-01-31')
    expect(byId(deadlines)['ni.complaint']).toBe('2027-02-28')
    expect(mediationEndsOn('2026-11-30', false)).toBe('2027-02-28')
    expect(mediationEndsOn('2026-11-30', true)).toBe('2027-04-30')
  })

  it('refuses an NI Act complaint before the cause of action, with the day it becomes possible', () => {
    const gate = caseGate({
      ...base,
      kind: 'ni_act_138',
      facts: { cheque },
      filedOn: '2026-10-05',
      claimMinor: 100,
      currency: 'INR',
      disputes: [],
    })
    expect(gate.outcome).toBe('block')
    expect(gate.earliestAllowedOn).toBe('2026-10-11')
    const late = caseGate({
      ...base,
      kind: 'ni_act_138',
      facts: { cheque },
      filedOn: '2026-11-12',
      claimMinor: 100,
      currency: 'INR',
      disputes: [],
    })
    expect(late.outcome).toBe('block')
    expect(late.earliestAllowedOn).toBeNull()
  })

  it('holds an Indian commercial suit until s.12A mediation ends (3 months, +2 when extended)', () => {
    const suit = { ...base, kind: 'recovery_suit' as const, claimMinor: 100, currency: 'INR', disputes: [] }
    const none = caseGate({ ...suit, facts: {}, filedOn: '2026-10-20' })
    expect(none.reasons.map((r) => r.ruleId)).toEqual(['in.cca.s12a-mediation'])
    const running = caseGate({
      ...suit,
      facts: { mediation: { appliedOn: '2026-07-31' } },
      filedOn: '2026-10-20',
    })
    expect(running).toMatchObject({ outcome: 'block', earliestAllowedOn: '2026-11-01' })
    const extended = caseGate({
      ...suit,
      facts: { mediation: { appliedOn: '2026-07-31', extended: true } },
      filedOn: '2026-11-15',
    })
    expect(extended.earliestAllowedOn).toBe('2027-01-01')
    const concluded = caseGate({
      ...suit,
      facts: { mediation: { appliedOn: '2026-07-31', concludedOn: '2026-09-01' } },
      filedOn: '2026-10-20',
    })
    expect(concluded.outcome).toBe('allow')
    expect(caseGate({ ...suit, facts: { urgentInterimRelief: true }, filedOn: '2026-10-20' }).outcome).toBe(
      'allow',
    )
    expect(byId(caseDeadlines({ ...suit, facts: { mediation: { appliedOn: '2026-07-31' } } }))).toEqual({
      's12a.ends': '2026-10-31',
      's12a.suit': '2026-11-01',
    })
  })

  it('gives a UK statutory demand 21 days and checks the petition threshold', () => {
    const petition = {
      kind: 'insolvency_petition' as const,
      jurisdiction: 'GB',
      debtKind: 'consumer' as const,
      debtorKind: 'person' as const,
      limitation: null,
      facts: { statutoryDemand: { servedOn: '2026-10-01' } },
      currency: 'GBP',
      disputes: [],
    }
    expect(byId(caseDeadlines(petition))['demand.expires']).toBe('2026-10-23')
    const early = caseGate({ ...petition, filedOn: '2026-10-22', claimMinor: 600_000 })
    expect(early).toMatchObject({ outcome: 'block', earliestAllowedOn: '2026-10-23' })
    const small = caseGate({ ...petition, filedOn: '2026-10-23', claimMinor: 400_000 })
    expect(small.reasons.map((r) => r.ruleId)).toEqual(['uk.insolvency.threshold'])
  })

  it('refuses a time-barred suit and any case with an unanswered dispute', () => {
    const limitation = {
      endsOn: '2025-01-01',
      ruleId: 'in.limitation-act.money-claim',
      citation: 'Limitation Act 1963',
    }
    const gate = caseGate({
      ...base,
      kind: 'recovery_suit',
      limitation,
      facts: { urgentInterimRelief: true },
      filedOn: '2026-10-20',
      claimMinor: 1,
      currency: 'INR',
      disputes: [{ verificationSentAt: null, resolvedAt: null }],
    })
    expect(gate.reasons.map((r) => r.ruleId)).toEqual(['legal.open-dispute', 'in.limitation-act.money-claim'])
    expect(gate.earliestAllowedOn).toBeNull()
  })

  it('adds the judgment deadlines and weighs the economics in whole minor units', () => {
    const uk = caseDeadlines({
      kind: 'uk_money_claim',
      jurisdiction: 'GB',
      debtKind: 'consumer',
      debtorKind: 'person',
      limitation: null,
      facts: {},
      judgmentOn: '2026-12-01',
    })
    expect(byId(uk)).toEqual({ 'judgment.payment': '2026-12-15', 'judgment.enforce-by': '2032-12-01' })
    expect(
      caseEconomics({
        claimMinor: 100_001,
        recoveryRate: '0.35',
        courtFeeMinor: 10_000,
        counselFeeMinor: 5_000,
      }),
    ).toMatchObject({ expectedRecoveryMinor: 35_000, costMinor: 15_000, netMinor: 20_000, passed: true })
    expect(() =>
      caseEconomics({ claimMinor: 1, recoveryRate: '1.5', courtFeeMinor: 0, counselFeeMinor: 0 }),
    ).toThrow(/recoveryRate/)
  })

  it('names the field of bad facts', () => {
    expect(() => parseCaseFacts({ cheque: { chequeDate: '2026-02-30' } })).toThrow(/cheque\.chequeDate/)
    expect(() => parseCaseFacts({ nonsense: 1 })).toThrow(/facts\.nonsense: unknown fact/)
  })
})
