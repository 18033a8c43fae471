import { AppError } from '../../core/errors/index.ts'
import {
  type CommissionTerms,
  checkCommissionTerms,
  PARTNER_KINDS,
  type PartnerKind,
  REMIT_MODES,
  type RemitMode,
} from '../../core/placements/commission-terms.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import {
  insertPartner,
  listPartners as listRows,
  type PartnerRow,
} from '../../store/placements/placement.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'

/** A partner as callers see it. */
export interface PartnerView {
  readonly code: string
  readonly name: string
  readonly kind: PartnerKind
  readonly remit: RemitMode
  readonly terms: CommissionTerms
  readonly createdAt: string
}

export interface AddPartnerInput {
  readonly code: string
  readonly name: string
  readonly kind: string
  readonly remit: string
  /** Commission terms as sent (checked strictly by src/core/placements/commission-terms.ts). */
  readonly terms: unknown
}

const CODE = /^[a-z0-9][a-z0-9_-]{0,63}$/
const invalid = (field: string, message: string) =>
  new AppError('invalid_partner', `${field}: ${message}`, { field })

/** The stored row as a view (terms parsed; they were checked when stored). */
export function partnerView(row: PartnerRow): PartnerView {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    remit: row.remit,
    terms: JSON.parse(row.terms) as CommissionTerms,
    createdAt: new Date(row.created_at).toISOString(),
  }
}

/**
 * Adds a collection agency or law firm with its commission terms; the code is what playbooks
 * (`place_with_agency: { agency: CODE }`) and people name it by. Journaled as `partner.added`.
 */
export async function addPartner(ctx: AppContext, input: AddPartnerInput): Promise<PartnerView> {
  authorize(ctx.actor, 'placements.manage')
  if (typeof input.code !== 'string' || !CODE.test(input.code))
    throw invalid(
      'code',
      'lower-case letters, digits, "-" and "_", at most 64, starting with a letter or digit',
    )
  const name = typeof input.name === 'string' ? input.name.trim() : ''
  if (!name || name.length > 200) throw invalid('name', 'a name of 1 to 200 characters is needed')
  if (!(PARTNER_KINDS as readonly string[]).includes(input.kind))
    throw invalid('kind', `must be one of ${PARTNER_KINDS.join(', ')}`)
  if (!(REMIT_MODES as readonly string[]).includes(input.remit))
    throw invalid('remit', `must be one of ${REMIT_MODES.join(', ')}`)
  const checked = checkCommissionTerms(input.terms)
  if (!checked.ok) throw invalid(checked.field, checked.reason)
  return inTransaction(ctx, async (trx) => {
    const row = await insertPartner(trx, {
      tenant_id: ctx.actor.tenant.id,
      code: input.code,
      name,
      kind: input.kind as PartnerKind,
      remit: input.remit as RemitMode,
      terms: JSON.stringify(checked.terms),
    })
    if (!row)
      throw new AppError('partner_exists', `a partner with code "${input.code}" already exists`, {
        field: 'code',
      })
    await appendJournalEvent(trx, {
      tenantId: ctx.actor.tenant.id,
      type: 'partner.added',
      actor: actorLabel(ctx.actor),
      subject: `partner:${row.id}`,
      payload: { code: row.code, kind: row.kind, remit: row.remit, terms: checked.terms },
    })
    return partnerView(row)
  })
}

/** The tenant's partners, by code. */
export async function listPartners(ctx: AppContext): Promise<PartnerView[]> {
  authorize(ctx.actor, 'placements.read')
  return (await listRows(ctx.store.db, ctx.actor.tenant.id)).map(partnerView)
}
