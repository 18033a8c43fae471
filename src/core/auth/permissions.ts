/**
 * Roles and the permission matrix: which role may run which use case. Pure data; the use-case layer
 * enforces it (src/app/authorize.ts: every use case calls `authorize(ctx.actor, permission)` first),
 * docs/permissions.md shows it (a test keeps the page in step), and test/app/permission-matrix.test.ts
 * walks every cell against the real use cases.
 */

export const ROLES = ['admin', 'manager', 'collector', 'compliance', 'read_only'] as const

/** A role an actor can hold. `compliance` is the compliance officer / auditor. */
export type Role = (typeof ROLES)[number]

const ALL = ROLES
const MANAGERS = ['admin', 'manager'] as const
const COLLECTORS = ['admin', 'manager', 'collector'] as const

interface PermissionSpec {
  /** What the permission allows, as a verb phrase ("post a payment"). */
  readonly summary: string
  readonly roles: readonly Role[]
}

/** Every permission, with the roles that hold it. Order is the order of docs/permissions.md. */
export const PERMISSIONS = {
  'reports.aging': { summary: 'read the aging report', roles: ALL },
  'reports.dashboard': {
    summary: 'read the dashboard (aging, stages, recoveries, promises, compliance blocks, runs)',
    roles: ALL,
  },
  'accounts.explain': { summary: "read an account's timeline (recoup explain)", roles: ALL },
  'accounts.read': {
    summary: 'read debtors, accounts, ledgers, payments, plans, promises, settlements, disputes and pauses',
    roles: ALL,
  },
  'interest.statement': { summary: "compute an account's interest statement", roles: ALL },
  'credits.list': { summary: 'list unmatched bank credits', roles: ALL },
  'tasks.list': { summary: "list the collectors' call tasks", roles: ALL },
  'reports.analytics': {
    summary:
      'read the analytics reports (roll rates, vintages, recovery, cost to collect, KPIs, promises, contacts, channels, compliance, scores)',
    roles: ALL,
  },
  'models.read': { summary: 'list and show scoring models', roles: ALL },
  'documents.render': { summary: "render an account's document (PDF)", roles: [...COLLECTORS, 'compliance'] },
  'imports.read': {
    summary: 'list account imports, their progress and rejects',
    roles: [...MANAGERS, 'compliance'],
  },
  'runs.read': { summary: 'list daily runs and read their status', roles: ALL },
  'audit.read': { summary: 'list the audit journal events', roles: [...MANAGERS, 'compliance'] },
  'audit.verify': { summary: "verify the tenant's audit journal", roles: ['admin', 'compliance'] },
  'bureau.export': {
    summary:
      'export the credit bureau files (the monthly Metro 2 file, the Australian default listings) and their exclusion reports',
    roles: [...MANAGERS, 'compliance'],
  },
  'evidence.export': {
    summary: "export an evidence pack of a debtor's accounts (PDF and ZIP of the originals)",
    roles: MANAGERS,
  },
  'payments.post': { summary: 'post a payment', roles: COLLECTORS },
  'tasks.outcome': { summary: 'record the outcome of a call task', roles: COLLECTORS },
  'credits.apply': { summary: 'apply an unmatched credit to an account', roles: COLLECTORS },
  'promises.record': { summary: 'record a promise to pay', roles: COLLECTORS },
  'plans.create': { summary: 'create a payment plan', roles: COLLECTORS },
  'debtors.update': {
    summary: "update a debtor's preferences and contact points",
    roles: COLLECTORS,
  },
  'hardship.pause': { summary: 'pause collection for hardship', roles: COLLECTORS },
  'portal.links': { summary: 'issue a debtor portal link for an account', roles: COLLECTORS },
  'disputes.open': { summary: 'open a dispute', roles: [...COLLECTORS, 'compliance'] },
  'disputes.verify': {
    summary: 'record that dispute verification was sent',
    roles: [...MANAGERS, 'compliance'],
  },
  'disputes.resolve': { summary: 'resolve a dispute', roles: [...MANAGERS, 'compliance'] },
  'settlements.offer': { summary: 'offer a settlement', roles: MANAGERS },
  'payments.reverse': { summary: 'reverse a payment', roles: MANAGERS },
  'payments.import': { summary: 'import a payments file or bank statement', roles: MANAGERS },
  'fees.post': { summary: 'post late fees', roles: MANAGERS },
  'accounts.write_off': { summary: 'write off an account', roles: MANAGERS },
  'accounts.charge_off': { summary: 'charge off an account', roles: MANAGERS },
  'accounts.close': { summary: 'close an account', roles: MANAGERS },
  'accounts.import': { summary: 'import accounts from a file', roles: MANAGERS },
  'money.evaluate': { summary: 'evaluate plans, promises and settlements for a day', roles: MANAGERS },
  'runs.start': { summary: 'start the daily run', roles: MANAGERS },
  'templates.read': { summary: 'list the message templates', roles: ALL },
  'templates.manage': {
    summary: 'add message templates and activate those that pass the content checks',
    roles: [...MANAGERS, 'compliance'],
  },
  'playbooks.read': { summary: 'list playbooks and their stored versions', roles: ALL },
  'playbooks.manage': { summary: 'save playbook versions and activate them', roles: MANAGERS },
  'playbooks.simulate': { summary: 'simulate playbooks', roles: [...MANAGERS, 'compliance'] },
  'audit.baseline': { summary: 'vouch for the books written before journal covers', roles: ['admin'] },
  'users.manage': { summary: 'create, list and disable users', roles: ['admin'] },
  'apikeys.manage': { summary: 'create, list and revoke API keys', roles: ['admin'] },
  'settings.read': { summary: "read the tenant's settings", roles: MANAGERS },
  'settings.manage': { summary: "change the tenant's settings", roles: ['admin'] },
  'escalations.approve': {
    summary: 'list, approve and reject the actions a playbook holds for approval',
    roles: MANAGERS,
  },
  'placements.read': {
    summary: 'list partners, placements and remittances with their reconciliation',
    roles: ALL,
  },
  'placements.manage': {
    summary:
      'add partners, place and recall accounts, export placement files, import remittances and partner status updates',
    roles: MANAGERS,
  },
  'credit.read': {
    summary: "read debtors' credit (terms, limits, exposure), the early-warning list and run credit checks",
    roles: ALL,
  },
  'credit.manage': { summary: "set clients' and debtors' payment terms and credit limits", roles: MANAGERS },
  'cases.read': { summary: 'list and show legal cases with their deadlines and hearings', roles: ALL },
  'cases.manage': {
    summary: 'open legal cases (gated by compliance and escalation economics), record hearings and outcomes',
    roles: MANAGERS,
  },
  'sales.read': { summary: 'list and show debt sales and their files', roles: MANAGERS },
  'sales.manage': {
    summary: 'create, value, close and cancel debt sales and take accounts back in the buy-back window',
    roles: MANAGERS,
  },
  'sink.read': { summary: 'read the mail and texts the development sinks captured', roles: MANAGERS },
  'webhooks.read': { summary: 'list webhook endpoints and their deliveries', roles: MANAGERS },
  'webhooks.manage': {
    summary: 'create, change, delete webhook endpoints and replay deliveries',
    roles: ['admin'],
  },
} as const satisfies Record<string, PermissionSpec>

export type Permission = keyof typeof PERMISSIONS

/** Every permission, in matrix order. */
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[]

/**
 * What a debtor signed in to the portal may do, on the one account of their link only (the actor's
 * `accountRefs`, checked by the use cases' account scope): read it, pay, promise, ask for a plan,
 * dispute, ask for a hardship pause, change their preferences, get the account's documents, and
 * name an attorney. Debtors hold no role; docs/permissions.md, "Who acts".
 */
export const DEBTOR_PERMISSIONS = [
  'accounts.read',
  'documents.render',
  'payments.post',
  'promises.record',
  'plans.create',
  'disputes.open',
  'hardship.pause',
  'debtors.update',
] as const satisfies readonly Permission[]

/** Whether any of `roles` holds `permission`. */
export function rolesMay(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission].roles
  return roles.some((role) => allowed.includes(role))
}

/** Whether a string names a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/** The matrix as a Markdown table (docs/permissions.md holds exactly this; a test compares). */
export function permissionMatrixMarkdown(): string {
  const header = `| permission | what it allows | ${ROLES.join(' | ')} |`
  const rule = `|---|---|${ROLES.map(() => '---').join('|')}|`
  const rows = PERMISSION_NAMES.map((name) => {
    const spec = PERMISSIONS[name]
    const cells = ROLES.map((role) => ((spec.roles as readonly Role[]).includes(role) ? 'yes' : '-'))
    return `| \`${name}\` | ${spec.summary} | ${cells.join(' | ')} |`
  })
  return [header, rule, ...rows].join('\n')
}
