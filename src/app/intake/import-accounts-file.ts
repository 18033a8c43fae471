import { importFile } from '../../intake/import-file.ts'
import type { ImportOptions, ImportProgress, ImportSummary } from '../../intake/import-options.ts'
import { actorLabel } from '../actor.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** What to import: the file and how to read it; the tenant and the journal's actor come from the context. */
export type ImportAccountsFileInput = Omit<ImportOptions, 'tenant' | 'actor'> & {
  readonly onProgress?: (progress: ImportProgress) => void
}

/**
 * Imports a CSV or XLSX file of accounts into the actor's tenant (`recoup import`, later the web app's
 * upload): idempotent by external ids, rejected rows to a reject file, every batch journaled with the
 * actor. A summary with `rejected > 0` is a partial success (exit 3 on the CLI), not an error.
 */
export async function importAccountsFile(
  ctx: AppContext,
  input: ImportAccountsFileInput,
): Promise<ImportSummary> {
  authorize(ctx.actor, 'accounts.import')
  requireAllClients(ctx.actor, 'import accounts')
  const { onProgress, ...options } = input
  return importFile(
    ctx.store,
    { ...options, tenant: ctx.actor.tenant, actor: actorLabel(ctx.actor) },
    onProgress,
  )
}
