// Messages: every message sent, refused or failed, with its send-time compliance check, and (in
// development) what the local mail and SMS sinks captured, each opened with its text and its HTML in a
// sandboxed frame (no scripts, no same-origin access).
import { useState } from 'react'
import { ApiError, type Page, query } from '../../shared/api.ts'
import { instant } from '../../shared/format.ts'
import { Link, useLocation } from '../../shared/router.tsx'
import { Badge, Card, ErrorMessage, Field, Loading, PageHeader, toneOf } from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { may, useSession, useTenantPath } from '../session.tsx'

interface Message {
  id: number
  channel: string
  recipient: string
  subject: string | null
  status: string
  error: string | null
  createdAt: string
  sentAt: string | null
  accounts: string[]
  compliance: { outcome: string; reasons: { ruleId: string; message?: string; citation?: string }[] } | null
}

interface SinkItem {
  id: string
  channel: string
  from: string | null
  to: string
  subject: string | null
  date: string
  preview: string
  messageId: number | null
}

interface SinkMessage extends SinkItem {
  text: string
  html: string | null
}

const STATUSES = ['', 'queued', 'sending', 'sent', 'delivered', 'bounced', 'failed', 'suppressed'] as const

export function MessagesPage({ sink }: { sink?: string }) {
  const session = useSession()
  const { search } = useLocation()
  const showSink = search.get('view') === 'sink' || sink !== undefined
  return (
    <>
      <PageHeader
        title="Messages"
        actions={
          <nav aria-label="Message views" className="actions">
            <Link to="/messages" aria-current={showSink ? undefined : 'page'}>
              Sent and refused
            </Link>
            {may(session, 'sink.read') ? (
              <Link to="/messages?view=sink" aria-current={showSink ? 'page' : undefined}>
                Development sinks
              </Link>
            ) : null}
          </nav>
        }
      />
      {showSink ? <Sink open={sink} /> : <SentMessages />}
    </>
  )
}

function SentMessages() {
  const t = useTenantPath()
  const [status, setStatus] = useState('')
  const [account, setAccount] = useState('')
  const messages = useApi<{ messages: Message[] }>(t(`/messages${query({ status, account, limit: 200 })}`))
  return (
    <Card>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <Field label="Status">
          {(id) => (
            <select id={id} value={status} onChange={(event) => setStatus(event.target.value)}>
              {STATUSES.map((value) => (
                <option key={value} value={value}>
                  {value || 'any'}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Account">
          {(id) => (
            <input id={id} value={account} onChange={(event) => setAccount(event.target.value.trim())} />
          )}
        </Field>
      </form>
      <ErrorMessage error={messages.error} />
      {!messages.data && messages.loading ? <Loading /> : null}
      {messages.data ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Channel</th>
                <th scope="col">To</th>
                <th scope="col">Status</th>
                <th scope="col">Accounts</th>
                <th scope="col">Compliance</th>
              </tr>
            </thead>
            <tbody>
              {messages.data.messages.map((message) => (
                <tr key={message.id}>
                  <td>{instant(message.createdAt)}</td>
                  <td>{message.channel}</td>
                  <td>
                    {message.recipient}
                    {message.subject ? <div className="muted">{message.subject}</div> : null}
                  </td>
                  <td>
                    <Badge tone={toneOf(message.status)}>{message.status}</Badge>
                  </td>
                  <td>
                    {[...new Set(message.accounts)].map((id) => (
                      <div key={id}>
                        <Link to={`/accounts/${encodeURIComponent(id)}`}>{id}</Link>
                      </div>
                    ))}
                  </td>
                  <td>
                    {message.compliance?.outcome === 'block'
                      ? message.compliance.reasons.map((reason) => (
                          <div key={reason.ruleId}>
                            <code>{reason.ruleId}</code>
                            {reason.citation ? <span className="muted"> ({reason.citation})</span> : null}
                          </div>
                        ))
                      : (message.compliance?.outcome ?? '—')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {messages.data.messages.length === 0 ? <p className="muted">No message matches.</p> : null}
        </div>
      ) : null}
    </Card>
  )
}

function Sink({ open }: { open: string | undefined }) {
  const t = useTenantPath()
  const [cursor, setCursor] = useState<string | null>(null)
  const list = useApi<Page<SinkItem>>(t(`/sink/messages${query({ limit: 50, cursor })}`))
  const notConfigured = list.error instanceof ApiError && list.error.code === 'sink_not_configured'
  return (
    <div className="grid">
      <Card title="Captured by the development sinks">
        {notConfigured ? (
          <p className="notice">
            This server sends through a real provider: there is no development sink to show.
          </p>
        ) : (
          <ErrorMessage error={list.error} />
        )}
        {!list.data && list.loading ? <Loading /> : null}
        <ul className="plain-list">
          {list.data?.items.map((item) => (
            <li key={item.id} className="queue-item">
              <div>
                <Link
                  to={`/messages/sink/${encodeURIComponent(item.id)}`}
                  aria-current={open === item.id ? 'page' : undefined}
                >
                  {item.subject ?? item.preview.slice(0, 60)}
                </Link>
                <div className="muted">
                  {item.channel} to {item.to} · {instant(item.date)}
                </div>
              </div>
            </li>
          ))}
        </ul>
        {list.data?.nextCursor ? (
          <button
            type="button"
            className="secondary"
            onClick={() => setCursor(list.data?.nextCursor ?? null)}
          >
            Older
          </button>
        ) : null}
      </Card>
      {open ? <SinkMessageView id={open} /> : null}
    </div>
  )
}

function SinkMessageView({ id }: { id: string }) {
  const t = useTenantPath()
  const message = useApi<SinkMessage>(t(`/sink/messages/${encodeURIComponent(id)}`))
  if (message.error) return <ErrorMessage error={message.error} />
  if (!message.data) return <Loading />
  const m = message.data
  return (
    <Card title={m.subject ?? `Text to ${m.to}`}>
      <dl className="facts">
        <dt>From</dt>
        <dd>{m.from ?? '—'}</dd>
        <dt>To</dt>
        <dd>{m.to}</dd>
        <dt>Received</dt>
        <dd>{instant(m.date)}</dd>
      </dl>
      {m.html ? (
        <iframe title="The message as sent (HTML)" className="mail-frame" sandbox="" srcDoc={m.html} />
      ) : null}
      <h3>Text</h3>
      <pre>{m.text}</pre>
    </Card>
  )
}
