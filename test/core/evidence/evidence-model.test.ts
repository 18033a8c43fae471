import { expect, it } from 'vitest'
import {
  type EvidenceAccount,
  type EvidenceFacts,
  evidenceModel,
  factsAsOf,
  parseCheck,
  statementCsv,
  statementLines,
} from '../../../src/core/evidence/evidence-model.ts'

const account: EvidenceAccount = {
  externalId: 'A-1',
  client: null,
  originalCreditor: 'Acme',
  currentCreditor: 'Acme',
  debtKind: 'consumer',
  currency: 'USD',
  jurisdiction: 'US-NY',
  openedOn: '2025-01-01',
  dueOn: '2025-02-01',
  chargeOffOn: null,
  status: 'open',
  closedOn: null,
  closeReason: null,
  ledger: [
    {
      id: 3,
      kind: 'payment',
      component: 'principal',
      amountMinor: -2500,
      effectiveOn: '2026-02-01',
      reference: null,
      memo: null,
      payment: 'P-1',
    },
    {
      id: 1,
      kind: 'charge',
      component: 'principal',
      amountMinor: 10000,
      effectiveOn: '2025-01-01',
      reference: null,
      memo: null,
      payment: null,
    },
    {
      id: 2,
      kind: 'fee',
      component: 'fee',
      amountMinor: 1500,
      effectiveOn: '2025-06-01',
      reference: 'F-1',
      memo: '=HYPERLINK()',
      payment: null,
    },
  ],
  payments: [],
  promises: [],
  plans: [],
  settlements: [],
  disputes: [],
}

const facts: EvidenceFacts = {
  tenant: { name: 'Acme', slug: 'acme', timeZone: 'America/New_York' },
  header: null,
  asOf: '2026-01-31',
  generatedAt: '2026-03-01T12:00:00.000Z',
  generatedBy: 'user:1',
  debtor: { externalId: 'D-1', name: 'Dee Btor', addressLines: [] },
  accounts: [account],
  messages: [],
  calls: [],
  mailings: [],
  disputeFiles: [],
  journal: { events: 3, rowsChecked: 3, headSeq: 3, headHash: 'ab'.repeat(32), firstBreak: null },
}

it('runs the balance over the ledger in date order and cuts at the as-of day', () => {
  expect(statementLines(account).map((l) => [l.id, l.balanceMinor])).toEqual([
    [1, 10000],
    [2, 11500],
    [3, 9000],
  ])
  const cut = factsAsOf(facts)
  expect(cut.accounts[0]?.ledger.map((l) => l.id)).toEqual([1, 2])
  const csv = statementCsv(cut)
  expect(csv.split('\r\n')[2]).toBe("A-1,USD,2,2025-06-01,fee,fee,F-1,,'=HYPERLINK(),15.00,115.00")
  const model = evidenceModel(cut, [])
  expect(model.title).toBe('Evidence pack')
  expect(model.sections.map((s) => s.id)).toEqual([
    'summary',
    'statement',
    'communications',
    'letters',
    'disputes',
    'payments',
    'arrangements',
    'journal',
    'originals',
  ])
  const statement = model.sections[1]?.blocks.find((b) => b.type === 'table')
  expect(statement?.type === 'table' && statement.total).toEqual([
    '',
    '',
    '',
    'Balance on 2026-01-31',
    '',
    '115.00 USD',
  ])
})

it('reads stored checks defensively and takes a caller caption', () => {
  expect(
    parseCheck(
      '{"outcome":"block","reasons":[{"ruleId":"r.a","citation":"15 USC 1692c","message":"m"},{"x":1}]}',
    ),
  ).toEqual({
    outcome: 'block',
    checkedAt: null,
    reasons: [{ ruleId: 'r.a', citation: '15 USC 1692c', message: 'm' }],
  })
  expect(parseCheck('not json').outcome).toBe('unrecorded')
  const model = evidenceModel({ ...facts, header: { title: 'Case 17', lines: ['Court X'] } }, [])
  expect([model.title, model.headerLines]).toEqual(['Case 17', ['Court X']])
  expect(model.footer).toContain('Case 17')
})
