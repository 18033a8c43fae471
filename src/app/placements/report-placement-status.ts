import { localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import type { FieldError } from '../../core/intake/row-reader.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { partnerByCode } from '../../store/placements/placement.repository.ts'
import { insertPlacementUpdate, placementsByIds } from '../../store/placements/remittance.repository.ts'
import type { PartnerReportedStatus } from '../../store/schema.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** What a partner may report on a placement (docs/placements.md, "Status updates in"). */
export const PARTNER_REPORTED_STATUSES: readonly PartnerReportedStatus[] = [
  'contacted',
  'no_contact',
  'promise',
  'payment_plan',
  'dispute_reported',
  'uncollectable',
  'recall_requested',
]
/** The reports that ask us to act: a person reviews them (recall, or open the dispute). */
const ATTENTION: ReadonlySet<string> = new Set(['dispute_reported', 'uncollectable', 'recall_requested'])
const MAX_UPDATES = 1000
const MAX_NOTE = 2000

export interface PlacementStatusUpdate {
  /** The placement id from the placement file. */
  readonly placementId: number
  /** The account's external id (must be the placement's). */
  readonly account: string
  readonly status: string
  /** The day the partner reports it for (default today in the tenant's zone). */
  readonly on?: string
  readonly note?: string
}

export interface PlacementStatusResult {
  readonly index: number
  readonly placementId: number
  readonly outcome: 'recorded' | 'error'
  /** True for dispute_reported, uncollectable and recall_requested: a person decides what follows. */
  readonly needsAttention: boolean
  readonly problems: FieldError[]
}

/**
 * Records a partner's status reports on its placements: each is checked and matched to the
 * partner's placement and account; good ones are kept when others are bad. Nothing changes by itself:
 * a reported dispute, an "uncollectable" or a recall request is flagged `needsAttention`, journaled
 * (`placement.status_reported`) and shown on the placement, and a person recalls the account or
 * opens the dispute (`recoup placement recall`, `recoup dispute open`).
 */
export async function reportPlacementStatus(
  ctx: AppContext,
  input: { partner: string; updates: readonly PlacementStatusUpdate[] },
): Promise<PlacementStatusResult[]> {
  authorize(ctx.actor, 'placements.manage')
  requireAllClients(ctx.actor, 'take in partner status updates')
  const tenant = ctx.actor.tenant
  if (!Array.isArray(input.updates) || input.updates.length === 0 || input.updates.length > MAX_UPDATES)
    throw new AppError('invalid_placement_update', `updates: 1 to ${MAX_UPDATES} status updates`, {
      field: 'updates',
    })
  const today = localDateAt(new Date(), tenant.time_zone)
  const by = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    const partner = await partnerByCode(trx, tenant.id, input.partner)
    if (!partner)
      throw new AppError('partner_not_found', `no partner with code "${input.partner}" in this tenant`, {
        field: 'partner',
      })
    const placements = await placementsByIds(
      trx,
      tenant.id,
      input.updates.map((u) => u.placementId).filter((id) => Number.isSafeInteger(id) && id > 0),
    )
    const results: PlacementStatusResult[] = []
    const recorded: { placementId: number; account: string; status: string; on: string }[] = []
    for (const [index, u] of input.updates.entries()) {
      const problems: FieldError[] = []
      const placement = placements.get(u.placementId)
      if (!placement || placement.partnerId !== partner.id)
        problems.push({
          field: 'placementId',
          reason: `no placement ${u.placementId} with partner ${partner.code} in this tenant`,
        })
      else if (placement.account !== u.account)
        problems.push({
          field: 'account',
          reason: `placement ${placement.id} is account ${placement.account}`,
        })
      if (!(PARTNER_REPORTED_STATUSES as readonly string[]).includes(u.status))
        problems.push({ field: 'status', reason: `must be one of ${PARTNER_REPORTED_STATUSES.join(', ')}` })
      let on = today
      if (u.on !== undefined) {
        const parsed = parseLocalDate(u.on)
        if (!parsed.ok) problems.push({ field: 'on', reason: parsed.reason })
        else if (parsed.date > today) problems.push({ field: 'on', reason: `${parsed.date} is after today` })
        else on = parsed.date
      }
      const note = typeof u.note === 'string' ? u.note.trim() : ''
      if (note.length > MAX_NOTE) problems.push({ field: 'note', reason: `at most ${MAX_NOTE} characters` })
      const needsAttention = ATTENTION.has(u.status)
      if (problems.length === 0 && placement) {
        await insertPlacementUpdate(trx, {
          tenantId: tenant.id,
          placementId: placement.id,
          status: u.status as PartnerReportedStatus,
          reportedOn: on,
          note: note || null,
          reportedBy: by,
        })
        recorded.push({ placementId: placement.id, account: placement.account, status: u.status, on })
      }
      results.push({
        index,
        placementId: u.placementId,
        outcome: problems.length === 0 ? 'recorded' : 'error',
        needsAttention: problems.length === 0 && needsAttention,
        problems,
      })
    }
    if (recorded.length > 0)
      await appendJournalEvent(trx, {
        tenantId: tenant.id,
        type: 'placement.status_reported',
        actor: by,
        subject: `partner:${partner.id}`,
        payload: { partner: partner.code, updates: recorded },
      })
    return results
  })
}
