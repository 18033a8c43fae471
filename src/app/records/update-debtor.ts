import { isTimeZone } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { entityTag, requireMatch } from '../../core/records/entity-tag.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { debtorRow, updateDebtorRow } from '../../store/records/debtors-read.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { debtorNotFound, publicDebtor } from './list-debtors.ts'

/** What a debtor update may change; null clears a preference. */
export interface UpdateDebtorRequest {
  readonly debtor: string
  /** The ETag of the version the caller read (`If-Match`). */
  readonly ifMatch: string | undefined
  /** A BCP 47 language tag ("en", "es-US"). */
  readonly preferredLanguage?: string | null
  /** The IANA zone the debtor said they live in (it overrides the address's for contact windows). */
  readonly statedTimeZone?: string | null
}

const LANGUAGE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$/

/**
 * Changes a debtor's preferred language and stated time zone, if the caller's `If-Match` names the
 * current version (else 428/412), and journals the change with the actor. Answers the new version.
 */
export async function updateDebtor(ctx: AppContext, request: UpdateDebtorRequest) {
  authorize(ctx.actor, 'debtors.update')
  const { preferredLanguage: language, statedTimeZone: zone } = request
  if (typeof language === 'string' && !LANGUAGE.test(language))
    throw new AppError(
      'invalid_locale',
      `preferredLanguage must be a language tag such as "en" or "es-US", not "${language}"`,
      {
        field: 'preferredLanguage',
      },
    )
  if (typeof zone === 'string' && !isTimeZone(zone))
    throw new AppError('invalid_time_zone', `statedTimeZone "${zone}" is not an IANA time zone`, {
      field: 'statedTimeZone',
    })
  const { tenant, clientIds } = ctx.actor
  return inTransaction(ctx, async (trx) => {
    const row = await debtorRow(trx, tenant.id, request.debtor, clientIds, true)
    if (!row) throw debtorNotFound(request.debtor)
    requireMatch(request.ifMatch, entityTag(publicDebtor(row)), `debtor ${request.debtor}`)
    const set = {
      ...(language === undefined ? {} : { preferred_language: language }),
      ...(zone === undefined ? {} : { stated_time_zone: zone }),
    }
    await updateDebtorRow(trx, row.id, set)
    const updated = publicDebtor({
      ...row,
      ...(language === undefined ? {} : { preferredLanguage: language }),
      ...(zone === undefined ? {} : { statedTimeZone: zone }),
    })
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'debtor.updated',
      actor: actorLabel(ctx.actor),
      subject: `debtor:${row.id}`,
      payload: { fields: Object.keys(set) },
    })
    return { ...updated, etag: entityTag(updated) }
  })
}
