// The account's timeline (GET .../accounts/:account/timeline): one list of everything, newest first,
// a page at a time. Messages show their send-time compliance check: for a blocked one, each rule that
// blocked it with its citation.
import { useState } from 'react'
import { api, type Page } from '../shared/api.ts'
import { day, instant, money, words } from '../shared/format.ts'
import { Badge, ErrorMessage, Loading, toneOf } from '../shared/ui.tsx'
import { useApi } from '../shared/use-api.ts'

export interface ComplianceReason {
  ruleId: string
  message?: string
  citation?: string
}

interface Check {
  outcome: string
  reasons: ComplianceReason[]
}

export interface TimelineItem {
  id: string
  kind: string
  at: string
  title: string
  status?: string | null
  amountMinor?: number | null
  currency?: string | null
  details?: {
    compliance?: Check
    pdfPath?: string | null
    playbook?: { id: string; version: number; variant: string }
    fired?: string[]
    actions?: { type: string; channel: string | null; status: string | null; compliance: Check }[]
    [field: string]: unknown
  }
}

/** The checks that refused something on this item: a message's send-time check, a decision's actions. */
function refusals(item: TimelineItem): { label: string; check: Check }[] {
  const details = item.details
  if (!details) return []
  const found: { label: string; check: Check }[] = []
  if (
    details.compliance &&
    details.compliance.outcome !== 'allowed' &&
    details.compliance.outcome !== 'allow'
  )
    found.push({ label: 'Blocked at send', check: details.compliance })
  for (const action of details.actions ?? []) {
    if (action.compliance.outcome === 'block')
      found.push({
        label: `Blocked: ${words(action.type)}${action.channel ? ` by ${action.channel}` : ''}`,
        check: action.compliance,
      })
  }
  return found
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
  const blocked = refusals(item)
  const details = item.details
  return (
    <li data-kind={item.kind}>
      <div className="when">
        <time dateTime={item.at}>{item.at.length === 10 ? day(item.at) : instant(item.at)}</time>
        <div>
          <Badge>{words(item.kind)}</Badge>
        </div>
      </div>
      <div className="what">
        <div>
          {item.title}
          {item.status && !item.title.endsWith(item.status) ? (
            <>
              {' '}
              <Badge tone={toneOf(item.status)}>{item.status}</Badge>
            </>
          ) : null}
          {item.amountMinor !== null && item.amountMinor !== undefined && item.currency ? (
            <strong> {money(item.amountMinor, item.currency)}</strong>
          ) : null}
        </div>
        {details?.playbook ? (
          <div className="muted">
            Playbook {details.playbook.id} v{details.playbook.version}
            {details.fired?.length ? <> · rule fired: {details.fired.join('; ')}</> : null}
          </div>
        ) : null}
        {blocked.map(({ label, check }) => (
          <div className="blocked-by" key={label}>
            <Badge tone="bad">{label}</Badge> by
            <ul>
              {check.reasons.map((reason) => (
                <li key={reason.ruleId}>
                  <code>{reason.ruleId}</code>
                  {reason.message ? `: ${reason.message}` : ''}
                  {reason.citation ? <span className="muted"> ({reason.citation})</span> : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
        {details?.pdfPath ? (
          <div>
            <a href={details.pdfPath} target="_blank" rel="noopener">
              The document (PDF)
            </a>
          </div>
        ) : null}
        {details && Object.keys(details).length > 0 ? (
          <details>
            <summary>Details</summary>
            <pre>{JSON.stringify(details, null, 2)}</pre>
          </details>
        ) : null}
      </div>
    </li>
  )
}
