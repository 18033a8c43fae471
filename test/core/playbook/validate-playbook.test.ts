import { describe, expect, it } from 'vitest'
import type { PlaybookDocument, StageSpec } from '../../../src/core/playbook/playbook-document.ts'
import { validatePlaybook } from '../../../src/core/playbook/validate-playbook.ts'
import { ladder } from './playbook-fixtures.ts'

const stage = (over: Partial<StageSpec> & { key: string }): StageSpec => ({ steps: [], ...over })
const email = { type: 'send_message', channel: 'email', template: 't', tone: 'friendly' } as const

const cases: { name: string; doc: PlaybookDocument; problems: [string, RegExp][] }[] = [
  {
    name: 'duplicate stage keys',
    doc: { id: 'p', version: 1, stages: [stage({ key: 'a' }), stage({ key: 'a' })] },
    problems: [['/stages/1/key', /duplicate stage key "a" \(first at stages\[0\]\)/]],
  },
  {
    name: 'exit to an unknown stage and to itself',
    doc: {
      id: 'p',
      version: 1,
      stages: [
        stage({ key: 'a', exits: [{ when: { fact: 'hasEmail', eq: true }, to: 'zzz' }] }),
        stage({ key: 'b', exits: [{ when: { fact: 'hasEmail', eq: true }, to: 'b' }] }),
      ],
    },
    problems: [
      ['/stages/0/exits/0/to', /no stage "zzz"/],
      ['/stages/1/exits/0/to', /back to its own stage/],
    ],
  },
  {
    name: 'variant percents not summing to 100, duplicate and sub-cent shares',
    doc: {
      id: 'p',
      version: 1,
      segments: [
        {
          name: 's',
          variants: [
            { name: 'a', percent: 50.005 },
            { name: 'a', percent: 40 },
          ],
        },
      ],
      stages: [stage({ key: 'a' })],
    },
    problems: [
      ['/segments/0/variants/0/percent', /two decimals/],
      ['/segments/0/variants/1/name', /duplicate variant "a"/],
      ['/segments/0/variants', /sum to 90.01, not 100/],
    ],
  },
  {
    name: 'step variants that no segment declares, and steps out of time order',
    doc: {
      id: 'p',
      version: 1,
      stages: [
        stage({
          key: 'a',
          steps: [
            { afterDays: 5, action: email },
            { afterDays: 2, action: email, variants: ['challenger'] },
          ],
        }),
      ],
    },
    problems: [
      ['/stages/0/steps/1/afterDays', /afterDays 2 is before the previous step's 5/],
      ['/stages/0/steps/1/variants/0', /no segment declares variant "challenger"/],
    ],
  },
  {
    name: 'conditions: unknown fact, two operators, wrong value kinds, null misuse',
    doc: {
      id: 'p',
      version: 1,
      appliesTo: {
        all: [
          { fact: 'dpd' as never, gt: 1 },
          { fact: 'daysPastDue', gt: 1, lt: 5 },
          { fact: 'debtKind', in: ['consumer', 'retail'] },
          { fact: 'jurisdiction', gte: 3 },
          { fact: 'hasPhone', eq: 'yes' },
          { fact: 'balanceMinor', eq: null },
          { fact: 'riskScore', gt: null as never },
          { fact: 'reasonCodes', gt: 1 },
          { fact: 'reasonCodes', eq: 5 },
          { fact: 'riskBand', eq: 'lo' },
        ],
      },
      stages: [stage({ key: 'a', entry: { not: { fact: 'promiseState', eq: 'opne' } } })],
    },
    problems: [
      ['/appliesTo/all/0/fact', /unknown fact "dpd"; known facts: daysPastDue/],
      ['/appliesTo/all/1', /exactly one operator/],
      ['/appliesTo/all/2/in/1', /debtKind is one of "consumer", "commercial"; got "retail"/],
      ['/appliesTo/all/3/gte', /"gte" needs a number fact; jurisdiction is a string/],
      ['/appliesTo/all/4/eq', /hasPhone is a boolean; got "yes"/],
      ['/appliesTo/all/5/eq', /balanceMinor is never null/],
      ['/appliesTo/all/6/gt', /"gt" cannot compare with null/],
      ['/appliesTo/all/7/gt', /"gt" needs a number fact; reasonCodes is a list of strings/],
      ['/appliesTo/all/8/eq', /reasonCodes is a list of strings .*; got 5/],
      ['/appliesTo/all/9/eq', /riskBand is one of "low", "medium", "high"; got "lo"/],
      ['/stages/0/entry/not/eq', /promiseState is one of .*got "opne"/],
    ],
  },
  {
    name: 'mixed connectives and a gated first stage',
    doc: {
      id: 'p',
      version: 1,
      stages: [
        stage({
          key: 'a',
          escalation: { recoveryRate: 0.5, costMinor: 0, minNetMinor: 0 },
          entry: { all: [{ fact: 'hasEmail', eq: true }], fact: 'hasPhone' } as never,
        }),
      ],
    },
    problems: [
      ['/stages/0/entry', /exactly one of "all", "any", "not" or "fact"/],
      ['/stages/0/escalation', /cannot be gated/],
    ],
  },
]

describe('validatePlaybook', () => {
  it('accepts a sound document', () => {
    expect(validatePlaybook(ladder)).toEqual([])
  })

  it.each(cases)('$name', ({ doc, problems }) => {
    const found = validatePlaybook(doc)
    expect(found.map((p) => p.path).sort()).toEqual(problems.map(([path]) => path).sort())
    for (const [path, message] of problems) {
      expect(found.find((p) => p.path === path)?.message).toMatch(message)
    }
  })
})
