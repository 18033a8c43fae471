import { DEBTOR_PERMISSIONS, PERMISSIONS, type Permission, rolesMay } from '../core/auth/permissions.ts'
import { AppError } from '../core/errors/index.ts'
import { type Actor, actorLabel } from './actor.ts'

/**
 * The one permission check: every use case calls it first, with the permission of the matrix
 * (src/core/auth/permissions.ts) that it needs. `forbidden` (403) names the permission and the roles
 * that hold it. Surfaces never check roles themselves, so a new surface cannot skip the check.
 */
export function authorize(actor: Actor, permission: Permission): void {
  if (actor.kind === 'debtor') {
    // A debtor holds no role: only the acts on their own account (actor.accountRefs) the portal offers.
    if ((DEBTOR_PERMISSIONS as readonly string[]).includes(permission)) return
    throw new AppError(
      'forbidden',
      `${actorLabel(actor)} (a debtor) may not ${PERMISSIONS[permission].summary}`,
      {
        permission,
      },
    )
  }
  if (rolesMay(actor.roles, permission)) return
  const spec = PERMISSIONS[permission]
  throw new AppError(
    'forbidden',
    `${actorLabel(actor)} (${actor.roles.join(', ') || 'no role'}) may not ${spec.summary}; ` +
      `permission "${permission}" is held by: ${spec.roles.join(', ')}`,
    { permission },
  )
}

/**
 * The agency case: whether the actor may see an account held for `clientId` (null: held for no
 * client). An actor limited to some clients sees only their accounts; the others answer as if they
 * did not exist (404), so a limited user learns nothing about other clients' books.
 */
export function actorSeesClient(actor: Actor, clientId: number | null): boolean {
  if (actor.clientIds === undefined) return true
  return clientId !== null && actor.clientIds.includes(clientId)
}

/** Refuses (`forbidden`) a use case that spans every client to an actor limited to some of them. */
export function requireAllClients(actor: Actor, what: string): void {
  if (actor.clientIds === undefined && actor.accountRefs === undefined) return
  throw new AppError(
    'forbidden',
    `${actorLabel(actor)} is limited to some clients of this agency and may not ${what}, which spans every client`,
    { scope: 'clients' },
  )
}
