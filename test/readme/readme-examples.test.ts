import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hasIbmSample } from '../support/ibm-sample.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin/recoup.js')

/** One shell line of the README: `npx recoup ...` or `export NAME=...`, with the exit it promises. */
interface ReadmeLine {
  readonly line: string
  /** `# exit N...` in the line's comment; 0 otherwise. */
  readonly exit: number
}

/** Every `npx recoup` and `export` line of the README's sh blocks, in order. */
function readmeLines(): ReadmeLine[] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const lines: ReadmeLine[] = []
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const raw of (block[1] ?? '').split('\n')) {
      const comment = /\s#\s*(.*)$/.exec(raw)?.[1] ?? ''
      const line = raw.replace(/\s+#.*$/, '').trim()
      if (!line.startsWith('npx recoup ') && !line.startsWith('export ')) continue
      lines.push({ line, exit: Number(/^exit (\d+)/.exec(comment)?.[1] ?? 0) })
    }
  }
  return lines
}

const home = mkdtempSync(join(tmpdir(), 'recoup-readme-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))
// A fresh database and a home of its own (the README writes ~/recoup-anchor.json); nothing else set.
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: home,
  DATABASE_URL: `sqlite:${join(home, 'r.sqlite')}`,
}

describe('every README command works as written, in order, on a fresh database', () => {
  const lines = readmeLines()
  it('finds the README examples', () => expect(lines.length).toBeGreaterThan(20))
  for (const { line, exit } of lines) {
    const exported = /^export ([A-Z_][A-Z0-9_]*)=/.exec(line)?.[1]
    if (exported !== undefined) {
      // Evaluated once, as a shell session would: the later lines see the same value.
      it(line, () => {
        const run = spawnSync('bash', ['-c', `${line}\nprintf '%s' "$${exported}"`], {
          env,
          encoding: 'utf8',
        })
        expect(run.status, run.stderr).toBe(0)
        env[exported] = run.stdout
      })
      continue
    }
    // The IBM sample is not in the repository: its import and the commands on its tenant need it.
    const needsSample = /\.\.\/shared\/data\/|--tenant ibm\b|create ibm\b/.test(line)
    it.skipIf(needsSample && !hasIbmSample())(line, { timeout: 180_000 }, () => {
      // Run by bash as written, with `npx recoup` pointed at this checkout's binary.
      const script = line.replace(/^npx recoup /, `node ${JSON.stringify(BIN)} `)
      const run = spawnSync('bash', ['-c', script], { cwd: ROOT, env, encoding: 'utf8', timeout: 170_000 })
      expect(run.stderr, line).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/)
      expect(run.status, `${line}\n${run.stderr}`).toBe(exit)
    })
  }
})
