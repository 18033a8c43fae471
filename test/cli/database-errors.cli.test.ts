import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const BIN = resolve(import.meta.dirname, '../../bin/recoup.js')
const work = mkdtempSync(join(tmpdir(), 'recoup-db-errors-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs `recoup ARGS` in the scratch folder with `env` replacing the database settings. */
function recoup(args: string[], env: Record<string, string>) {
  const base = { ...process.env }
  delete base.DATABASE_URL
  delete base.RECOUP_DB_SCHEMA
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** The error output is exactly one line (no stack trace). */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n')
  expect(lines, stderr).toHaveLength(1)
  return lines[0] ?? ''
}

describe('database and configuration failures are one line with their exit code', () => {
  // Defect 5: a refused port printed a raw stack trace.
  it('a refused PostgreSQL port: database_unavailable without the password, exit 7', () => {
    const run = recoup(['aging'], { DATABASE_URL: 'postgres://recoup:s3cret@127.0.0.1:5999/test' })
    expect(run.status).toBe(7)
    expect(oneLine(run.stderr)).toBe(
      'error [database_unavailable]: cannot connect to PostgreSQL 127.0.0.1:5999/test: connection refused',
    )
    expect(run.stderr).not.toContain('s3cret')
  })

  it('a missing PostgreSQL database: database_unavailable, exit 7', () => {
    const run = recoup(['tenant', 'list'], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/recoup_no_such_db',
    })
    expect(run.status).toBe(7)
    expect(oneLine(run.stderr)).toMatch(
      /^error \[database_unavailable\]: cannot connect to PostgreSQL 127\.0\.0\.1:5432\/recoup_no_such_db: .*(does not exist|refused)/,
    )
  })

  it('an unwritable SQLite path: database_unavailable, exit 7', () => {
    writeFileSync(join(work, 'a-file'), 'not a folder')
    const run = recoup(['tenant', 'create', 'acme'], { DATABASE_URL: 'sqlite:./a-file/db.sqlite' })
    expect(run.status).toBe(7)
    expect(oneLine(run.stderr)).toMatch(
      /^error \[database_unavailable\]: cannot open SQLite .*a-file\/db\.sqlite: /,
    )
  })

  // Defect 6: read-only commands created ./data/ and an empty database.
  it('a read-only command on a missing SQLite file creates nothing: exit 7', () => {
    const run = recoup(['aging'], {})
    expect(run.status).toBe(7)
    expect(oneLine(run.stderr)).toMatch(
      /^error \[database_unavailable\]: cannot open SQLite .*data\/recoup\.sqlite: no such file/,
    )
    expect(existsSync(join(work, 'data'))).toBe(false)
  })

  it('a command that puts data in creates the database', () => {
    const file = join(work, 'fresh', 'recoup.sqlite')
    expect(recoup(['tenant', 'create', 'acme'], { DATABASE_URL: `sqlite:${file}` }).status).toBe(0)
    const aging = recoup(['aging', '--tenant', 'acme'], { DATABASE_URL: `sqlite:${file}` })
    expect(aging.status, aging.stderr).toBe(0)
  })

  // Defect 6: `mysql://...` and the typo `postgress://` became folders.
  it.each(['mysql://root:hunter2@localhost/recoup', 'postgress://localhost/recoup'])(
    'DATABASE_URL=%s is refused at start-up, exit 2, no folder',
    (url) => {
      const run = recoup(['aging'], { DATABASE_URL: url })
      expect(run.status).toBe(2)
      expect(oneLine(run.stderr)).toMatch(/^error \[invalid_configuration\]: DATABASE_URL must be postgres:/)
      expect(run.stderr).not.toContain('hunter2')
      expect(existsSync(join(work, 'mysql:'))).toBe(false)
      expect(existsSync(join(work, 'postgress:'))).toBe(false)
    },
  )

  it('a malformed PORT and an unknown RECOUP_ variable stop the start with one line, exit 2', () => {
    const port = recoup(['serve'], { PORT: 'eighty' })
    expect(port.status).toBe(2)
    expect(oneLine(port.stderr)).toBe(
      'error [invalid_configuration]: PORT must be a whole number from 1 to 65535, not "eighty"',
    )
    const typo = recoup(['aging'], { RECOUP_DEMO_ACOUNTS: '0' })
    expect(typo.status).toBe(2)
    expect(oneLine(typo.stderr)).toMatch(/unknown environment variable RECOUP_DEMO_ACOUNTS/)
  })
})
