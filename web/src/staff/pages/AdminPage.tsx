// Administration: the tenant's users, API keys and webhook endpoints, one section per deep link
// (/admin/users, /admin/api-keys, /admin/webhooks, /admin/settings), each shown only to the roles that may use it.
import { useState } from 'react'
import { api } from '../../shared/api.ts'
import { instant } from '../../shared/format.ts'
import { Link } from '../../shared/router.tsx'
import { Badge, Card, ErrorMessage, Loading, PageHeader, toneOf } from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { ActionForm } from '../ActionForm.tsx'
import { may, useSession, useTenantPath } from '../session.tsx'
import { SettingsSection } from './SettingsSection.tsx'
import { WebhooksSection } from './WebhooksSection.tsx'
import './screens.css'

/** The roles of src/core/auth/permissions.ts (docs/permissions.md). */
export const ROLES = ['admin', 'manager', 'collector', 'compliance', 'read_only']

const SECTIONS = [
  { key: 'users', title: 'Users', permission: 'users.manage' },
  { key: 'api-keys', title: 'API keys', permission: 'apikeys.manage' },
  { key: 'webhooks', title: 'Webhooks', permission: 'webhooks.read' },
  { key: 'settings', title: 'Settings', permission: 'settings.read' },
] as const

export function AdminPage({ section }: { section?: string }) {
  const session = useSession()
  const allowed = SECTIONS.filter((s) => may(session, s.permission))
  const current = section ? allowed.find((s) => s.key === section) : allowed[0]
  return (
    <>
      <PageHeader title="Admin" subtitle="Who may use this tenant, and how other systems connect to it." />
      <nav aria-label="Admin sections">
        <ul className="tabs">
          {allowed.map((s) => (
            <li key={s.key}>
              <Link to={`/admin/${s.key}`} aria-current={s === current ? 'page' : undefined}>
                {s.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current?.key === 'users' ? <UsersSection /> : null}
      {current?.key === 'api-keys' ? <ApiKeysSection /> : null}
      {current?.key === 'webhooks' ? <WebhooksSection /> : null}
      {current?.key === 'settings' ? <SettingsSection /> : null}
      {!current ? <p>Your role has no administration section{section ? ` "${section}"` : ''}.</p> : null}
    </>
  )
}

interface User {
  id: number
  email: string
  name: string
  role: string
  status: 'active' | 'disabled'
  clients: string[] | null
  lastLoginAt: string | null
  createdAt: string
}

function UsersSection() {
  const t = useTenantPath()
  const users = useApi<User[]>(t('/users'))
  const [error, setError] = useState<unknown>()
  const disable = async (user: User) => {
    if (!window.confirm(`Disable ${user.email}? They can no longer log in.`)) return
    setError(undefined)
    try {
      await api(t(`/users/${user.id}/disable`), { method: 'POST' })
      users.reload()
    } catch (failure) {
      setError(failure)
    }
  }
  return (
    <>
      <Card title="Users">
        {users.error ? <ErrorMessage error={users.error} /> : null}
        <ErrorMessage error={error} />
        {users.data ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">E-mail</th>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last login</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((user) => (
                  <tr key={user.id}>
                    <td>{user.email}</td>
                    <td>{user.name}</td>
                    <td>{user.role}</td>
                    <td>
                      <Badge tone={user.status === 'active' ? 'good' : 'warn'}>{user.status}</Badge>
                    </td>
                    <td>{instant(user.lastLoginAt)}</td>
                    <td>
                      {user.status === 'active' ? (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => void disable(user)}
                          aria-label={`Disable ${user.email}`}
                        >
                          Disable
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : users.loading ? (
          <Loading />
        ) : null}
      </Card>
      <Card title="New user">
        <ActionForm
          title="Create a user"
          submitLabel="Create user"
          path={t('/users')}
          fields={[
            { name: 'email', label: 'E-mail', required: true },
            { name: 'name', label: 'Name' },
            { name: 'role', label: 'Role', type: 'select', options: ROLES, initial: 'collector' },
            {
              name: 'password',
              label: 'Initial password',
              required: true,
              hint: 'tell the person over another channel',
            },
          ]}
          body={(v) => ({
            email: v.email,
            role: v.role,
            password: v.password,
            ...(v.name ? { name: v.name } : {}),
          })}
          onDone={users.reload}
        />
      </Card>
    </>
  )
}

interface ApiKey {
  id: number
  name: string
  prefix: string
  role: string
  createdBy: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

function ApiKeysSection() {
  const t = useTenantPath()
  const keys = useApi<ApiKey[]>(t('/api-keys'))
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null)
  const [error, setError] = useState<unknown>()
  const revoke = async (key: ApiKey) => {
    if (!window.confirm(`Revoke the key "${key.name}"? Systems using it stop working at once.`)) return
    setError(undefined)
    try {
      await api(t(`/api-keys/${key.id}/revoke`), { method: 'POST' })
      keys.reload()
    } catch (failure) {
      setError(failure)
    }
  }
  return (
    <>
      <Card title="API keys">
        {keys.error ? <ErrorMessage error={keys.error} /> : null}
        <ErrorMessage error={error} />
        {keys.data ? (
          keys.data.length === 0 ? (
            <p className="muted">No API key yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Starts with</th>
                    <th scope="col">Role</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {keys.data.map((key) => (
                    <tr key={key.id}>
                      <td>{key.name}</td>
                      <td>
                        <code>{key.prefix}…</code>
                      </td>
                      <td>{key.role}</td>
                      <td>
                        {instant(key.createdAt)} by {key.createdBy}
                      </td>
                      <td>{instant(key.lastUsedAt)}</td>
                      <td>
                        {key.revokedAt ? (
                          <Badge tone="warn">revoked {instant(key.revokedAt)}</Badge>
                        ) : (
                          <Badge tone={toneOf('active')}>active</Badge>
                        )}
                      </td>
                      <td>
                        {key.revokedAt ? null : (
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => void revoke(key)}
                            aria-label={`Revoke ${key.name}`}
                          >
                            Revoke
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : keys.loading ? (
          <Loading />
        ) : null}
      </Card>
      <Card title="New API key">
        {created ? (
          <div className="notice" role="status">
            <p>
              <strong>The key "{created.name}", shown this once.</strong> Copy it now: only its hash is kept.
              Send it as <code>Authorization: Bearer &lt;key&gt;</code>.
            </p>
            <p className="secret">{created.key}</p>
          </div>
        ) : null}
        <ActionForm
          title="Create an API key"
          submitLabel="Create key"
          path={t('/api-keys')}
          fields={[
            { name: 'name', label: 'Name', required: true, hint: 'which system uses it' },
            { name: 'role', label: 'Role', type: 'select', options: ROLES, initial: 'read_only' },
          ]}
          body={(v) => ({ name: v.name, role: v.role })}
          onDone={(answer) => {
            setCreated(answer as ApiKey & { key: string })
            keys.reload()
          }}
        />
      </Card>
    </>
  )
}
