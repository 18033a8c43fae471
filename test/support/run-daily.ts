import { systemActor } from '../../src/app/actor.ts'
import { startDailyRun } from '../../src/app/engine/start-daily-run.ts'
import type { RunDailyOptions, RunDailyResult } from '../../src/engine/run-daily.service.ts'

/** The daily run as `recoup run` starts it (money first, then decisions), with the engine's options. */
export function runDaily(
  store: Parameters<typeof startDailyRun>[0]['store'],
  options: RunDailyOptions,
): Promise<RunDailyResult> {
  const { tenant, ...input } = options
  return startDailyRun({ store, actor: systemActor(tenant, 'daily-run') }, input)
}
