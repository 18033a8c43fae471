import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, it } from 'vitest'
import type { Store } from '../../src/store/connect.ts'
import { cliEnv, runCli } from '../cli/run-cli.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { DEMO_AS_OF, engineState, loadDemo, uninterruptedRunState } from './engine-fixtures.ts'

const BIN = resolve(import.meta.dirname, '../../bin/recoup.js')
const ACCOUNTS = 1500

async function doneBatches(store: Store): Promise<{ worker: string | null }[]> {
  return store.db.selectFrom('run_batches').select('worker').where('status', '=', 'done').execute()
}

async function until(check: () => Promise<boolean>, what: string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return
    await sleep(20)
  }
  throw new Error(`timed out waiting for ${what}`)
}

describeEachDatabase('recoup worker', ({ store, config }) => {
  // Each case belongs to one database; on the other it is reported skipped, not passed.
  it('on SQLite, explains that batches run in-process', (ctx) => {
    if (config().kind !== 'sqlite') ctx.skip()
    const result = runCli(config(), ['worker'])
    expect(result.status).toBe(6)
    expect(result.stderr).toContain('worker_needs_postgres')
  })

  it('workers share a queued run; a killed worker’s batch is taken over; the result equals an in-process run', {
    timeout: 240_000,
  }, async (ctx) => {
    if (config().kind !== 'postgres') ctx.skip()
    const s = store()
    const tenant = await loadDemo(s, ACCOUNTS)
    const expected = await uninterruptedRunState('postgres', ACCOUNTS)

    const startWorker = (): ChildProcess =>
      spawn(process.execPath, [BIN, 'worker', '--lease-seconds', '3'], {
        env: cliEnv(config()),
        stdio: 'ignore',
      })
    const workers: ChildProcess[] = []
    try {
      const queued = runCli(config(), [
        'run',
        '--tenant',
        'demo',
        '--as-of',
        DEMO_AS_OF,
        '--batch-size',
        '20',
        '--enqueue-only',
      ])
      expect(queued.status, queued.stderr).toBe(0)
      expect(queued.stdout).toMatch(/batches queued/)

      const doomed = startWorker()
      workers.push(doomed)
      await until(async () => (await doneBatches(s)).length >= 3, 'the first worker to commit batches')
      doomed.kill('SIGKILL')
      await once(doomed, 'exit')
      const total = Number(
        (
          await s.db
            .selectFrom('run_batches')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
      expect((await doneBatches(s)).length).toBeLessThan(total)

      workers.push(startWorker(), startWorker())
      await until(async () => {
        const run = await s.db.selectFrom('runs').select('status').executeTakeFirstOrThrow()
        return run.status === 'completed'
      }, 'the run to complete')
      const names = new Set((await doneBatches(s)).map((b) => b.worker))
      expect(names.size).toBeGreaterThanOrEqual(3)
      expect(await engineState(s.db, tenant.id)).toEqual(expected)
    } finally {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM')
      await Promise.all(
        workers.map((w) => (w.exitCode === null && w.signalCode === null ? once(w, 'exit') : null)),
      )
    }
  })
})
