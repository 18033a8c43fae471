import { AppError } from '../../core/errors/index.ts'
import type { CoverTable } from '../../core/journal/row-digest.ts'
import { appendJournalEvent, lockJournalHead, verifyJournalChainIn } from '../../store/journal.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

export interface BaselineJournalInput {
  /** Why the operator vouches for these rows (an upgrade, a migration from another system). */
  readonly reason: string
}

export interface BaselineJournalResult {
  readonly tenant: string
  /** Rows the baseline event now vouches for, per table (all zero: nothing needed a baseline). */
  readonly covered: Readonly<Record<CoverTable, number>>
  /** The baseline event's seq; null when no row needed one and no event was written. */
  readonly seq: number | null
}

/**
 * Vouches, in one journal event, for every ledger line and payment of the tenant that no event covers
 * yet: rows written before journal covers existed (docs/audit.md), or loaded by hand from another
 * system. It is the operator's statement that the books as they stand are right, so it refuses when the
 * chain or any existing cover fails to verify (a baseline must never paper over tampering); it takes
 * the journal head lock first, so no writer commits rows between the check and the event.
 */
export async function baselineJournal(
  ctx: AppContext,
  input: BaselineJournalInput,
): Promise<BaselineJournalResult> {
  authorize(ctx.actor, 'audit.baseline')
  requireAllClients(ctx.actor, 'baseline the journal')
  const reason = input.reason.trim()
  if (!reason) throw new AppError('invalid_reason', 'a baseline needs a reason (--reason)')
  const { tenant } = ctx.actor
  return inTransaction(ctx, async (trx) => {
    await lockJournalHead(trx, tenant.id)
    const verified = await verifyJournalChainIn(trx, tenant.id, { coverage: true, listUnrecorded: true })
    if (verified.firstBreak || !verified.unrecorded) {
      const at = verified.firstBreak?.seq != null ? ` at seq ${verified.firstBreak.seq}` : ''
      throw new AppError(
        'journal_broken',
        `the journal of ${tenant.slug} does not verify${at} (${verified.firstBreak?.reason ?? 'unknown'}); investigate with recoup audit verify before any baseline`,
        { tenant: tenant.slug },
      )
    }
    const unrecorded = verified.unrecorded
    const covered = {
      ledger_entries: unrecorded.ledger_entries.length,
      payments: unrecorded.payments.length,
      payment_status: unrecorded.payment_status.length,
    }
    if (covered.ledger_entries + covered.payments + covered.payment_status === 0) {
      return { tenant: tenant.slug, covered, seq: null }
    }
    const event = await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'journal.baseline',
      actor: actorLabel(ctx.actor),
      subject: `tenant:${tenant.slug}`,
      payload: { reason, rows: covered },
      covers: (Object.keys(unrecorded) as CoverTable[])
        .filter((table) => unrecorded[table].length > 0)
        .map((table) => ({ table, ids: unrecorded[table] })),
    })
    return { tenant: tenant.slug, covered, seq: event.seq }
  })
}
