import { describe, expect, it } from 'vitest'
import { checkComplianceJson } from '../../src/compliance/compliance-check.ts'

/* Issue #9 section 3 facts through the documented JSON contract (docs/compliance-check.schema.json). */

const base = {
  action: { kind: 'suit', at: '2030-06-01T16:00:00Z' },
  collector: { type: 'third_party' },
  debtor: {
    kind: 'person',
    jurisdiction: 'US-FL',
    timeZoneEvidence: [{ source: 'address', timeZone: 'America/New_York' }],
  },
  debts: [
    {
      id: 'D1',
      kind: 'consumer',
      jurisdiction: 'US-FL',
      currency: 'USD',
      balanceMinor: 100,
      accrualOn: '2026-02-01',
    },
  ],
}

const check = (doc: unknown) => checkComplianceJson(JSON.stringify(doc), 'request.json')
const withDebt = (patch: Record<string, unknown>) => ({ ...base, debts: [{ ...base.debts[0], ...patch }] })

function problems(doc: unknown): string[] {
  try {
    check(doc)
  } catch (error) {
    return ((error as { details: { path: string }[] }).details ?? []).map((d) => d.path)
  }
  throw new Error('expected an error')
}

describe('contract facts of issue #9', () => {
  it('contractType selects the period; the trace and the deadlines show it', () => {
    const written = check(withDebt({ contractType: 'written' }))
    expect(written.outcome).toBe('allow')
    expect(written.deadlines).toContainEqual({
      name: 'limitation.last_day_to_sue',
      date: '2031-02-01',
      ruleId: 'us-fl.limitation.written-contract',
      citation: 'Fla. Stat. 95.11',
      debtId: 'D1',
    })
    const unknown = check(base)
    expect(unknown.outcome).toBe('block')
    expect(unknown.checks.find((c) => c.family === 'time-barred')?.note).toContain('contract type unknown')
    expect(check({ ...base, settings: { unknownContractType: 'block' } }).reasons[0]?.ruleId).toBe(
      'recoup.limitation.unknown-contract-type',
    )
  })

  it('a postdated-cheque deposit with its instrument facts is judged', () => {
    const deposit = {
      ...base,
      action: {
        kind: 'deposit_postdated_instrument',
        at: '2026-07-06T14:00:00Z',
        instrument: { instrumentDate: '2026-07-01', acceptedOn: '2026-06-01', noticeOfIntentSentOn: null },
      },
    }
    const result = check(deposit)
    expect(result.outcome).toBe('block')
    expect(result.reasons.map((r) => r.citation)).toEqual(['15 USC 1692f(2)'])
  })

  it('rejects unknown values with their paths', () => {
    expect(problems(withDebt({ contractType: 'verbal' }))).toContain('debts[0].contractType')
    expect(problems({ ...base, settings: { creditReportingFurnishFrom: 'day_13' } })).toContain(
      'settings.creditReportingFurnishFrom',
    )
    const impossible = {
      ...base,
      action: { ...base.action, instrument: { noticeOfIntentSentOn: '2026-02-30' } },
    }
    expect(() => check(impossible)).toThrow(
      expect.objectContaining({
        code: 'invalid_date',
        message: expect.stringContaining('action.instrument.noticeOfIntentSentOn'),
      }),
    )
  })
})
