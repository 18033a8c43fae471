import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, it } from 'vitest'
import { cliEnv, runCli } from '../cli/run-cli.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { DEMO_AS_OF, engineState, loadDemo, uninterruptedRunState } from './engine-fixtures.ts'

const BIN = resolve(import.meta.dirname, '../../bin/recoup.js')
const ACCOUNTS = 1500
const RUN_ARGS = ['run', '--tenant', 'demo', '--as-of', DEMO_AS_OF, '--batch-size', '20']

describeEachDatabase('daily run killed mid-run and run again', ({ store, config }) => {
  it('ends with exactly the state of an uninterrupted run', { timeout: 240_000 }, async () => {
    const s = store()
    const tenant = await loadDemo(s, ACCOUNTS)

    // The reference: the same portfolio decided without interruption, in its own database.
    const expected = await uninterruptedRunState(config().kind, ACCOUNTS)

    const child = spawn(process.execPath, [BIN, ...RUN_ARGS], { env: cliEnv(config()), stdio: 'ignore' })
    const deadline = Date.now() + 60_000
    let done = 0
    let total = 0
    while (Date.now() < deadline && child.exitCode === null) {
      const rows = await s.db.selectFrom('run_batches').select('status').execute()
      total = rows.length
      done = rows.filter((r) => r.status === 'done').length
      if (done >= 3) break
      await sleep(5)
    }
    child.kill('SIGKILL')
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit')
    expect(child.signalCode, 'the run finished before it could be killed').toBe('SIGKILL')
    const after = await s.db.selectFrom('run_batches').select('status').execute()
    expect(after.filter((r) => r.status === 'done').length).toBeLessThan(total)
    const run = await s.db.selectFrom('runs').select('status').executeTakeFirstOrThrow()
    expect(run.status).toBe('running')

    const rerun = runCli(config(), RUN_ARGS)
    expect(rerun.status, rerun.stderr).toBe(0)
    expect(rerun.stdout).toContain('completed')
    expect(await engineState(s.db, tenant.id)).toEqual(expected)
  })
})
