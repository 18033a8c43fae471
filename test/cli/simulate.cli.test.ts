import { join } from 'node:path'
import { expect, it } from 'vitest'
import { IBM_SAMPLE, tempDir } from '../intake/import-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { withIbmSample } from '../support/ibm-sample.ts'
import { runCli } from './run-cli.ts'

withIbmSample('recoup simulate', () => {
  describeEachDatabase('recoup simulate', ({ config }) => {
    const B2B = 'playbooks/b2b-invoice.yaml'

    it.each([
      [
        ['--from', '2013-02-01', '--to', '2013-01-01'],
        /\[invalid_option\]: --from \(2013-02-01\) must not be after --to/,
      ],
      [
        ['--from', '2013-02-30', '--to', '2013-03-01'],
        /\[invalid_date\]: --from: "2013-02-30" is not a real calendar date/,
      ],
      [
        ['--from', '2000-01-01', '--to', '2013-03-01'],
        /\[invalid_option\]: the window is 4809 days; at most 3660/,
      ],
      [
        ['--from', '2013-01-01', '--to', '2013-01-31', '--playbook', 'no/such.yaml'],
        /\[playbook_not_found\]: --playbook: no file "no\/such.yaml"/,
      ],
      [['--from', '2013-01-01', '--to', '2013-01-31', '--format', 'csv'], /\[invalid_format\]/],
    ])('rejects %j with the exit code of its kind and a clear message', (args, message) => {
      const result = runCli(config(), ['simulate', ...args])
      expect(result.status).toBe(/playbook_not_found/.test(String(message)) ? 4 : 2)
      expect(result.stderr).toMatch(message)
      expect(result.stdout).toBe('')
    })

    it('replays the imported IBM sample and prints the report as JSON, then as text', () => {
      const rejects = join(tempDir('recoup-sim-cli-'), 'rejects.csv')
      const imported = runCli(config(), ['import', IBM_SAMPLE, '--preset', 'ibm-ar', '--rejects', rejects])
      expect(imported.status).toBe(0)
      const args = ['simulate', '--playbook', B2B, '--from', '2013-03-01', '--to', '2013-03-31']
      const json = runCli(config(), [...args, '--format', 'json'])
      expect(json.status).toBe(0)
      const report = JSON.parse(json.stdout)
      expect(report).toMatchObject({
        from: '2013-03-01',
        to: '2013-03-31',
        days: 31,
        playbooks: [{ id: 'b2b-invoice', version: 1 }],
        accounts: { replayed: 2466 },
        stoppedByPayment: { actionsAfterPayment: 0 },
      })
      expect(report.stoppedByPayment.accounts).toBeGreaterThan(0)
      const text = runCli(config(), args)
      expect(text.status).toBe(0)
      expect(text.stdout).toContain(
        'simulation 2013-03-01 .. 2013-03-31 (31 days); nothing was sent or written',
      )
      expect(text.stdout).toMatch(/playbook b2b-invoice v1\n\s+stage\s+variant\s+entered/)
    })
  })
})
