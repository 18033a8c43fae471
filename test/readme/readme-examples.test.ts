import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hasIbmSample } from '../support/ibm-sample.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin/recoup.js')

/** A README command line: `npx recoup ARGS  # comment`, with the exit code the README promises. */
interface ReadmeCommand {
  readonly line: string
  readonly args: string[]
}

/** Every `npx recoup ...` line of the README's sh blocks, in order, without comments. */
function readmeCommands(): ReadmeCommand[] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const commands: ReadmeCommand[] = []
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const raw of (block[1] ?? '').split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim()
      if (!line.startsWith('npx recoup ')) continue
      commands.push({ line, args: splitArgs(line.slice('npx recoup '.length)) })
    }
  }
  return commands
}

/** Splits a shell line into words, honouring double quotes (all the README uses). */
function splitArgs(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '')
}

const dir = mkdtempSync(join(tmpdir(), 'recoup-readme-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'readme.sqlite')}` }
delete env.RECOUP_DB_SCHEMA

describe('every README command works as written, in order, on a fresh database', () => {
  const commands = readmeCommands()
  it('finds the README examples', () => expect(commands.length).toBeGreaterThan(15))
  for (const command of commands) {
    // The IBM sample is not in the repository: its import and the commands on its tenant need it.
    const needsSample = command.args.some((a) => a.includes('../shared/data/') || a === 'ibm')
    it.skipIf(needsSample && !hasIbmSample())(command.line, { timeout: 180_000 }, () => {
      const run = spawnSync(process.execPath, [BIN, ...command.args], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
        timeout: 170_000,
      })
      expect(run.stderr, command.line).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/)
      expect(run.status, `${command.line}\n${run.stderr}`).toBe(0)
    })
  }
})
