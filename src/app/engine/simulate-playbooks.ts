import { daysBetween } from '../../core/calendar/local-date.ts'
import { evaluateCompliance } from '../../core/compliance/evaluate-compliance.ts'
import { AppError } from '../../core/errors/index.ts'
import { compilePlaybook } from '../../core/playbook/compile-playbook.ts'
import type { PlaybookDocument } from '../../core/playbook/playbook-document.ts'
import { engineSettingsOf } from '../../engine/daily-run.ts'
import { simulatePlaybooks as replay, type SimulationReport } from '../../engine/simulate-playbook.ts'
import { tenantPlaybooks } from '../../playbook/tenant-playbooks.ts'
import { loadSimulationHistory } from '../../store/engine/simulation.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** Longest window a simulation replays (ten years): a guard against a typo in a year. */
export const MAX_SIMULATION_DAYS = 3660

export interface SimulatePlaybooksInput {
  /** First and last day replayed (YYYY-MM-DD, already parsed). */
  readonly from: string
  readonly to: string
  /** Playbooks to replay (default: the tenant's effective set, src/playbook/tenant-playbooks.ts). */
  readonly playbooks?: readonly PlaybookDocument[]
}

/**
 * What the playbooks would have done over past days for the actor's tenant, replayed from the recorded
 * ledger. Sends and writes nothing.
 */
export async function simulatePlaybooks(
  ctx: AppContext,
  input: SimulatePlaybooksInput,
): Promise<SimulationReport> {
  authorize(ctx.actor, 'playbooks.simulate')
  requireAllClients(ctx.actor, 'simulate playbooks')
  const { from, to } = input
  const days = daysBetween(from, to) + 1
  if (days < 1) throw new AppError('invalid_option', `--from (${from}) must not be after --to (${to})`)
  if (days > MAX_SIMULATION_DAYS) {
    throw new AppError('invalid_option', `the window is ${days} days; at most ${MAX_SIMULATION_DAYS}`)
  }
  const { tenant } = ctx.actor
  const history = await loadSimulationHistory(ctx.store.db, tenant.id, to)
  return replay({
    ...history,
    from,
    to,
    tenantZone: tenant.time_zone,
    collectorType: tenant.kind === 'agency' ? 'third_party' : 'original_creditor',
    playbooks: (
      input.playbooks ?? (await tenantPlaybooks(ctx.store.db, tenant.id)).map((p) => p.document)
    ).map(compilePlaybook),
    evaluateCompliance,
    ...engineSettingsOf(tenant),
  })
}
