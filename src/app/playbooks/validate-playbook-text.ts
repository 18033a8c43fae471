import { AppError } from '../../core/errors/index.ts'
import { parsePlaybookText } from '../../playbook/load-playbook.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'

/** A playbook document that validated: what it is, without saving anything. */
export interface ValidatedPlaybook {
  readonly id: string
  readonly version: number
  readonly description: string | null
  readonly stages: readonly string[]
}

const MAX_PLAYBOOK_CHARS = 1_000_000

/**
 * Validates playbook text (YAML or JSON) with the loader the daily run uses (src/playbook): every
 * problem is listed in the `invalid_playbook` error's details with its line, column and field path.
 * Nothing is saved: it is the check before a simulation or before a file goes into playbooks/.
 */
export async function validatePlaybookText(
  ctx: AppContext,
  input: { readonly text: string; readonly format?: 'yaml' | 'json' },
): Promise<ValidatedPlaybook> {
  authorize(ctx.actor, 'playbooks.simulate')
  if (input.text.length > MAX_PLAYBOOK_CHARS)
    throw new AppError('invalid_playbook', `the playbook is over ${MAX_PLAYBOOK_CHARS} characters`, {
      field: 'document',
    })
  const name =
    input.format === 'json' ? 'playbook.json' : input.format === 'yaml' ? 'playbook.yaml' : 'playbook'
  const playbook = parsePlaybookText(input.text, name)
  return {
    id: playbook.id,
    version: playbook.version,
    description: playbook.description ?? null,
    stages: playbook.stages.map((s) => s.key),
  }
}
