// The staff web app: logs in, then draws the screen the URL names inside the shell (navigation,
// who is logged in). Every screen reads and writes through the HTTP API with the session cookie.
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react'
import { ApiError, api, setCsrfToken } from '../shared/api.ts'
import { Link, matchPath, navigate, useLocation } from '../shared/router.tsx'
import { ErrorMessage, Field, Loading } from '../shared/ui.tsx'
import { AccountPage } from './pages/AccountPage.tsx'
import { AccountsPage } from './pages/AccountsPage.tsx'
import { AdminPage } from './pages/AdminPage.tsx'
import { DashboardPage } from './pages/DashboardPage.tsx'
import { ImportsPage } from './pages/ImportsPage.tsx'
import { PlaybooksPage } from './pages/PlaybooksPage.tsx'
import { QueuePage } from './pages/QueuePage.tsx'
import { ReportsPage } from './pages/ReportsPage.tsx'
import { may, SessionContext, type StaffSession } from './session.tsx'

interface Screen {
  readonly pattern: string
  readonly title: string
  readonly render: (params: Record<string, string>) => ReactNode
  /** In the navigation, under this label, when the caller has the permission. */
  readonly nav?: { label: string; permission: string }
}

const SCREENS: readonly Screen[] = [
  {
    pattern: '/',
    title: 'Dashboard',
    render: () => <DashboardPage />,
    nav: { label: 'Dashboard', permission: 'reports.dashboard' },
  },
  {
    pattern: '/queue',
    title: 'Work queue',
    render: () => <QueuePage />,
    nav: { label: 'Work queue', permission: 'tasks.list' },
  },
  {
    pattern: '/accounts',
    title: 'Accounts',
    render: () => <AccountsPage />,
    nav: { label: 'Accounts', permission: 'accounts.read' },
  },
  {
    pattern: '/accounts/:account',
    title: 'Account',
    render: (p) => <AccountPage account={p.account ?? ''} />,
  },
  {
    pattern: '/imports',
    title: 'Imports',
    render: () => <ImportsPage />,
    nav: { label: 'Imports', permission: 'imports.read' },
  },
  {
    pattern: '/reports',
    title: 'Reports',
    render: () => <ReportsPage />,
    nav: { label: 'Reports', permission: 'reports.analytics' },
  },
  {
    pattern: '/reports/:report',
    title: 'Reports',
    render: (p) => <ReportsPage report={p.report ?? ''} />,
  },
  {
    pattern: '/playbooks',
    title: 'Playbooks',
    render: () => <PlaybooksPage />,
    nav: { label: 'Playbooks', permission: 'playbooks.read' },
  },
  {
    pattern: '/admin',
    title: 'Admin',
    render: () => <AdminPage />,
    nav: { label: 'Admin', permission: 'webhooks.read' },
  },
  {
    pattern: '/admin/:section',
    title: 'Admin',
    render: (p) => <AdminPage section={p.section ?? ''} />,
  },
]

function screenOf(path: string): { screen: Screen; params: Record<string, string> } | null {
  for (const screen of SCREENS) {
    const params = matchPath(screen.pattern, path)
    if (params) return { screen, params }
  }
  return null
}

export function App() {
  const [session, setSession] = useState<StaffSession | null | undefined>(undefined)
  const [error, setError] = useState<unknown>()
  const load = useCallback(() => {
    api<StaffSession>('/api/v1/auth/session').then(
      (answer) => {
        setCsrfToken(answer.csrfToken)
        setSession(answer)
      },
      (failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 401) setSession(null)
        else setError(failure)
      },
    )
  }, [])
  useEffect(load, [load])
  if (error) return <ErrorMessage error={error} />
  if (session === undefined) return <Loading />
  if (session === null) return <LoginPage onLoggedIn={load} />
  return (
    <SessionContext.Provider value={session}>
      <Shell session={session} onLoggedOut={() => setSession(null)} />
    </SessionContext.Provider>
  )
}

function Shell({ session, onLoggedOut }: { session: StaffSession; onLoggedOut: () => void }) {
  const { path } = useLocation()
  const found = screenOf(path)
  useEffect(() => {
    document.title = found ? `${found.screen.title} · Recoup` : 'Not found · Recoup'
  }, [found])
  const logOut = async () => {
    await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined)
    setCsrfToken(null)
    onLoggedOut()
    navigate('/')
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="sidebar">
        <p className="brand">Recoup</p>
        <nav aria-label="Main">
          <ul>
            {SCREENS.filter((screen) => screen.nav && may(session, screen.nav.permission)).map((screen) => {
              const current = screen.pattern === '/' ? path === '/' : path.startsWith(screen.pattern)
              return (
                <li key={screen.pattern}>
                  <Link to={screen.pattern} aria-current={current ? 'page' : undefined}>
                    {screen.nav?.label}
                  </Link>
                </li>
              )
            })}
          </ul>
        </nav>
        <div className="who">
          <div>
            {session.actor} · {session.tenant}
          </div>
          <div>{session.roles.join(', ')}</div>
          <button type="button" onClick={logOut}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {found ? (
          found.screen.render(found.params)
        ) : (
          <>
            <h1>Not found</h1>
            <p>
              There is no page at this address. <Link to="/">Go to the dashboard</Link>.
            </p>
          </>
        )}
      </main>
    </div>
  )
}

function LoginPage({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [tenant, setTenant] = useState(() => localStorage.getItem('recoup.tenant') ?? 'demo')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    document.title = 'Log in · Recoup'
  }, [])
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const answer = await api<{ csrfToken: string }>('/api/v1/auth/login', {
        method: 'POST',
        body: { tenant, email, password },
      })
      setCsrfToken(answer.csrfToken)
      localStorage.setItem('recoup.tenant', tenant)
      onLoggedIn()
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  return (
    <main id="main" className="login">
      <h1>Log in to Recoup</h1>
      <form onSubmit={submit} className="card">
        <Field label="Tenant">
          {(id) => (
            <input
              id={id}
              value={tenant}
              onChange={(e) => setTenant(e.target.value)}
              required
              autoComplete="organization"
            />
          )}
        </Field>
        <Field label="E-mail">
          {(id) => (
            <input
              id={id}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              autoComplete="username"
            />
          )}
        </Field>
        <Field label="Password">
          {(id) => (
            <input
              id={id}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              autoComplete="current-password"
            />
          )}
        </Field>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  )
}
