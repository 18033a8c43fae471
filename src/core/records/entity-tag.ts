import { createHash } from 'node:crypto'
import { AppError } from '../errors/index.ts'

/**
 * Strong entity tags for updatable records (debtors, contact points): a digest of the representation
 * the API shows, so any change to what a client read changes the tag, with no version column to keep.
 * An update names the version it changes in `If-Match`; none is `precondition_required` (428), another
 * `precondition_failed` (412): two people editing the same debtor cannot silently undo each other.
 */
export function entityTag(representation: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(representation)).digest('base64url')
  return `"${digest.slice(0, 27)}"`
}

/** Refuses an update whose `If-Match` is missing or names another version than `current`. */
export function requireMatch(ifMatch: string | undefined, current: string, what: string): void {
  if (ifMatch === undefined || ifMatch.trim() === '')
    throw new AppError(
      'precondition_required',
      `updating ${what} needs If-Match with the ETag of the version you read (GET it first)`,
      { header: 'If-Match' },
    )
  const tags = ifMatch.split(',').map((tag) => tag.trim())
  if (tags.includes('*') || tags.includes(current)) return
  throw new AppError(
    'precondition_failed',
    `${what} changed since the version named in If-Match; read it again`,
    {
      header: 'If-Match',
    },
  )
}
