import { expect, it } from 'vitest'
import { runCli } from '../cli/run-cli.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { seedCallRows } from './task-fixtures.ts'

describeEachDatabase('recoup task list|outcome', ({ store, config }) => {
  it('lists the queue as JSON and records a call-back from the command line', async () => {
    await seedCallRows(store().db, 'cli-tasks', 1)
    const cli = (...args: string[]) => runCli(config(), [...args, '--tenant', 'cli-tasks'])
    const listed = cli('task', 'list', '--all', '--format', 'json')
    expect(listed.status, listed.stderr).toBe(0)
    const page = JSON.parse(listed.stdout)
    expect(page.items).toHaveLength(1)
    expect(page.items[0]).toMatchObject({ account: 'ACC-1', status: 'open' })
    const id = String(page.items[0].id)
    const done = cli('task', 'outcome', id, '--outcome', 'call_back', '--at', '2030-01-02T15:00:00Z')
    expect(done.status, done.stderr).toBe(0)
    expect(done.stdout).toMatch(/^task #\d+ call_back: recorded on account ACC-1 \(call-back task #\d+\)/)
    const again = cli('task', 'outcome', id, '--outcome', 'busy')
    expect(again.status).not.toBe(0)
    expect(again.stderr).toContain('task_not_open')
    const bad = cli('task', 'outcome', id, '--outcome', 'shouting')
    expect(bad.stderr).toContain('invalid_call_outcome')
  })
})
