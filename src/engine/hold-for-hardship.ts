import type { AccountSnapshot } from '../core/engine/account-snapshot.ts'
import { hardshipPauseActive } from '../core/hardship/hardship.ts'
import type { PlaybookOutcome, StrategyState } from '../core/playbook/account-facts.ts'

/**
 * While a hardship pause covers the day, the playbook's outcome is held: no actions are scheduled and
 * the account keeps its stage and step, so the held steps are proposed again once the pause ends
 * (holding, not skipping). A new account enters its first stage with no step done. The trace says so.
 * Returns the outcome unchanged (and `held: false`) when no pause is active.
 */
export function holdForHardship(
  snapshot: AccountSnapshot,
  asOf: string,
  previous: StrategyState | null,
  outcome: PlaybookOutcome,
): { outcome: PlaybookOutcome; held: boolean } {
  const { pause } = hardshipPauseActive(snapshot.hardshipPauses, asOf)
  if (!pause) return { outcome, held: false }
  const state = previous ?? { ...outcome.state, nextStep: 0 }
  return {
    outcome: {
      state,
      stageChanged: previous === null ? outcome.stageChanged : false,
      actions: [],
      trace: {
        ...outcome.trace,
        toStage: state.stage,
        fired: [...outcome.trace.fired, `hardship pause until ${pause.to}: contacts held`],
      },
    },
    // Worth recording only when the playbook wanted to do something today.
    held: outcome.actions.length > 0 || outcome.stageChanged,
  }
}
