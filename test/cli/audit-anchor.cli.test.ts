import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { tempDir } from '../intake/import-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'
import { cliEnv } from './run-cli.ts'

const BIN = resolve(import.meta.dirname, '../../bin/recoup.js')
const KEY = 'an-audit-secret-of-at-least-32-chars'

describeEachDatabase('recoup audit verify and anchor', ({ store, config }) => {
  const recoup = (args: string[], env: Record<string, string> = {}) => {
    const base = cliEnv(config())
    delete base.RECOUP_AUDIT_KEY
    delete base.RECOUP_AUDIT_KEY_FILE
    const result = spawnSync(process.execPath, [BIN, ...args], {
      env: { ...base, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    })
    return { status: result.status, stdout: result.stdout, stderr: result.stderr }
  }

  // Seven real processes: slow on a loaded machine, hence the timeout.
  it('anchors with a key only, finds an edited ledger amount, and refuses a wrong key or a bad file', {
    timeout: 240_000,
  }, async () => {
    const s = store()
    const tenant = await createTestTenant(s.db, 'audited')
    await createIntakeWriter(s, tenant.id).write([
      {
        line: 2,
        debtor: { externalId: 'd1', kind: 'person', name: 'Ann' },
        account: {
          externalId: 'A-1',
          originalCreditor: 'Shop',
          currentCreditor: 'Shop',
          debtKind: 'consumer',
          currency: 'USD',
          jurisdiction: 'US-NY',
          openedOn: '2026-01-01',
          dueOn: '2026-01-31',
          status: 'open',
        },
        entries: [{ kind: 'charge', amountMinor: 12_000, effectiveOn: '2026-01-01', externalId: 'c' }],
      },
    ])
    const dir = tempDir('recoup-anchor-cli-')
    const file = join(dir, 'anchor.json')

    expect(recoup(['audit', 'verify', '--tenant', 'audited'])).toMatchObject({
      status: 0,
      stdout: expect.stringContaining(
        'ok   audited: 1 events, chain intact, 1 money rows match their events',
      ),
    })
    const unsigned = recoup(['audit', 'anchor', '--out', file])
    expect(unsigned.status).toBe(2)
    expect(unsigned.stderr).toContain('error [audit_key_missing]')
    const anchored = recoup(['audit', 'anchor', '--out', file], { RECOUP_AUDIT_KEY: KEY })
    expect(anchored).toMatchObject({ status: 0, stderr: expect.stringContaining(`to ${file}`) })
    expect(JSON.parse(readFileSync(file, 'utf8')).heads).toContainEqual(
      expect.objectContaining({ tenant: 'audited', seq: 1 }),
    )

    const checked = recoup(['audit', 'verify', '--tenant', 'audited', '--anchor', file], {
      RECOUP_AUDIT_KEY: KEY,
    })
    expect(checked).toMatchObject({ status: 0, stdout: expect.stringContaining('anchored seq 1 holds') })
    const wrongKey = recoup(['audit', 'verify', '--anchor', file], { RECOUP_AUDIT_KEY: KEY.toUpperCase() })
    expect(wrongKey.status).toBe(2)
    expect(wrongKey.stderr).toContain('error [anchor_signature_invalid]')
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"heads": []}')
    const badFile = recoup(['audit', 'verify', '--anchor', bad], { RECOUP_AUDIT_KEY: KEY })
    expect(badFile).toMatchObject({
      status: 2,
      stderr: expect.stringContaining(`${bad} is not a journal anchor`),
    })

    const event = await s.db
      .selectFrom('journal_events')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    const line = await s.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    await sql`update ledger_entries set amount_minor = 100 where id = ${line.id}`.execute(s.db)
    const tampered = recoup(['audit', 'verify', '--tenant', 'audited'])
    expect(tampered.status).toBe(1)
    expect(tampered.stdout).toContain(
      `FAIL audited: first bad event seq 1 (id ${event.id}): ledger_entries row ${line.id} was edited`,
    )
    // A baseline never blesses an edited row: refused, exit 6, one line.
    const blessed = recoup(['audit', 'baseline', '--tenant', 'audited', '--reason', 'hide it'])
    expect(blessed).toMatchObject({
      status: 6,
      stderr: expect.stringMatching(
        /^error \[journal_broken\]: the journal of audited does not verify at seq 1/,
      ),
    })
  })
  it('baseline: nothing to do on books Recoup wrote itself', () => {
    expect(recoup(['tenant', 'create', 'clean']).status).toBe(0)
    const done = recoup(['audit', 'baseline', '--tenant', 'clean', '--reason', 'upgrade'])
    expect(done.status, done.stderr).toBe(0)
    expect(done.stdout).toMatch(/every row is already covered; nothing to baseline/)
  })
})
