/**
 * The playbooks Recoup ships: a B2B invoice ladder and a consumer agency strategy. They live as YAML
 * under `playbooks/` at the repository root so operators can copy and edit them; this module finds them
 * relative to itself, so it works from any working directory.
 */
import { fileURLToPath } from 'node:url'
import type { PlaybookDocument } from '../core/playbook/playbook-document.ts'
import { loadPlaybookFile } from './load-playbook.ts'

/** Absolute paths of the shipped playbook files. */
export const DEFAULT_PLAYBOOK_FILES: readonly string[] = ['b2b-invoice.yaml', 'consumer-agency.yaml'].map(
  (name) => fileURLToPath(new URL(`../../playbooks/${name}`, import.meta.url)),
)

/** Loads and validates the shipped playbooks (throws `invalid_playbook` if one was broken by an edit). */
export function loadDefaultPlaybooks(): PlaybookDocument[] {
  return DEFAULT_PLAYBOOK_FILES.map((file) => loadPlaybookFile(file))
}
