import type { Tenant } from '../store/tenant.repository.ts'

/** Who is asking: a staff user, an integrator's API key, or the system itself (CLI operator, job). */
export type ActorKind = 'user' | 'api_key' | 'system'

/**
 * Roles an actor can hold (docs/errors.md lists what each may do once authentication lands; until then
 * the CLI operator and the HTTP server act as `admin`, see docs/ARCHITECTURE.md).
 */
export type Role = 'admin' | 'manager' | 'collector' | 'compliance' | 'read_only'

/**
 * The context every use case takes: the tenant it acts for and who acts. The journal records
 * `actorLabel(actor)` on every event, so each change names who made it.
 */
export interface Actor {
  readonly tenant: Tenant
  readonly kind: ActorKind
  /** The user's or key's id, or the system process ("cli", "http", "daily-run", "worker"). */
  readonly id: string
  readonly roles: readonly Role[]
}

/** The system actor of a process acting for a tenant (CLI commands, jobs, the unauthenticated API). */
export function systemActor(tenant: Tenant, id: string): Actor {
  return { tenant, kind: 'system', id, roles: ['admin'] }
}

/** How the journal names an actor: "system:cli", "user:17", "api_key:3". */
export function actorLabel(actor: Actor): string {
  return `${actor.kind}:${actor.id}`
}
