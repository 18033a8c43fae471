// The staff web app: logs in, then draws the screen the URL names inside the shell (navigation,
// who is logged in). Every screen reads and writes through the HTTP API with the session cookie.
import {
  type ComponentType,
  type FormEvent,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useState,
} from 'react'
import { ApiError, api, setCsrfToken } from '../shared/api.ts'
import { Link, matchPath, navigate, useLocation } from '../shared/router.tsx'
import { ErrorMessage, Field, Loading } from '../shared/ui.tsx'
import { may, SessionContext, type StaffSession } from './session.tsx'

/**
 * A screen's code, loaded on first use (each page is its own chunk, so the first page drawn does not
 * wait for the code of all the others), and started at once for the page the app opens on.
 */
function page<P extends object>(load: () => Promise<ComponentType<P>>) {
  let started: Promise<{ default: ComponentType<P> }> | undefined
  let loaded: ComponentType<P> | undefined
  const preload = () => {
    started ??= load().then((component) => {
      loaded = component
      return { default: component }
    })
    return started
  }
  const Lazy = lazy(preload)
  // Once its code is here the screen is drawn directly: suspending again would cost React's reveal
  // throttle (about 300 ms) for nothing.
  const Component = (props: P) => {
    const Loaded = loaded
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />
  }
  return { Component, preload }
}

const Dashboard = page(() => import('./pages/DashboardPage.tsx').then((m) => m.DashboardPage))
const Queue = page(() => import('./pages/QueuePage.tsx').then((m) => m.QueuePage))
const Accounts = page(() => import('./pages/AccountsPage.tsx').then((m) => m.AccountsPage))
const Account = page(() => import('./pages/AccountPage.tsx').then((m) => m.AccountPage))
const Imports = page(() => import('./pages/ImportsPage.tsx').then((m) => m.ImportsPage))
const Reports = page(() => import('./pages/ReportsPage.tsx').then((m) => m.ReportsPage))
const Playbooks = page(() => import('./pages/PlaybooksPage.tsx').then((m) => m.PlaybooksPage))
const Messages = page(() => import('./pages/MessagesPage.tsx').then((m) => m.MessagesPage))
const Admin = page(() => import('./pages/AdminPage.tsx').then((m) => m.AdminPage))
const Approvals = page(() => import('./pages/ApprovalsPage.tsx').then((m) => m.ApprovalsPage))

interface Screen {
  readonly pattern: string
  readonly title: string
  readonly render: (params: Record<string, string>) => ReactNode
  /** Starts loading the screen's code. */
  readonly preload: () => unknown
  /** In the navigation, under this label, when the caller has the permission. */
  readonly nav?: { label: string; permission: string }
}

const SCREENS: readonly Screen[] = [
  {
    pattern: '/',
    title: 'Dashboard',
    render: () => <Dashboard.Component />,
    preload: Dashboard.preload,
    nav: { label: 'Dashboard', permission: 'reports.dashboard' },
  },
  {
    pattern: '/queue',
    title: 'Work queue',
    render: () => <Queue.Component />,
    preload: Queue.preload,
    nav: { label: 'Work queue', permission: 'tasks.list' },
  },
  {
    pattern: '/accounts',
    title: 'Accounts',
    render: () => <Accounts.Component />,
    preload: Accounts.preload,
    nav: { label: 'Accounts', permission: 'accounts.read' },
  },
  {
    pattern: '/accounts/:account',
    title: 'Account',
    render: (p) => <Account.Component account={p.account ?? ''} />,
    preload: Account.preload,
  },
  {
    pattern: '/imports',
    title: 'Imports',
    render: () => <Imports.Component />,
    preload: Imports.preload,
    nav: { label: 'Imports', permission: 'imports.read' },
  },
  {
    pattern: '/messages',
    title: 'Messages',
    render: () => <Messages.Component />,
    preload: Messages.preload,
    nav: { label: 'Messages', permission: 'accounts.explain' },
  },
  {
    pattern: '/messages/sink/:id',
    title: 'Messages',
    render: (p) => <Messages.Component sink={p.id ?? ''} />,
    preload: Messages.preload,
  },
  {
    pattern: '/reports',
    title: 'Reports',
    render: () => <Reports.Component />,
    preload: Reports.preload,
    nav: { label: 'Reports', permission: 'reports.analytics' },
  },
  {
    pattern: '/reports/:report',
    title: 'Reports',
    render: (p) => <Reports.Component report={p.report ?? ''} />,
    preload: Reports.preload,
  },
  {
    pattern: '/playbooks',
    title: 'Playbooks',
    render: () => <Playbooks.Component />,
    preload: Playbooks.preload,
    nav: { label: 'Playbooks', permission: 'playbooks.read' },
  },
  {
    pattern: '/approvals',
    title: 'Approvals',
    render: () => <Approvals.Component />,
    preload: Approvals.preload,
    nav: { label: 'Approvals', permission: 'escalations.approve' },
  },
  {
    pattern: '/admin',
    title: 'Admin',
    render: () => <Admin.Component />,
    preload: Admin.preload,
    nav: { label: 'Admin', permission: 'webhooks.read' },
  },
  {
    pattern: '/admin/:section',
    title: 'Admin',
    render: (p) => <Admin.Component section={p.section ?? ''} />,
    preload: Admin.preload,
  },
]

function screenOf(path: string): { screen: Screen; params: Record<string, string> } | null {
  for (const screen of SCREENS) {
    const params = matchPath(screen.pattern, path)
    if (params) return { screen, params }
  }
  return null
}

// The page the app opens on loads beside the "who is logged in" question, not after it.
screenOf(window.location.pathname)?.screen.preload()

export function App() {
  const [session, setSession] = useState<StaffSession | null | undefined>(undefined)
  const [error, setError] = useState<unknown>()
  const load = useCallback(() => {
    // The first screen's code and the session arrive together, so the screen is drawn at once.
    const code = Promise.resolve(screenOf(window.location.pathname)?.screen.preload()).catch(() => undefined)
    Promise.all([api<StaffSession>('/api/v1/auth/session'), code]).then(
      ([answer]) => {
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
          <Suspense fallback={<Loading />}>{found.screen.render(found.params)}</Suspense>
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
