import type { Role } from '../core/auth/permissions.ts'
import type { Tenant } from '../store/tenant.repository.ts'

export type { Role } from '../core/auth/permissions.ts'

/**
 * Who is asking: a staff user, an integrator's API key, the system itself (CLI operator, job), or a
 * debtor signed in to the portal (docs/portal.md), who acts on the one account of their link.
 */
export type ActorKind = 'user' | 'api_key' | 'system' | 'debtor'

/**
 * The context every use case takes: the tenant it acts for and who acts. The journal records
 * `actorLabel(actor)` on every event, so each change names who made it. Use cases check the actor's
 * roles against the permission matrix (src/app/authorize.ts, docs/permissions.md).
 */
export interface Actor {
  readonly tenant: Tenant
  readonly kind: ActorKind
  /** The user's or key's id, or the system process ("cli", "daily-run", "worker"). */
  readonly id: string
  readonly roles: readonly Role[]
  /**
   * The agency case: the ids of the clients whose accounts this actor may see and touch. Absent means
   * every client of the tenant (and accounts held for no client).
   */
  readonly clientIds?: readonly number[]
  /**
   * The debtor portal: the external ids of the only accounts this actor may see and touch (the one of
   * the portal link). Absent for staff, keys and the system.
   */
  readonly accountRefs?: readonly string[]
}

/** The system actor of a process acting for a tenant (CLI commands and jobs: the operator is admin). */
export function systemActor(tenant: Tenant, id: string): Actor {
  return { tenant, kind: 'system', id, roles: ['admin'] }
}

/** The actor of a debtor signed in to the portal for one account: journaled as `debtor:<debtor id>`. */
export function debtorActor(tenant: Tenant, debtorId: number, accountRef: string): Actor {
  return { tenant, kind: 'debtor', id: String(debtorId), roles: [], accountRefs: [accountRef] }
}

/** How the journal names an actor: "system:cli", "user:17", "api_key:3", "debtor:12". */
export function actorLabel(actor: Actor): string {
  return `${actor.kind}:${actor.id}`
}
