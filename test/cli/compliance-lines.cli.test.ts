import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../intake/import-fixtures.ts'
import { cliEnv, runCli } from './run-cli.ts'

/* `recoup compliance check --lines` (issue #9, part 4): one request per line in, one verdict per line out. */

const BIN = resolve(import.meta.dirname, '../../bin/recoup.js')
const EXAMPLES = resolve(import.meta.dirname, '../../docs/examples/compliance')
const config = () => ({ kind: 'sqlite' as const, file: join(tempDir('recoup-lines-'), 'unused.db') })
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.result.json'))
  .sort()
const oneLine = (file: string) => JSON.stringify(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')))
const documented = (file: string) =>
  JSON.parse(readFileSync(join(EXAMPLES, file.replace(/\.json$/, '.result.json')), 'utf8'))

describe('recoup compliance check --lines', () => {
  it('answers every documented example in order, each exactly its documented result', () => {
    const run = spawnSync(process.execPath, [BIN, 'compliance', 'check', '--lines', '-'], {
      env: cliEnv(config()),
      input: `${examples.map(oneLine).join('\n')}\n\n`,
      encoding: 'utf8',
      timeout: 60_000,
    })
    const out = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(out).toEqual(examples.map(documented))
    expect(run.status).toBe(1) // some examples block
  })

  it('a bad line gets its error with its line number; the other lines are still judged; exit 2', () => {
    const file = join(tempDir('recoup-lines-'), 'mixed.jsonl')
    const bad = oneLine('gb-email-allowed.json').replace(
      '2026-06-15T11:00:00+01:00',
      '2026-02-30T11:00:00+01:00',
    )
    writeFileSync(
      file,
      [oneLine('gb-email-allowed.json'), 'not json', bad, '', oneLine('gb-email-allowed.json')].join('\n'),
    )
    const run = runCli(config(), ['compliance', 'check', '--lines', file])
    const out = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(out).toHaveLength(4)
    expect(out[0]).toMatchObject({ outcome: 'allow' })
    expect(out[1]).toMatchObject({ error: { code: 'invalid_compliance_request' }, line: 2 })
    expect(out[1].error.message).toContain('mixed.jsonl line 2: not valid JSON')
    expect(out[2]).toEqual({
      error: {
        code: 'invalid_instant',
        message: 'action.at "2026-02-30T11:00:00+01:00" names a day that does not exist',
      },
      line: 3,
    })
    expect(out[3]).toMatchObject({ outcome: 'allow' })
    expect(run.status).toBe(2)
  })

  it('all allowed exits 0; a missing file is one error, exit 2', () => {
    const file = join(tempDir('recoup-lines-'), 'ok.jsonl')
    writeFileSync(file, `${oneLine('gb-email-allowed.json')}\n${oneLine('gb-email-allowed.json')}\n`)
    expect(runCli(config(), ['compliance', 'check', '--lines', file]).status).toBe(0)
    const missing = runCli(config(), ['compliance', 'check', '--lines', `${file}.nope`])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/unreadable_file/)
  })
})
