import { localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { placementFileCsv, placementFileRow } from '../../core/placements/placement-file.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { partnerByCode } from '../../store/placements/placement.repository.ts'
import { placementFileInputs } from '../../store/placements/placement-file.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

export interface ExportPlacementFileInput {
  /** The partner's code: the file lists its active placements. */
  readonly partner: string
  /** The day the itemization and balances run to; default today in the tenant's zone. */
  readonly asOf?: string
}

export interface PlacementFile {
  readonly partner: string
  readonly asOf: string
  readonly accounts: number
  /** The CSV text (docs/placements.md, "Placement file"). */
  readonly csv: string
}

/**
 * The placement file for a partner: one row per active placement with the debtor, contact points,
 * address, the Reg F itemization, balance, dates and the dispute/attorney/bankruptcy/deceased/cease
 * flags. Handing personal data to a third party is journaled (`placement.file_exported`, the
 * placement ids and the day), so the audit answers who sent which accounts to whom.
 */
export async function exportPlacementFile(
  ctx: AppContext,
  input: ExportPlacementFileInput,
): Promise<PlacementFile> {
  authorize(ctx.actor, 'placements.manage')
  requireAllClients(ctx.actor, 'export a placement file')
  const tenant = ctx.actor.tenant
  const asOf = input.asOf ?? localDateAt(new Date(), tenant.time_zone)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new AppError('invalid_date', 'asOf: a date YYYY-MM-DD', { field: 'asOf' })
  return inTransaction(ctx, async (trx) => {
    const partner = await partnerByCode(trx, tenant.id, input.partner)
    if (!partner)
      throw new AppError('partner_not_found', `no partner with code "${input.partner}" in this tenant`, {
        field: 'partner',
      })
    const inputs = await placementFileInputs(trx, tenant.id, partner.id, new Date().toISOString())
    const csv = placementFileCsv(inputs.map((i) => placementFileRow(i, asOf)))
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'placement.file_exported',
      actor: actorLabel(ctx.actor),
      subject: `partner:${partner.id}`,
      payload: { partner: partner.code, asOf, placements: inputs.map((i) => i.placementId) },
    })
    return { partner: partner.code, asOf, accounts: inputs.length, csv }
  })
}
