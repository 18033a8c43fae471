import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { DEMO_ADMIN } from '../../src/app/auth/first-admin.ts'
import { generateDemoPortfolio } from '../../src/core/demo/generate-demo-portfolio.ts'
import { agingTotalsOf, expectedAgingTotals } from '../demo/expected-aging.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'recoup-serve-'))
let child: ChildProcess | undefined

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

/** Resolves with the first log line (parsed) that `match` accepts; rejects if the process ends first. */
function waitForLog(
  lines: Record<string, unknown>[],
  process: ChildProcess,
  match: (line: Record<string, unknown>) => boolean,
) {
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const check = () => {
      const found = lines.find(match)
      if (found) return resolve(found)
      if (process.exitCode !== null) return reject(new Error(`server exited with ${process.exitCode}`))
      setTimeout(check, 50)
    }
    check()
  })
}

it('serves the demo book from a fresh SQLite file: npm start on a clean checkout', async () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: join(dir, 'recoup.sqlite'),
    RECOUP_DEMO_ACCOUNTS: '500',
  }
  delete env.RECOUP_DB_SCHEMA
  // Port 0: the system picks a free port and the server logs it, so parallel runs never collide.
  child = spawn(process.execPath, ['bin/recoup.js', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT,
    env,
  })
  const lines: Record<string, unknown>[] = []
  let output = ''
  let partial = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
    const complete = (partial + chunk).split('\n')
    partial = complete.pop() ?? ''
    for (const line of complete.filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>)
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })

  const listening = await waitForLog(lines, child, (l) => String(l.msg).startsWith('Server listening at'))
  const base = String(listening.msg).replace('Server listening at ', '')
  const firstStart = lines.find((l) => String(l.msg).startsWith('first start: loading demo data'))
  expect(firstStart).toMatchObject({ accounts: 500, seed: 1 })
  const asOf = String(firstStart?.asOf)

  const health = await fetch(`${base}/health`)
  expect(health.status).toBe(200)
  expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite', version: '0.1.0' })

  // Every endpoint but health and login refuses a request without credentials.
  const anonymous = await fetch(`${base}/api/v1/tenants/demo/aging?asOf=${asOf}`, {
    headers: { authorization: 'Bearer do-not-log-me' },
  })
  expect(anonymous.status).toBe(401)
  expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthenticated')

  // The README's path: log in with the first-start admin, create an API key, use it.
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', ...DEMO_ADMIN }),
  })
  expect(login.status).toBe(200)
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  const sessionCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  expect(sessionCookie).toMatch(/^recoup_session=rcp_s_/)
  const created = await fetch(`${base}/api/v1/tenants/demo/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: sessionCookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'reporting', role: 'read_only' }),
  })
  expect(created.status).toBe(201)
  const { key } = (await created.json()) as { key: string }
  const aging = await fetch(`${base}/api/v1/tenants/demo/aging?asOf=${asOf}`, {
    headers: { authorization: `Bearer ${key}` },
  })
  expect(aging.status).toBe(200)
  const report = (await aging.json()) as {
    asOf: string
    timeZone: string
    totals: Parameters<typeof agingTotalsOf>[0][]
  }
  expect(report).toMatchObject({ asOf, timeZone: 'America/New_York' })
  const generated = generateDemoPortfolio({ accounts: 500, seed: 1, asOf })
  expect(report.totals.map(agingTotalsOf)).toEqual(expectedAgingTotals(generated, asOf))

  const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)))
  child.kill('SIGTERM')
  expect(await exited).toBe(0)
  expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']))
  for (const secret of [
    'do-not-log-me',
    DEMO_ADMIN.password,
    DEMO_ADMIN.email,
    key,
    csrfToken,
    sessionCookie,
  ])
    expect(output).not.toContain(secret)
  expect(lines.every((l) => l.msg === undefined || typeof l.msg === 'string')).toBe(true)
  expect(lines.filter((l) => l.req !== undefined).every((l) => typeof l.requestId === 'string')).toBe(true)
}, 60_000)
