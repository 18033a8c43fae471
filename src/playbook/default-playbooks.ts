/**
 * The playbooks Recoup ships: a B2B invoice ladder and a consumer agency strategy. They live as YAML
 * under `playbooks/` at the repository root so operators can copy and edit them; this module finds them
 * relative to itself, so it works from any working directory.
 */
import { statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { PlaybookDocument } from '../core/playbook/playbook-document.ts'
import { loadPlaybookFile } from './load-playbook.ts'

/** Absolute paths of the shipped playbook files. */
export const DEFAULT_PLAYBOOK_FILES: readonly string[] = ['b2b-invoice.yaml', 'consumer-agency.yaml'].map(
  (name) => fileURLToPath(new URL(`../../playbooks/${name}`, import.meta.url)),
)

/** The files as last parsed, with the modification time and size they had then. */
const parsed = new Map<string, { stamp: string; document: PlaybookDocument }>()

/**
 * Loads and validates the shipped playbooks (throws `invalid_playbook` if one was broken by an edit).
 * A file is parsed again only when its modification time or size changed (re-deciding an account
 * after each payment asks for them every time); callers get their own copy.
 */
export function loadDefaultPlaybooks(): PlaybookDocument[] {
  return DEFAULT_PLAYBOOK_FILES.map((file) => {
    const stat = statSync(file)
    const stamp = `${stat.mtimeMs}:${stat.size}`
    let entry = parsed.get(file)
    if (entry?.stamp !== stamp) {
      entry = { stamp, document: loadPlaybookFile(file) }
      parsed.set(file, entry)
    }
    return structuredClone(entry.document)
  })
}

/** What identifies the shipped files' current content (their modification times and sizes). */
export function defaultPlaybooksStamp(): string {
  return DEFAULT_PLAYBOOK_FILES.map((file) => {
    const stat = statSync(file)
    return `${stat.mtimeMs}:${stat.size}`
  }).join('|')
}
