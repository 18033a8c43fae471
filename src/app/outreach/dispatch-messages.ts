import { AppError } from '../../core/errors/index.ts'
import { letterKindOf, letterPaperOf } from '../../core/outreach/letter-kind.ts'
import type { MessageRenderer } from '../../core/outreach/message-renderer.ts'
import {
  type DispatchCounts,
  Dispatcher,
  type DispatcherOptions,
  type LetterDocuments,
} from '../../outreach/dispatch/dispatcher.ts'
import { templateRenderer } from '../../outreach/render/template-renderer.ts'
import { createDueCallTasks } from '../../outreach/tasks/create-call-tasks.ts'
import type { Store } from '../../store/connect.ts'
import { documentRowsOf } from '../../store/documents/document-facts.repository.ts'
import { systemActor } from '../actor.ts'
import { documentFactsFor } from '../documents/render-account-document.ts'
import { carryOutPlacements } from '../placements/carry-out-placements.ts'
import { bookPortalCharges } from '../portal/book-portal-charges.ts'

export interface DispatchMessagesInput {
  readonly senders: DispatcherOptions['senders']
  readonly links: DispatcherOptions['links']
  readonly renderer?: MessageRenderer
  /** Attach PDFs to emails when the default renderer is used (RECOUP_MAIL_ATTACHMENTS; default true). */
  readonly attachments?: boolean
  /** Act as if it were this instant (replays, tests); default: the clock. */
  readonly at?: Date
  readonly batchSize?: number
  /** Keep dispatching every `intervalMs` until aborted (the `--watch` mode and `recoup serve`). */
  readonly watch?: { readonly intervalMs: number }
  readonly signal?: AbortSignal
  /** Called after every pass that did something. */
  readonly onPass?: (counts: DispatchCounts) => void
}

/**
 * The document of a letter action, with the account's facts on the mailing date as `recoup document`
 * builds them (statutory interest, cheque facts, limitation): the paper and the document kind follow
 * the account's jurisdiction (src/core/outreach/letter-kind.ts).
 */
export function letterDocuments(store: Store): LetterDocuments {
  return async ({ tenant, account, action, mailingDate, contactPointId }) => {
    const rows = await documentRowsOf(store.db, tenant.id, account)
    if (!rows)
      throw new AppError('account_not_found', `no account with external id "${account}" in this tenant`)
    const kind = letterKindOf(action, rows.account.jurisdiction)
    const paper = letterPaperOf(rows.account.jurisdiction)
    const { facts } = await documentFactsFor(
      { store, actor: systemActor(tenant, 'dispatcher') },
      { kind, account, mailingDate, paper, ...(contactPointId !== null ? { contactPointId } : {}) },
    )
    // The address the send-time check passed, or nothing: a letter is never printed without one.
    if (facts.debtor.addressLines.length <= 1)
      throw new AppError(
        'missing_document_facts',
        `account ${account}: the postal contact point has no address on file`,
      )
    return { kind, facts, paper }
  }
}

/**
 * Sends what is due in the outbox across all tenants: the dispatcher is a system process like the
 * daily-run workers, so it takes the store, not one tenant's actor. Without `watch` it returns once
 * nothing is due; with it, it passes again every interval until the signal aborts.
 */
export async function dispatchMessages(store: Store, input: DispatchMessagesInput): Promise<DispatchCounts> {
  const at = input.at
  const dispatcher = new Dispatcher({
    store,
    senders: input.senders,
    links: input.links,
    renderer: input.renderer ?? templateRenderer({ attachments: input.attachments ?? true }),
    letters: letterDocuments(store),
    ...(at ? { now: () => at } : {}),
    ...(input.batchSize ? { batchSize: input.batchSize } : {}),
  })
  // Due call rows become collector tasks (src/outreach/tasks/), approved placement rows placements
  // (before any message of the pass, so a just-placed account is held); letters and emails are the
  // dispatcher's. Portal card charges a crash left out of the books are booked
  // (src/app/portal/book-portal-charges.ts).
  await carryOutPlacements(store, at ?? new Date())
  await createDueCallTasks(store.db, at ?? new Date())
  await bookPortalCharges(store, at ?? new Date())
  const total = await dispatcher.dispatchAll(input.signal)
  if (total.queued + total.sent + total.failed + total.suppressed + total.retried > 0) input.onPass?.(total)
  if (!input.watch) return total
  while (!input.signal?.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, input.watch?.intervalMs)
      input.signal?.addEventListener('abort', () => {
        clearTimeout(timer)
        resolve()
      })
    })
    if (input.signal?.aborted) break
    await carryOutPlacements(store, at ?? new Date())
    await createDueCallTasks(store.db, at ?? new Date())
    await bookPortalCharges(store, at ?? new Date())
    const counts = await dispatcher.dispatchAll(input.signal)
    for (const key of Object.keys(total) as (keyof DispatchCounts)[]) total[key] += counts[key]
    if (counts.queued + counts.sent + counts.failed + counts.suppressed + counts.retried > 0)
      input.onPass?.(counts)
  }
  return total
}
