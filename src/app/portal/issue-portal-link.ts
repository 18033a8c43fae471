import { type PortalLink, type PortalLinkSettings, portalLinkFor } from '../../core/portal/portal-link.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { accountIdByExternalId } from '../../store/money/money-account.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountInScope } from '../client-scope.ts'

/** Which account, and the link settings of this server. */
export interface IssuePortalLinkInput {
  /** The account's external id. */
  readonly account: string
  readonly settings: PortalLinkSettings
  readonly now?: Date
}

/**
 * A signed portal link for an account (docs/portal.md), for a collector to send or read out. The
 * issue is journaled (`portal.link_issued`, with its expiry, never the token). The link lets nobody in
 * by itself: the portal asks for the account reference and a date of birth or postcode.
 */
export async function issuePortalLink(
  ctx: AppContext,
  input: IssuePortalLinkInput,
): Promise<Omit<PortalLink, 'token'>> {
  authorize(ctx.actor, 'portal.links')
  const { tenant } = ctx.actor
  return inTransaction(ctx, async (trx) => {
    await requireAccountInScope(ctx, trx, input.account)
    const accountId = await accountIdByExternalId(trx, tenant.id, input.account)
    const link = portalLinkFor(input.settings, { tenantId: tenant.id, accountId }, input.now ?? new Date())
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'portal.link_issued',
      actor: actorLabel(ctx.actor),
      subject: `account:${accountId}`,
      payload: { expiresAt: link.expiresAt },
    })
    return { url: link.url, expiresAt: link.expiresAt }
  })
}
