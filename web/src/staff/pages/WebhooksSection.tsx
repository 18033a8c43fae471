// Webhook endpoints (docs/webhooks.md): the list, a new endpoint (its signing secret shown once), and
// each endpoint's delivery log with a replay of any delivery.
import { type FormEvent, useState } from 'react'
import { WEBHOOK_EVENT_TYPES } from '../../../../src/core/webhooks/webhook-events.ts'
import { api, type Page } from '../../shared/api.ts'
import { count, instant } from '../../shared/format.ts'
import { Badge, Card, ErrorMessage, Field, Loading, toneOf } from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { may, useSession, useTenantPath } from '../session.tsx'

const EVENT_TYPES = WEBHOOK_EVENT_TYPES

interface Endpoint {
  id: number
  url: string
  description: string
  eventTypes: string[]
  status: 'enabled' | 'disabled'
  disabledReason: string | null
  consecutiveFailures: number
  createdBy: string
  createdAt: string
  updatedAt: string
}

interface Delivery {
  id: number
  endpointId: number
  eventId: string
  eventType: string
  status: 'pending' | 'delivered' | 'failed' | 'dead'
  attempts: number
  nextAttemptAt: string | null
  lastStatusCode: number | null
  lastError: string | null
  createdAt: string
  deliveredAt: string | null
}

export function WebhooksSection() {
  const session = useSession()
  const t = useTenantPath()
  const endpoints = useApi<Endpoint[]>(t('/webhooks'))
  const [open, setOpen] = useState<number | null>(null)
  const manage = may(session, 'webhooks.manage')
  return (
    <>
      <Card title="Webhook endpoints">
        {endpoints.error ? <ErrorMessage error={endpoints.error} /> : null}
        {endpoints.data ? (
          endpoints.data.length === 0 ? (
            <p className="muted">No webhook endpoint yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">URL</th>
                    <th scope="col">Events</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Failures in a row
                    </th>
                    <th scope="col">Created</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {endpoints.data.map((endpoint) => (
                    <tr key={endpoint.id}>
                      <td>
                        <code>{endpoint.url}</code>
                        {endpoint.description ? <div className="muted">{endpoint.description}</div> : null}
                      </td>
                      <td>
                        {endpoint.eventTypes.length === 0 ? 'every event' : endpoint.eventTypes.join(', ')}
                      </td>
                      <td>
                        <Badge tone={endpoint.status === 'enabled' ? 'good' : 'warn'}>
                          {endpoint.status}
                        </Badge>
                        {endpoint.disabledReason ? (
                          <div className="muted">{endpoint.disabledReason}</div>
                        ) : null}
                      </td>
                      <td className="num">{count(endpoint.consecutiveFailures)}</td>
                      <td>{instant(endpoint.createdAt)}</td>
                      <td>
                        <button
                          type="button"
                          className="secondary"
                          aria-expanded={open === endpoint.id}
                          aria-label={`Deliveries of ${endpoint.url}`}
                          onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)}
                        >
                          Deliveries
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : endpoints.loading ? (
          <Loading />
        ) : null}
      </Card>
      {open !== null ? (
        <DeliveryLog
          key={open}
          endpoint={endpoints.data?.find((e) => e.id === open)?.url ?? String(open)}
          id={open}
          manage={manage}
        />
      ) : null}
      {manage ? <NewEndpoint onCreated={endpoints.reload} /> : null}
    </>
  )
}

function DeliveryLog({ id, endpoint, manage }: { id: number; endpoint: string; manage: boolean }) {
  const t = useTenantPath()
  const deliveries = useApi<Page<Delivery>>(t(`/webhooks/${id}/deliveries?limit=50`))
  const [error, setError] = useState<unknown>()
  const [replayed, setReplayed] = useState<number | null>(null)
  const replay = async (delivery: Delivery) => {
    setError(undefined)
    try {
      await api(t(`/webhooks/${id}/deliveries/${delivery.id}/replay`), { method: 'POST' })
      setReplayed(delivery.id)
      deliveries.reload()
    } catch (failure) {
      setError(failure)
    }
  }
  return (
    <Card title={`Deliveries to ${endpoint}`}>
      {deliveries.error ? <ErrorMessage error={deliveries.error} /> : null}
      <ErrorMessage error={error} />
      {replayed !== null ? (
        <p className="success" role="status">
          Delivery {replayed} queued again.
        </p>
      ) : null}
      {deliveries.data ? (
        deliveries.data.items.length === 0 ? (
          <p className="muted">Nothing delivered to this endpoint yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                  <th scope="col">Last answer</th>
                  <th scope="col">Created</th>
                  <th scope="col">Delivered or next attempt</th>
                  {manage ? (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {deliveries.data.items.map((delivery) => (
                  <tr key={delivery.id}>
                    <td>
                      {delivery.eventType}
                      <div className="muted">
                        <code>{delivery.eventId}</code>
                      </div>
                    </td>
                    <td>
                      <Badge tone={delivery.status === 'dead' ? 'bad' : toneOf(delivery.status)}>
                        {delivery.status}
                      </Badge>
                    </td>
                    <td className="num">{count(delivery.attempts)}</td>
                    <td>
                      {delivery.lastStatusCode ?? '—'}
                      {delivery.lastError ? <div className="muted">{delivery.lastError}</div> : null}
                    </td>
                    <td>{instant(delivery.createdAt)}</td>
                    <td>{instant(delivery.deliveredAt ?? delivery.nextAttemptAt)}</td>
                    {manage ? (
                      <td>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => void replay(delivery)}
                          aria-label={`Replay delivery ${delivery.id} (${delivery.eventType})`}
                        >
                          Replay
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : (
        <Loading />
      )}
    </Card>
  )
}

function NewEndpoint({ onCreated }: { onCreated: () => void }) {
  const t = useTenantPath()
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const [events, setEvents] = useState<string[]>([])
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const created = await api<Endpoint & { secret: string }>(t('/webhooks'), {
        method: 'POST',
        body: { url: url.trim(), events, ...(description.trim() ? { description: description.trim() } : {}) },
      })
      setSecret({ url: created.url, secret: created.secret })
      setUrl('')
      setDescription('')
      setEvents([])
      onCreated()
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card title="New webhook endpoint">
      {secret ? (
        <div className="notice" role="status">
          <p>
            <strong>The signing secret of {secret.url}, shown this once.</strong> Deliveries are signed with
            it (Standard Webhooks).
          </p>
          <p className="secret">{secret.secret}</p>
        </div>
      ) : null}
      <form onSubmit={submit} aria-label="Register a webhook endpoint">
        <div className="form-row">
          <Field label="URL" hint="HTTPS address that receives the events">
            {(id) => (
              <input
                id={id}
                type="url"
                required
                value={url}
                onChange={(event) => setUrl(event.target.value)}
              />
            )}
          </Field>
          <Field label="Description">
            {(id) => (
              <input
                id={id}
                maxLength={200}
                value={description}
                onChange={(event) => setDescription(event.target.value)}
              />
            )}
          </Field>
        </div>
        <fieldset className="mapping">
          <legend>Events (none ticked: every event)</legend>
          <div className="mapping-grid">
            {EVENT_TYPES.map((type) => (
              <label key={type}>
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={(event) =>
                    setEvents(event.target.checked ? [...events, type] : events.filter((e) => e !== type))
                  }
                />{' '}
                {type}
              </label>
            ))}
          </div>
        </fieldset>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Registering…' : 'Register endpoint'}
        </button>
      </form>
    </Card>
  )
}
