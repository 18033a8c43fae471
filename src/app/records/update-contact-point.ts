import { isTimeZone } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { requireMatch } from '../../core/records/entity-tag.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { contactPointRow, updateContactPointRow } from '../../store/records/debtors-read.repository.ts'
import type { ConsentState } from '../../store/schema.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { publicContactPoint } from './list-debtors.ts'

/** What a contact-point update may change. */
export interface UpdateContactPointRequest {
  readonly contactPoint: number
  readonly ifMatch: string | undefined
  /** granted or revoked (as the debtor said); a revocation also records the opt-out time. */
  readonly consent?: 'granted' | 'revoked'
  /** The IANA zone of this number or address; null falls back to the debtor's. */
  readonly timeZone?: string | null
}

const notFound = (id: number) =>
  new AppError('contact_point_not_found', `no contact point ${id} in this tenant`)

/**
 * Records the debtor's consent (or its revocation) and the zone of one contact point, if `If-Match`
 * names the current version (else 428/412); journaled with the actor. Consent granted does not undo
 * an earlier opt-out (`optedOutAt` stays): only the debtor's new opt-in, recorded elsewhere, does.
 */
export async function updateContactPoint(ctx: AppContext, request: UpdateContactPointRequest) {
  authorize(ctx.actor, 'debtors.update')
  if (request.consent !== undefined && request.consent !== 'granted' && request.consent !== 'revoked')
    throw new AppError('invalid_request', `consent must be granted or revoked, not "${request.consent}"`, {
      field: 'consent',
    })
  const zone = request.timeZone
  if (typeof zone === 'string' && !isTimeZone(zone))
    throw new AppError('invalid_time_zone', `timeZone "${zone}" is not an IANA time zone`, {
      field: 'timeZone',
    })
  const { tenant, clientIds } = ctx.actor
  return inTransaction(ctx, async (trx) => {
    const row = await contactPointRow(trx, tenant.id, request.contactPoint, clientIds, true)
    if (!row) throw notFound(request.contactPoint)
    requireMatch(request.ifMatch, publicContactPoint(row).etag, `contact point ${request.contactPoint}`)
    const now = new Date().toISOString()
    const consent: { consent?: ConsentState; consent_at?: string; opted_out_at?: string } =
      request.consent === undefined || request.consent === row.consent
        ? {}
        : {
            consent: request.consent,
            consent_at: now,
            ...(request.consent === 'revoked' && row.optedOutAt === null ? { opted_out_at: now } : {}),
          }
    const set = { ...consent, ...(zone === undefined ? {} : { time_zone: zone }) }
    await updateContactPointRow(trx, row.id, set)
    const updated = {
      ...row,
      ...(consent.consent === undefined ? {} : { consent: consent.consent, consentAt: now }),
      ...(consent.opted_out_at === undefined ? {} : { optedOutAt: now }),
      ...(zone === undefined ? {} : { timeZone: zone }),
    }
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'contact_point.updated',
      actor: actorLabel(ctx.actor),
      subject: `debtor:${row.debtorId}`,
      payload: {
        contactPointId: row.id,
        fields: Object.keys(set),
        ...(consent.consent ? { consent: consent.consent } : {}),
      },
    })
    return publicContactPoint(updated)
  })
}
