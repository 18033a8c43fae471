import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, it } from 'vitest'
import { resolveTenant } from '../../src/cli/cli-context.ts'
import type { DatabaseConfig } from '../../src/config/database-config.ts'
import { importFile } from '../../src/intake/import-file.ts'
import { openStore, type Store } from '../../src/store/connect.ts'
import { verifyJournalChain } from '../../src/store/journal.repository.ts'
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts'
import { createTenant, importHistory, snapshot, tempDir } from './import-fixtures.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const ROWS = 40_000
const BAD_EVERY = 4_000

/** A generic-preset file: 10k debtors with contacts, one bad date every BAD_EVERY rows. */
function writeGeneratedFile(path: string): void {
  const lines = [
    'account_id,debtor_id,debtor_name,amount,currency,opened_on,due_on,country,email,phone,paid_amount,paid_on',
  ]
  for (let i = 1; i <= ROWS; i++) {
    const debtor = i % 10_000
    const day = String((i % 28) + 1).padStart(2, '0')
    const opened = i % BAD_EVERY === 0 ? '2024-02-30' : `2024-01-${day}`
    const paid = i % 3 === 0 ? `${i % 50}.25,2024-03-${day}` : ','
    lines.push(
      `ACC-${i},DEB-${debtor},"Debtor ${debtor}, Jr",${(i % 9000) + 10}.${String(i % 100).padStart(2, '0')},USD,${opened},2024-02-${day},US,d${debtor}@example.com,+1212555${String(debtor).padStart(4, '0')},${paid}`,
    )
  }
  writeFileSync(path, `${lines.join('\n')}\n`)
}

function cliEnv(config: DatabaseConfig): NodeJS.ProcessEnv {
  if (config.kind === 'sqlite')
    return { ...process.env, DATABASE_URL: `sqlite:${config.file}`, RECOUP_DB_SCHEMA: '' }
  return { ...process.env, DATABASE_URL: config.url, RECOUP_DB_SCHEMA: config.schema ?? '' }
}

/** Runs `recoup import` as a separate process, the way a user would. */
function runCli(config: DatabaseConfig, args: string[]): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['bin/recoup.js', 'import', ...args], {
    cwd: ROOT,
    env: cliEnv(config),
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  return Object.assign(child, { output: () => output })
}

async function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return { code: child.exitCode, signal: child.signalCode }
  const [code, signal] = await once(child, 'exit')
  return { code, signal }
}

async function accountCount(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Waits until some batches are committed (but not all), then sends `signal`; fails if the import won the race. */
async function interruptMidway(
  store: Store,
  child: ChildProcess,
  signal: NodeJS.Signals,
  baseline = 0,
): Promise<number> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const output = (child as ChildProcess & { output?: () => string }).output?.() ?? ''
      throw new Error(`the import exited (code ${child.exitCode}) before it could be interrupted:\n${output}`)
    }
    const count = await accountCount(store)
    if (count >= baseline + 2_000) {
      child.kill(signal)
      return count
    }
    await sleep(5)
  }
  throw new Error('no batch was committed within 60 s')
}

describeEachDatabase('import interrupted and run again', ({ store, config }) => {
  const dir = tempDir('recoup-crash-')
  const file = join(dir, 'accounts.csv')
  writeGeneratedFile(file)
  const args = [file, '--batch-size', '500', '--rejects', join(dir, 'rejects.csv')]

  it('after SIGKILL mid-import, a re-run ends with the same books as an uninterrupted import', {
    timeout: 180_000,
  }, async () => {
    const s = store()
    const first = runCli(config(), args)
    await interruptMidway(s, first, 'SIGKILL')
    expect(await exitOf(first)).toEqual({ code: null, signal: 'SIGKILL' })
    const tenant = await resolveTenant(s, undefined)
    const partial = await accountCount(s)
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(ROWS - ROWS / BAD_EVERY)
    expect((await importHistory(s, tenant.id)).runs.map((r) => r.status)).toEqual(['running'])
    // Every committed batch journaled itself in its own transaction, so the journal accounts for the
    // killed run's writes even though the run never completed.
    const batchEvents = await s.db
      .selectFrom('journal_events')
      .select('payload')
      .where('tenant_id', '=', tenant.id)
      .where('type', '=', 'import.batch_committed')
      .execute()
    expect(batchEvents.reduce((n, e) => n + JSON.parse(e.payload).accountsCreated, 0)).toBe(partial)

    const rerun = runCli(config(), args)
    // The file has one bad date every BAD_EVERY rows: done, some rows rejected (exit 3).
    expect(await exitOf(rerun), rerun.output()).toEqual({ code: 3, signal: null })
    expect(rerun.output()).toMatch(new RegExp(`already present: +${partial}\\b`))
    expect(rerun.output()).toMatch(new RegExp(`rejected: +${ROWS / BAD_EVERY}\\b`))

    const reference = await createTestDatabase(config().kind === 'sqlite' ? 'sqlite' : 'postgres')
    const clean = await openStore(reference.config)
    try {
      const cleanTenant = await resolveTenant(clean, undefined)
      const summary = await importFile(clean, {
        file,
        tenant: cleanTenant,
        batchSize: 500,
        rejectsPath: join(dir, 'r2.csv'),
      })
      expect(summary).toMatchObject({ accountsCreated: ROWS - ROWS / BAD_EVERY, rejected: ROWS / BAD_EVERY })
      const expected = await snapshot(clean, cleanTenant.id)
      const actual = await snapshot(s, tenant.id)
      expect(actual.accounts.length).toBe(ROWS - ROWS / BAD_EVERY)
      expect(actual.balances).toEqual(expected.balances)
      expect(actual).toEqual(expected)
    } finally {
      await clean.close()
      await reference.dispose()
    }
    const history = await importHistory(s, tenant.id)
    expect(history.runs.map((r) => r.status)).toEqual(['failed', 'completed'])
    expect(history.events).toHaveLength(1)
    expect((await verifyJournalChain(s.db, tenant.id)).firstBreak).toBeNull()
  })

  it('on Ctrl-C stops at a batch boundary, marks the run failed and says how to resume', {
    timeout: 180_000,
  }, async () => {
    const s = store()
    const tenant = await createTenant(s, 'ctrl-c')
    const withTenant = [...args, '--tenant', 'ctrl-c']
    const first = runCli(config(), withTenant)
    const before = await accountCount(s)
    await interruptMidway(s, first, 'SIGINT', before)
    expect((await exitOf(first)).code).toBe(130)
    expect(first.output()).toMatch(/interrupted: rows up to line \d+ are saved\. Run the same command again/)
    const runs = (await importHistory(s, tenant.id)).runs
    expect(runs).toEqual([
      expect.objectContaining({
        status: 'failed',
        counts: expect.objectContaining({ reason: expect.stringContaining('interrupted') }),
      }),
    ])
    expect(await accountCount(s)).toBeLessThan(before + ROWS - ROWS / BAD_EVERY)

    const rerun = runCli(config(), withTenant)
    // The file has one bad date every BAD_EVERY rows: done, some rows rejected (exit 3).
    expect(await exitOf(rerun), rerun.output()).toEqual({ code: 3, signal: null })
    expect(await accountCount(s)).toBe(before + ROWS - ROWS / BAD_EVERY)
  })
})
