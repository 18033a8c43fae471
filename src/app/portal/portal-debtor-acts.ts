import { CHANNEL_NAMES, type Channel } from '../../core/channels/channels.ts'
import { AppError } from '../../core/errors/index.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { revokeChannel } from '../../store/outreach/inbound.repository.ts'
import {
  debtorContactPointsOfKind,
  insertDebtorRestriction,
  setDebtorLanguage,
} from '../../store/portal/portal-account.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { redecideAccounts } from '../redecide-accounts.ts'
import { portalAccountOf, portalHeader } from './portal-account.ts'

/** What the debtor may change about how they are contacted. */
export interface PortalPreferences {
  /** BCP 47 language tag ("en", "es-US"). */
  readonly language?: string
  /** Channels the debtor opts out of: no more email, SMS, calls or letters about their accounts. */
  readonly optOut?: readonly string[]
  /** Times not to be contacted, local HH:MM ranges, optionally on some ISO weekdays (1 = Monday). */
  readonly inconvenientTimes?: readonly { from: string; to: string; weekdays?: readonly number[] }[]
}

const LANGUAGE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$/
const HOUR_MINUTE = /^([01]\d|2[0-3]):([0-5]\d)$/

function checkPreferences(input: PortalPreferences): void {
  if (input.language !== undefined && !LANGUAGE.test(input.language))
    throw new AppError(
      'invalid_locale',
      `language must be a tag such as "en" or "es-US", not "${input.language}"`,
      {
        field: 'language',
      },
    )
  for (const channel of input.optOut ?? [])
    if (!(CHANNEL_NAMES as readonly string[]).includes(channel))
      throw new AppError(
        'invalid_request',
        `optOut: "${channel}" is not one of ${CHANNEL_NAMES.join(', ')}`,
        {
          field: 'optOut',
        },
      )
  for (const [n, time] of (input.inconvenientTimes ?? []).entries()) {
    for (const field of ['from', 'to'] as const)
      if (!HOUR_MINUTE.test(time[field]))
        throw new AppError(
          'invalid_inconvenient_time',
          `inconvenientTimes[${n}].${field} "${time[field]}" is not HH:MM`,
          {
            field: `inconvenientTimes[${n}].${field}`,
          },
        )
    if (time.weekdays?.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
      throw new AppError(
        'invalid_inconvenient_time',
        `inconvenientTimes[${n}].weekdays are 1 (Monday) to 7`,
        {
          field: `inconvenientTimes[${n}].weekdays`,
        },
      )
  }
}

/**
 * The debtor's contact preferences: the language letters and messages use, channel opt-outs (an email
 * opt-out revokes the email addresses as the unsubscribe link does; every opt-out is a `medium_opt_out`
 * restriction the compliance check honours) and stated inconvenient times (restrictions the contact-
 * window check reads). One transaction, journaled (`debtor.preferences_changed`, the fields changed),
 * and the account re-decided, so actions the change forbids are cancelled at once.
 */
export async function updatePortalPreferences(ctx: AppContext, input: PortalPreferences) {
  authorize(ctx.actor, 'debtors.update')
  checkPreferences(input)
  const { debtorId } = portalAccountOf(ctx)
  const header = await portalHeader(ctx)
  const { tenant } = ctx.actor
  const atIso = new Date().toISOString()
  const actor = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    const restrictions: number[] = []
    if (input.language !== undefined) await setDebtorLanguage(trx, debtorId, input.language)
    for (const channel of new Set(input.optOut ?? []) as Set<Channel>) {
      const revoked =
        channel === 'email' ? await debtorContactPointsOfKind(trx, tenant.id, debtorId, 'email') : []
      let any = false
      for (const point of revoked)
        any =
          (await revokeChannel(trx, {
            tenantId: tenant.id,
            debtorId,
            contactPointId: Number(point.id),
            channel,
            phrase: 'portal opt-out',
            atIso,
          })) || any
      if (!any)
        restrictions.push(
          await insertDebtorRestriction(trx, {
            tenantId: tenant.id,
            debtorId,
            kind: 'medium_opt_out',
            details: { channel, source: 'portal' },
            atIso,
          }),
        )
    }
    for (const time of input.inconvenientTimes ?? [])
      restrictions.push(
        await insertDebtorRestriction(trx, {
          tenantId: tenant.id,
          debtorId,
          kind: 'inconvenient_time',
          details: {
            from: time.from,
            to: time.to,
            ...(time.weekdays ? { weekdays: time.weekdays } : {}),
            source: 'portal',
          },
          atIso,
        }),
      )
    const fields = Object.keys(input).filter((k) => input[k as keyof PortalPreferences] !== undefined)
    const event = await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'debtor.preferences_changed',
      actor,
      subject: `debtor:${debtorId}`,
      payload: { account: header.externalId, fields, optOut: input.optOut ?? [], restrictions },
    })
    await redecideAccounts(trx, tenant, [
      { accountId: header.id, event: { key: `journal:${event.seq}`, at: atIso } },
    ])
    return {
      language: input.language ?? header.preferredLanguage ?? null,
      optedOut: [...new Set(input.optOut ?? [])],
      inconvenientTimes: input.inconvenientTimes?.length ?? 0,
    }
  })
}

/** The attorney the debtor says represents them: name and a phone number or e-mail address. */
export interface PortalAttorney {
  readonly name: string
  readonly phone?: string
  readonly email?: string
}

/**
 * Records that the debtor is represented by an attorney: an `attorney` restriction (the compliance
 * check then stops contact with the debtor and points collectors to the attorney, 15 USC 1692c(a)(2)),
 * journaled (`debtor.attorney_named`, without the attorney's details) and the account re-decided.
 */
export async function nameAttorneyOnPortal(ctx: AppContext, input: PortalAttorney) {
  authorize(ctx.actor, 'debtors.update')
  const name = input.name.trim()
  const phone = input.phone?.trim() ?? ''
  const email = input.email?.trim() ?? ''
  if (name === '' || (phone === '' && email === ''))
    throw new AppError('invalid_attorney', "give the attorney's name and a phone number or e-mail address", {
      field: name === '' ? 'name' : 'phone',
    })
  const { debtorId } = portalAccountOf(ctx)
  const header = await portalHeader(ctx)
  const { tenant } = ctx.actor
  const atIso = new Date().toISOString()
  return inTransaction(ctx, async (trx) => {
    const restrictionId = await insertDebtorRestriction(trx, {
      tenantId: tenant.id,
      debtorId,
      kind: 'attorney',
      details: { name, address: [phone, email].filter(Boolean).join(', '), phone, email, source: 'portal' },
      atIso,
    })
    const event = await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'debtor.attorney_named',
      actor: actorLabel(ctx.actor),
      subject: `debtor:${debtorId}`,
      payload: { account: header.externalId, restrictionId },
    })
    await redecideAccounts(trx, tenant, [
      { accountId: header.id, event: { key: `journal:${event.seq}`, at: atIso } },
    ])
    return { restrictionId, recordedAt: atIso }
  })
}
