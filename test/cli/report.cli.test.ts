import { expect, it } from 'vitest'
import { EXIT } from '../../src/core/errors/index.ts'
import { DEMO_AS_OF, loadDemo } from '../engine/engine-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runCli } from './run-cli.ts'

describeEachDatabase('recoup report: the SQL-aggregated reports', ({ store, config }) => {
  it('prints recovery as CSV and JSON, takes --within-days, and refuses a bad one', {
    timeout: 180_000,
  }, async () => {
    await loadDemo(store(), 60, 'cli-reports')
    const t = ['--tenant', 'cli-reports', '--from', '2025-12-01', '--to', DEMO_AS_OF]
    const csv = runCli(config(), ['report', 'recovery', ...t, '--format', 'csv'])
    expect(csv.status, csv.stderr).toBe(0)
    const [header, ...lines] = csv.stdout.trimEnd().split('\n')
    expect(header).toBe(
      'month,currency,opening_minor,new_charges_minor,collected_minor,closing_minor,recovery_rate,placed_to_date_minor,collected_to_date_minor,liquidation_rate',
    )
    expect(lines.length).toBeGreaterThan(0)
    const json = runCli(config(), ['report', 'recovery', ...t, '--format', 'json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ report: 'recovery', rows: expect.any(Array) })
    expect(JSON.parse(json.stdout).rows).toHaveLength(lines.length)
    const effect = runCli(config(), ['report', 'channel-effectiveness', ...t, '--within-days', '14'])
    expect(effect.status, effect.stderr).toBe(0)
    expect(effect.stdout).toContain('to 14 days after it')
    const bad = runCli(config(), ['report', 'channel-effectiveness', ...t, '--within-days', 'soon'])
    expect(bad.status).toBe(EXIT.badInput)
    expect(bad.stderr).toContain('invalid_option')
    const costs = runCli(config(), ['report', 'cost-to-collect', ...t])
    expect(costs.status, costs.stderr).toBe(0)
    expect(costs.stdout).toContain('Not configured: the unit cost of email, sms, letter, call')
  })
})
