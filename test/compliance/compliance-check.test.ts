import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkComplianceJson } from '../../src/compliance/compliance-check.ts'

const EXAMPLES = resolve(import.meta.dirname, '../../docs/examples/compliance')
const requests = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json') && !f.endsWith('.result.json'))

const valid = {
  action: { kind: 'contact', at: '2026-06-15T14:00:00Z', channel: 'letter' },
  collector: { type: 'third_party' },
  debtor: {
    kind: 'person',
    jurisdiction: 'US-TX',
    timeZoneEvidence: [{ source: 'address', timeZone: 'America/Chicago' }],
  },
  debts: [{ id: 'D1', kind: 'consumer', jurisdiction: 'US-TX', currency: 'USD', balanceMinor: 100 }],
}

/** The AppError `check` throws, as plain data. */
function failure(text: string): { code: string; message: string; details: unknown } {
  try {
    checkComplianceJson(text, 'request.json')
  } catch (error) {
    const e = error as { code: string; message: string; details: unknown }
    return { code: e.code, message: e.message, details: e.details }
  }
  throw new Error('expected an error')
}

describe('checkComplianceJson', () => {
  it.each(requests)('docs example %s gives exactly its documented result', (file) => {
    const result = checkComplianceJson(readFileSync(join(EXAMPLES, file), 'utf8'), file)
    const documented = JSON.parse(
      readFileSync(join(EXAMPLES, file.replace(/\.json$/, '.result.json')), 'utf8'),
    )
    expect(result).toEqual(documented)
  })

  it('the docs show at least four examples, allowed and blocked', () => {
    expect(requests.length).toBeGreaterThanOrEqual(4)
    const outcomes = requests.map(
      (f) => checkComplianceJson(readFileSync(join(EXAMPLES, f), 'utf8'), f).outcome,
    )
    expect(new Set(outcomes)).toEqual(new Set(['allow', 'block']))
  })

  it('accepts a minimal request', () => {
    expect(checkComplianceJson(JSON.stringify(valid), 'x').outcome).toBe('allow')
  })

  it('lists every schema problem with its path', () => {
    const bad = {
      ...valid,
      action: { ...valid.action, at: '2026-06-15 14:00', channel: 'fax' },
      debtor: { ...valid.debtor, timeZoneEvidence: [{ source: 'gps' }] },
      debts: [{ ...valid.debts[0], balanceMinor: 1.5, extra: true }],
    }
    const { code, message, details } = failure(JSON.stringify(bad))
    expect(code).toBe('invalid_compliance_request')
    expect(message).toMatch(/^request\.json: /)
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'action.at', message: expect.stringContaining('pattern') },
        { path: 'action.channel', message: expect.stringContaining('call, sms, email, letter, visit') },
        { path: 'debtor.timeZoneEvidence[0].timeZone', message: 'is required' },
        { path: 'debtor.timeZoneEvidence[0].source', message: expect.stringContaining('address') },
        { path: 'debts[0].balanceMinor', message: 'must be integer' },
        { path: 'debts[0].extra', message: 'is not a known property' },
      ]),
    )
  })

  it('reports a JSON syntax error with line and column', () => {
    const { code, message, details } = failure('{\n  "action": {\n    "kind": "suit",\n  }\n}')
    expect(code).toBe('invalid_compliance_request')
    expect(message).toMatch(/line 4, column 3/)
    expect(details).toEqual([{ path: '', message: expect.any(String), line: 4, column: 3 }])
  })

  it('reports truncated JSON at its end', () => {
    expect(failure('{"action": ').details).toEqual([expect.objectContaining({ line: 1, column: 12 })])
  })

  it('passes semantic errors from the core through unchanged', () => {
    const unknownDebt = { ...valid, action: { ...valid.action, debtIds: ['nope'] } }
    expect(failure(JSON.stringify(unknownDebt)).code).toBe('unknown_debt')
    expect(failure(JSON.stringify({ ...valid, packs: ['xx'] })).code).toBe('unknown_rule_pack')
  })
})
