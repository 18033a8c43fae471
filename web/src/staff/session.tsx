// The logged-in staff member as the server describes it (GET /api/v1/auth/session): tenant, roles and
// the permissions they grant. Screens show only what the caller may do; the server checks it again.
import { createContext, useContext } from 'react'

export interface StaffSession {
  readonly actor: string
  readonly kind: string
  readonly tenant: string
  readonly roles: readonly string[]
  readonly permissions: readonly string[]
  readonly csrfToken: string | null
}

export const SessionContext = createContext<StaffSession | null>(null)

/** The session of the screen being drawn (screens are only drawn once logged in). */
export function useSession(): StaffSession {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside the logged-in app')
  return session
}

/** Whether the caller's roles allow a permission (docs/permissions.md). */
export function may(session: StaffSession, permission: string): boolean {
  return session.permissions.includes(permission)
}

/** The path of a tenant endpoint: tenantPath(s, '/accounts') → /api/v1/tenants/demo/accounts. */
export function tenantPath(session: StaffSession, path: string): string {
  return `/api/v1/tenants/${encodeURIComponent(session.tenant)}${path}`
}

/** The tenant path hook: `const t = useTenantPath(); t('/accounts')`. */
export function useTenantPath(): (path: string) => string {
  const session = useSession()
  return (path) => tenantPath(session, path)
}
