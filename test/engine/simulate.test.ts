import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { evaluateCompliance } from '../../src/core/compliance/evaluate-compliance.ts'
import { compilePlaybook } from '../../src/core/playbook/compile-playbook.ts'
import { DEFAULT_SEND_TIME } from '../../src/engine/daily-run.ts'
import {
  type SimulationReport,
  type SimulationTally,
  simulatePlaybooks,
} from '../../src/engine/simulate-playbook.ts'
import { importFile } from '../../src/intake/import-file.ts'
import { DEFAULT_PLAYBOOK_FILES } from '../../src/playbook/default-playbooks.ts'
import { loadPlaybookFile } from '../../src/playbook/load-playbook.ts'
import { loadSimulationHistory } from '../../src/store/engine/simulation.repository.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { createTenant, IBM_SAMPLE, tempDir } from '../intake/import-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { withIbmSample } from '../support/ibm-sample.ts'
import { engineCounts } from './engine-fixtures.ts'

const B2B = DEFAULT_PLAYBOOK_FILES.find((file) => file.endsWith('b2b-invoice.yaml')) as string
// Half a year inside the sample (invoices 2012-01-03 .. 2013-12-02, payments up to 2014-01-09): accounts
// opened before the window are picked up where they stand, and some are still owing at its end.
const FROM = '2013-01-01'
const TO = '2013-06-30'
const COUNTS = [
  'entered',
  'escalated',
  'actions',
  'wouldSend',
  'awaitingApproval',
  'blocked',
  'deferred',
  'paid',
] as const

withIbmSample('simulate the B2B playbook over the IBM sample', () => {
  describeEachDatabase('simulate the B2B playbook over the IBM sample', ({ store }) => {
    let tenant: Tenant
    beforeAll(async () => {
      tenant = await createTenant(store(), 'ibm-sim')
      const rejectsPath = join(tempDir('recoup-sim-'), 'rejects.csv')
      await importFile(store(), { file: IBM_SAMPLE, tenant, preset: 'ibm-ar', rejectsPath })
    })

    const simulate = async (from = FROM, to = TO): Promise<SimulationReport> =>
      simulatePlaybooks({
        ...(await loadSimulationHistory(store().db, tenant.id, to)),
        from,
        to,
        tenantZone: tenant.time_zone,
        collectorType: 'original_creditor',
        playbooks: [compilePlaybook(loadPlaybookFile(B2B))],
        evaluateCompliance,
        sendTime: DEFAULT_SEND_TIME,
      })

    it('writes nothing and gives the same report twice', async () => {
      const first = await simulate()
      expect(await engineCounts(store().db, tenant.id)).toEqual({ decisions: 0, outbox: 0, states: 0 })
      expect(await simulate()).toEqual(first)
      expect(first).toMatchObject({ from: FROM, to: TO, days: 181, playbooks: [{ id: 'b2b-invoice' }] })
      expect(first.accounts.replayed).toBe(2466)
    })

    it('adds the rows up to the totals, per stage and per variant', async () => {
      const report = await simulate()
      const sum: SimulationTally = {
        entered: 0,
        escalated: 0,
        actions: 0,
        wouldSend: 0,
        awaitingApproval: 0,
        blocked: 0,
        deferred: 0,
        paid: 0,
        byAction: {},
        blockedByRule: {},
      }
      for (const row of report.rows) {
        for (const key of COUNTS) sum[key] += row[key]
        for (const [k, n] of Object.entries(row.byAction)) sum.byAction[k] = (sum.byAction[k] ?? 0) + n
        for (const [k, n] of Object.entries(row.blockedByRule))
          sum.blockedByRule[k] = (sum.blockedByRule[k] ?? 0) + n
        expect(row.wouldSend + row.awaitingApproval + row.blocked).toBe(row.actions)
      }
      expect(sum).toEqual(report.totals)
      // The split 80/20 champion/challenger shows up as two variants of the first stage.
      const preDue = report.rows.filter((r) => r.stage === 'pre_due').map((r) => r.variant)
      expect(preDue.sort()).toEqual(['champion', 'sms_early'])
      expect(report.totals.escalated).toBeGreaterThan(0)
    })

    it('stops treatment on the day the real debtor paid', async () => {
      const report = await simulate()
      // Expected from the ledger itself: owing the day before (charged earlier) and paid inside the window
      // after its first day (an account paid on the first day is never seen owing).
      const entries = await store()
        .db.selectFrom('ledger_entries')
        .select(['account_id', 'kind', 'effective_on'])
        .where('tenant_id', '=', tenant.id)
        .execute()
      const charged = new Map(
        entries.filter((e) => e.kind === 'charge').map((e) => [e.account_id, e.effective_on]),
      )
      const paidInWindow = entries.filter(
        (e) =>
          e.kind === 'payment' &&
          e.effective_on > FROM &&
          e.effective_on <= TO &&
          (charged.get(e.account_id) ?? TO) < e.effective_on,
      ).length
      expect(paidInWindow).toBeGreaterThan(500)
      expect(report.stoppedByPayment).toEqual({ accounts: paidInWindow, actionsAfterPayment: 0 })
      expect(report.totals.paid).toBe(paidInWindow)
      expect(report.rows.filter((r) => r.stage === 'resolved').reduce((n, r) => n + r.entered, 0)).toBe(
        paidInWindow,
      )
      expect(report.accounts.openAtEnd).toBe(report.accounts.treated - paidInWindow)
    })
  })
})
