import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/core/errors/index.ts'
import { compilePlaybook } from '../../src/core/playbook/compile-playbook.ts'
import { DEFAULT_PLAYBOOK_FILES, loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import {
  loadPlaybookFile,
  type PlaybookFileProblem,
  parsePlaybookText,
} from '../../src/playbook/load-playbook.ts'

/** The problems a text raises, as `line:column path message`. */
function problems(text: string, file: string): PlaybookFileProblem[] {
  try {
    parsePlaybookText(text, file)
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('invalid_playbook')
    return (error as AppError).details as PlaybookFileProblem[]
  }
  throw new Error('expected the playbook to be rejected')
}

const yamlHead = 'id: p\nversion: 1\nstages:\n'

const cases: { name: string; file: string; text: string; expected: [number, number, string, RegExp][] }[] = [
  {
    name: 'YAML: unknown fact',
    file: 'p.yaml',
    text: `${yamlHead}  - key: a\n    entry: { fact: daysPastDew, gte: 3 }\n    steps: []\n`,
    expected: [[5, 20, 'stages[0].entry.fact', /unknown fact "daysPastDew"/]],
  },
  {
    name: 'YAML: bad operator',
    file: 'p.yaml',
    text: `${yamlHead}  - key: a\n    steps: []\n  - key: b\n    entry:\n      fact: daysPastDue\n      gtee: 3\n    steps: []\n`,
    expected: [
      [9, 7, 'stages[1].entry.gtee', /unknown property "gtee"; expected one of all, any, not, fact, eq/],
    ],
  },
  {
    name: 'YAML: missing stage key',
    file: 'p.yml',
    text: `${yamlHead}  - key: a\n    steps: []\n  - steps: []\n`,
    expected: [[6, 5, 'stages[1].key', /is required/]],
  },
  {
    name: 'YAML: exit to an unknown stage',
    file: 'p.yaml',
    text: `${yamlHead}  - key: a\n    steps: []\n    exits:\n      - when: { fact: balanceMinor, lte: 0 }\n        to: paid\n`,
    expected: [[8, 13, 'stages[0].exits[0].to', /no stage "paid"/]],
  },
  {
    name: 'YAML: variant percents not summing to 100',
    file: 'p.yaml',
    text: `id: p\nversion: 1\nsegments:\n  - name: s\n    variants:\n      - { name: a, percent: 80 }\n      - { name: b, percent: 10 }\nstages:\n  - { key: a, steps: [] }\n`,
    expected: [[6, 7, 'segments[0].variants', /sum to 90, not 100/]],
  },
  {
    name: 'YAML: syntax error reports its line',
    file: 'p.yaml',
    text: `${yamlHead}  - key: a\n    steps: []\n   bad: indentation\n`,
    expected: [[6, 1, '', /./]],
  },
  {
    name: 'YAML: unknown action type and bad enum',
    file: 'p.yaml',
    text: `${yamlHead}  - key: a\n    steps:\n      - afterDays: 0\n        action: { type: teleport }\n      - afterDays: 1\n        action: { type: send_message, channel: fax, template: t, tone: firm }\n`,
    expected: [
      [7, 25, 'stages[0].steps[0].action.type', /unknown action type "teleport"/],
      [9, 48, 'stages[0].steps[1].action.channel', /must be one of email, sms, call, letter/],
    ],
  },
  {
    name: 'JSON: unknown fact and exit to unknown stage',
    file: 'p.json',
    text: `{
  "id": "p",
  "version": 1,
  "stages": [
    { "key": "a", "steps": [],
      "exits": [{ "when": { "fact": "balance", "lte": 0 }, "to": "done" }] }
  ]
}`,
    expected: [
      [6, 37, 'stages[0].exits[0].when.fact', /unknown fact "balance"/],
      [6, 66, 'stages[0].exits[0].to', /no stage "done"/],
    ],
  },
  {
    name: 'JSON: missing stage key and version of the wrong type',
    file: 'p.json',
    text: '{\n  "id": "p",\n  "version": "1",\n  "stages": [\n    { "steps": [] }\n  ]\n}',
    expected: [
      [3, 14, 'version', /must be integer/],
      [5, 5, 'stages[0].key', /is required/],
    ],
  },
  {
    name: 'JSON: syntax error reports its line',
    file: 'p.json',
    text: '{\n  "id": "p",\n  "version": 1,\n}',
    expected: [[4, 1, '', /JSON/]],
  },
]

describe('parsePlaybookText', () => {
  it.each(cases)('$name', ({ file, text, expected }) => {
    const found = problems(text, file)
    expect(found.map((p) => [p.line, p.column, p.path])).toEqual(expected.map(([l, c, p]) => [l, c, p]))
    expected.forEach(([, , , message], i) => {
      expect(found[i]?.message).toMatch(message)
      expect(found[i]?.file).toBe(file)
    })
  })

  it('reads JSON and YAML alike, sniffing the format when the extension says nothing', () => {
    const json = '{"id":"p","version":1,"stages":[{"key":"a","steps":[]}]}'
    const yaml = 'id: p\nversion: 1\nstages: [{ key: a, steps: [] }]\n'
    expect(parsePlaybookText(json, 'inline')).toEqual(parsePlaybookText(yaml, 'inline'))
  })

  it('puts every problem in the message, with its position', () => {
    expect(() => parsePlaybookText(`${yamlHead}  - steps: []\n`, 'x.yaml')).toThrow(
      'x.yaml is not a valid playbook:\n  4:5 stages[0].key: is required',
    )
  })
})

describe('default playbooks', () => {
  it('load from disk and compile', () => {
    const docs = loadDefaultPlaybooks()
    expect(docs.map((d) => d.id)).toEqual(['b2b-invoice', 'consumer-agency'])
    for (const doc of docs) expect(compilePlaybook(doc).stageKeys.length).toBe(doc.stages.length)
  })

  it('loadPlaybookFile reads a file from any directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'playbook-'))
    const file = join(dir, 'copy.yaml')
    writeFileSync(file, `${yamlHead}  - { key: a, steps: [] }\n`)
    expect(loadPlaybookFile(file).stages[0]?.key).toBe('a')
    expect(DEFAULT_PLAYBOOK_FILES.every((f) => f.endsWith('.yaml'))).toBe(true)
  })
})
