// A collector's work queue: the open call tasks assigned to them or to nobody, in the server's order
// (call-backs due first, then expected value: balance × chance of payment from the risk score). A task
// compliance holds back now is shown with the time it may be worked, never offered.
import type { Page } from '../../shared/api.ts'
import { day, instant, money } from '../../shared/format.ts'
import { Link } from '../../shared/router.tsx'
import { Badge, Card, ErrorMessage, Loading, PageHeader } from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { useTenantPath } from '../session.tsx'

export interface CallTask {
  id: number
  account: string
  debtor: string
  dueAt: string
  status: string
  assignedUserId: number | null
  balance: string
  expectedValue: string
  risk: { score: number; band: 'low' | 'medium' | 'high' } | null
  currency: string
  script: string
  followsTaskId: number | null
  offer: { offered: boolean; nextAllowedAt: string | null; reasons: string[] } | null
}

interface FollowUp {
  kind: 'promise_due' | 'plan_broken'
  id: number
  account: string
  debtorName: string
  on: string
  amountMinor: number
  currency: string
}

export function QueuePage() {
  const t = useTenantPath()
  const tasks = useApi<Page<CallTask>>(t('/tasks?mine=true&includeBlocked=true&limit=100'))
  const followUps = useApi<{ asOf: string; items: FollowUp[] }>(t('/follow-ups?limit=50'))
  const items = tasks.data?.items ?? []
  const callable = items.filter((task) => task.offer?.offered !== false)
  const held = items.filter((task) => task.offer?.offered === false)
  return (
    <>
      <PageHeader
        title="Work queue"
        subtitle="Calls due now: call-backs at their stated time first, then the highest expected value (balance × chance of payment). Calls the contact rules hold back show when they may be made."
        actions={
          <button type="button" className="secondary" onClick={tasks.reload}>
            Refresh
          </button>
        }
      />
      {tasks.error ? <ErrorMessage error={tasks.error} /> : null}
      {tasks.loading && !tasks.data ? <Loading /> : null}
      <Card title={`Call now (${callable.length})`}>
        {callable.length === 0 && tasks.data ? <p className="muted">Nothing to call right now.</p> : null}
        <ol className="plain-list" aria-label="Calls to make">
          {callable.map((task) => (
            <li className="queue-item" key={task.id}>
              <div>
                <Link to={`/accounts/${encodeURIComponent(task.account)}?task=${task.id}`}>
                  Call about {task.account}
                </Link>
                <div className="muted">
                  Due {instant(task.dueAt)}
                  {task.followsTaskId ? ' · call-back' : ''} · {riskText(task.risk)}
                </div>
              </div>
              <div className="num">
                <div>{money(task.expectedValue, task.currency)}</div>
                <div className="muted">expected of {money(task.balance, task.currency)}</div>
              </div>
            </li>
          ))}
        </ol>
      </Card>
      <Card title={`Promises due and broken plans (${followUps.data?.items.length ?? 0})`}>
        <ErrorMessage error={followUps.error} />
        {followUps.data && followUps.data.items.length === 0 ? (
          <p className="muted">No promise is due unpaid and no plan broke lately.</p>
        ) : null}
        <ol className="plain-list" aria-label="Follow-ups">
          {followUps.data?.items.map((item) => (
            <li className="queue-item" key={`${item.kind}-${item.id}`}>
              <div>
                <Link to={`/accounts/${encodeURIComponent(item.account)}`}>
                  {item.kind === 'promise_due' ? 'Promise due' : 'Plan broken'}: {item.debtorName} (
                  {item.account})
                </Link>
                <div className="muted">
                  {item.kind === 'promise_due' ? `Due ${day(item.on)}, unpaid` : `Broke ${day(item.on)}`}
                </div>
              </div>
              <div className="num">{money(item.amountMinor, item.currency)}</div>
            </li>
          ))}
        </ol>
      </Card>
      {held.length > 0 ? (
        <Card title={`Held back by the contact rules (${held.length})`}>
          <ul className="plain-list">
            {held.map((task) => (
              <li className="queue-item" key={task.id}>
                <div>
                  <Link to={`/accounts/${encodeURIComponent(task.account)}`}>{task.account}</Link>{' '}
                  <Badge tone="warn">not now</Badge>
                  <div className="muted">
                    {task.offer?.nextAllowedAt
                      ? `May be called from ${instant(task.offer.nextAllowedAt)}`
                      : 'No allowed time is known'}
                    {task.offer?.reasons.length ? ` · ${task.offer.reasons.join('; ')}` : ''}
                  </div>
                </div>
                <div className="num">{money(task.balance, task.currency)}</div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  )
}

/** The risk band as words: the band the score put the account in, or that it was not scored. */
function riskText(risk: CallTask['risk']): string {
  return risk ? `${risk.band} risk (score ${risk.score})` : 'not scored (even odds)'
}
