import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../intake/import-fixtures.ts'
import { cliEnv, runCli } from './run-cli.ts'

const BIN = resolve(import.meta.dirname, '../../bin/recoup.js')
const EXAMPLES = resolve(import.meta.dirname, '../../docs/examples/compliance')
// The compliance commands never open the database; the helper still wants a configuration.
const config = () => ({ kind: 'sqlite' as const, file: join(tempDir('recoup-compliance-'), 'unused.db') })

describe('recoup compliance', () => {
  it('check FILE: allowed prints the decision and exits 0', () => {
    const run = runCli(config(), ['compliance', 'check', join(EXAMPLES, 'gb-email-allowed.json')])
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'allow', packs: [{ id: 'gb' }] })
  })

  it('check FILE: blocked exits 1 with the reasons', () => {
    const run = runCli(config(), ['compliance', 'check', join(EXAMPLES, 'us-ma-call-cap.json')])
    expect(run.status).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({
      outcome: 'block',
      reasons: [{ ruleId: 'us-ma.call-cap.personal' }],
      earliestAllowedAt: '2026-06-18T12:00:00.000Z',
    })
  })

  it('check -: reads stdin', () => {
    const request = {
      action: { kind: 'contact', at: '2026-06-15T19:30:00+05:30', channel: 'call' },
      collector: { type: 'original_creditor' },
      debtor: {
        kind: 'person',
        jurisdiction: 'IN',
        timeZoneEvidence: [{ source: 'address', timeZone: 'Asia/Kolkata' }],
      },
      debts: [{ id: 'D1', kind: 'consumer', jurisdiction: 'IN', currency: 'INR', balanceMinor: 1 }],
    }
    const run = spawnSync(process.execPath, [BIN, 'compliance', 'check', '-'], {
      env: cliEnv(config()),
      input: JSON.stringify(request),
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({
      outcome: 'block',
      earliestAllowedAt: '2026-06-16T02:30:00.000Z',
    })
  })

  it('invalid input exits 2 with the problems on stderr', () => {
    const run = spawnSync(process.execPath, [BIN, 'compliance', 'check', '-'], {
      env: cliEnv(config()),
      input: '{"action": {"kind": "suit"}}',
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/invalid_compliance_request/)
    expect(run.stderr).toMatch(/action\.at/)
  })

  it('a missing file exits 2', () => {
    const run = runCli(config(), ['compliance', 'check', join(EXAMPLES, 'no-such-file.json')])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/unreadable_file/)
  })

  it('packs lists every pack with its version and settings', () => {
    const run = runCli(config(), ['compliance', 'packs'])
    expect(run.status).toBe(0)
    const packs = JSON.parse(run.stdout) as { id: string; version: string; settings: object }[]
    expect(packs.map((p) => p.id)).toContain('us-federal')
    expect(packs.every((p) => p.version && p.settings)).toBe(true)
  })
})
