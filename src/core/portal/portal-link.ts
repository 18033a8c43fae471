import { PORTAL_TOKEN_VERSION, signPortalToken } from './portal-token.ts'

/** What signs portal links and where they point (src/config/portal-config.ts reads them). */
export interface PortalLinkSettings {
  readonly secret: string
  /** The public base URL, without a trailing slash: links are `${publicUrl}/pay/<token>`. */
  readonly publicUrl: string
  /** How long a link stays valid. */
  readonly linkDays: number
}

/** A portal link for one account. */
export interface PortalLink {
  readonly token: string
  readonly url: string
  /** ISO instant, whole seconds. */
  readonly expiresAt: string
}

/** The signed link to the portal page of the tenant's account, valid `linkDays` from `now`. */
export function portalLinkFor(
  settings: PortalLinkSettings,
  account: { readonly tenantId: number; readonly accountId: number },
  now: Date,
): PortalLink {
  const iat = Math.floor(now.getTime() / 1000)
  const exp = iat + settings.linkDays * 86_400
  const token = signPortalToken(settings.secret, {
    t: account.tenantId,
    a: account.accountId,
    iat,
    exp,
    v: PORTAL_TOKEN_VERSION,
  })
  return {
    token,
    url: `${settings.publicUrl.replace(/\/$/, '')}/pay/${token}`,
    expiresAt: new Date(exp * 1000).toISOString(),
  }
}
