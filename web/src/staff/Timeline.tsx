// The account's timeline (GET .../accounts/:account/timeline): one list of everything, newest first,
// a page at a time. Messages show their send-time compliance check: for a blocked one, each rule that
// blocked it with its citation.
import { useState } from 'react'
import { api, type Page } from '../shared/api.ts'
import { instant, money, words } from '../shared/format.ts'
import { Badge, ErrorMessage, Loading, toneOf } from '../shared/ui.tsx'
import { useApi } from '../shared/use-api.ts'

export interface ComplianceReason {
  ruleId: string
  message?: string
  citation?: string
}

export interface TimelineItem {
  id: string
  kind: string
  at: string
  title: string
  status?: string | null
  amountMinor?: number | null
  currency?: string | null
  compliance?: { outcome: string; reasons: ComplianceReason[] } | null
  details?: Record<string, unknown>
}

/** Items per page: a screenful many times over, one request for most accounts. */
const PAGE = 250

export function Timeline({ path }: { path: string }) {
  const first = useApi<Page<TimelineItem>>(`${path}?limit=${PAGE}`)
  const [more, setMore] = useState<TimelineItem[]>([])
  const [next, setNext] = useState<string | null | undefined>(undefined)
  const [error, setError] = useState<unknown>()
  if (first.error) return <ErrorMessage error={first.error} />
  if (!first.data) return <Loading label="Loading the timeline…" />
  const cursor = next === undefined ? first.data.nextCursor : next
  const items = [...first.data.items, ...more]
  const loadMore = async () => {
    if (!cursor) return
    try {
      const page = await api<Page<TimelineItem>>(`${path}?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`)
      setMore((previous) => [...previous, ...page.items])
      setNext(page.nextCursor)
    } catch (failure) {
      setError(failure)
    }
  }
  if (items.length === 0) return <p className="muted">Nothing has happened on this account yet.</p>
  return (
    <>
      <ol className="timeline" aria-label="Account timeline">
        {items.map((item) => (
          <TimelineEntry item={item} key={item.id} />
        ))}
      </ol>
      <ErrorMessage error={error} />
      {cursor ? (
        <button type="button" className="secondary" onClick={loadMore}>
          Show older
        </button>
      ) : null}
    </>
  )
}

function TimelineEntry({ item }: { item: TimelineItem }) {
  const blocked = item.compliance && item.compliance.outcome !== 'allow'
  return (
    <li data-kind={item.kind}>
      <div className="when">
        <time dateTime={item.at}>{item.at.length === 10 ? item.at : instant(item.at)}</time>
        <div>
          <Badge>{words(item.kind)}</Badge>
        </div>
      </div>
      <div className="what">
        <div>
          {item.title}
          {item.status ? (
            <>
              {' '}
              <Badge tone={toneOf(item.status)}>{item.status}</Badge>
            </>
          ) : null}
          {item.amountMinor !== null && item.amountMinor !== undefined && item.currency ? (
            <strong> {money(item.amountMinor, item.currency)}</strong>
          ) : null}
        </div>
        {blocked ? (
          <div className="blocked-by">
            <Badge tone="bad">
              {item.compliance?.outcome === 'block' ? 'blocked' : item.compliance?.outcome}
            </Badge>{' '}
            by{' '}
            <ul>
              {item.compliance?.reasons.map((reason) => (
                <li key={reason.ruleId}>
                  <code>{reason.ruleId}</code>
                  {reason.message ? `: ${reason.message}` : ''}
                  {reason.citation ? <span className="muted"> ({reason.citation})</span> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {item.details && Object.keys(item.details).length > 0 ? (
          <details>
            <summary>Details</summary>
            <pre>{JSON.stringify(item.details, null, 2)}</pre>
          </details>
        ) : null}
      </div>
    </li>
  )
}
