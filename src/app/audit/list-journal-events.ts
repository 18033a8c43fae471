import { requireLocalDate } from '../../core/calendar/instant.ts'
import { addDays } from '../../core/calendar/local-date.ts'
import { type Page, pageOf, pageRequest } from '../../core/paging/page-cursor.ts'
import { listJournalEventsPage } from '../../store/operations/operations.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type VerifyJournalResult, verifyJournal } from './verify-journal.ts'

export interface ListJournalEventsInput {
  readonly type?: string
  /** The journal label of who acted: `user:12`, `api_key:3`, `system:cli`. */
  readonly actor?: string
  /** First day (UTC) of events listed. */
  readonly from?: string
  /** Last day (UTC) of events listed. */
  readonly to?: string
  readonly limit?: number
  readonly cursor?: string
  readonly sort?: string
}

/** One journal event as listed: what happened, who did it, when, to what (no payload: it may hold personal data). */
export interface JournalEventView {
  readonly seq: number
  readonly type: string
  readonly actor: string
  readonly occurredAt: string
  readonly subject: string | null
}

/** The tenant's audit journal in seq order, filtered by type, actor and UTC days. */
export async function listJournalEvents(
  ctx: AppContext,
  input: ListJournalEventsInput = {},
): Promise<Page<JournalEventView>> {
  authorize(ctx.actor, 'audit.read')
  requireAllClients(ctx.actor, 'read the audit journal')
  const page = pageRequest(input, ['seq'] as const, { field: 'seq', direction: 'asc' })
  const from = input.from === undefined ? undefined : requireLocalDate(input.from, 'from')
  const to = input.to === undefined ? undefined : requireLocalDate(input.to, 'to')
  const rows = await listJournalEventsPage(
    ctx.store.db,
    ctx.actor.tenant.id,
    {
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(input.actor !== undefined ? { actor: input.actor } : {}),
      ...(from !== undefined ? { since: `${from}T00:00:00.000Z` } : {}),
      ...(to !== undefined ? { until: `${addDays(to, 1)}T00:00:00.000Z` } : {}),
    },
    page,
  )
  const cut = pageOf(rows, page, (r) => ({ value: r.seq, id: r.id }))
  return {
    items: cut.items.map((r) => ({
      seq: r.seq,
      type: r.type,
      actor: r.actor,
      occurredAt: r.occurred_at,
      subject: r.subject,
    })),
    nextCursor: cut.nextCursor,
  }
}

/** Verifies the actor's tenant's journal (hash chain and row coverage), as `recoup audit verify --tenant`. */
export async function verifyTenantJournal(ctx: AppContext): Promise<VerifyJournalResult> {
  authorize(ctx.actor, 'audit.verify')
  requireAllClients(ctx.actor, 'verify the audit journal')
  return verifyJournal(ctx, { tenant: ctx.actor.tenant.slug })
}
