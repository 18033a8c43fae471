import type { Role } from '../core/auth/permissions.ts'
import type { Tenant } from '../store/tenant.repository.ts'

export type { Role } from '../core/auth/permissions.ts'

/** Who is asking: a staff user, an integrator's API key, or the system itself (CLI operator, job). */
export type ActorKind = 'user' | 'api_key' | 'system'

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
}

/** The system actor of a process acting for a tenant (CLI commands and jobs: the operator is admin). */
export function systemActor(tenant: Tenant, id: string): Actor {
  return { tenant, kind: 'system', id, roles: ['admin'] }
}

/** How the journal names an actor: "system:cli", "user:17", "api_key:3". */
export function actorLabel(actor: Actor): string {
  return `${actor.kind}:${actor.id}`
}
