// Approvals: the actions a playbook holds for a person (letters of claim, legal steps, agency
// placements, write-off recommendations). Approving one releases it to the dispatcher, which checks
// compliance again when it sends; rejecting one cancels it with the reason given here.
import { type FormEvent, useState } from 'react'
import { api, type Page, query } from '../../shared/api.ts'
import { instant, words } from '../../shared/format.ts'
import { Link } from '../../shared/router.tsx'
import { Badge, Card, ErrorMessage, Field, Loading, PageHeader, toneOf } from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { useTenantPath } from '../session.tsx'

export interface Approval {
  id: number
  status: string
  account: string
  debtor: string
  debtorName: string
  stage: string
  action: { type: string; channel: string | null; template: string | null; payload: Record<string, unknown> }
  scheduledAt: string | null
  createdAt: string
  compliance: { outcome: string; reasons: { ruleId: string; citation: string; message: string }[] }
  playbook: { id: string; version: number }
}

export function ApprovalsPage() {
  const t = useTenantPath()
  const [cursor, setCursor] = useState<string | undefined>()
  const approvals = useApi<Page<Approval>>(t(`/approvals${query({ limit: 100, cursor })}`))
  const [done, setDone] = useState<string>()
  const [error, setError] = useState<unknown>()
  const [rejecting, setRejecting] = useState<number>()
  const [busy, setBusy] = useState<number>()

  const act = async (item: Approval, verb: 'approve' | 'reject', reason?: string) => {
    setBusy(item.id)
    setError(undefined)
    setDone(undefined)
    try {
      await api(t(`/approvals/${item.id}/${verb}`), {
        method: 'POST',
        ...(verb === 'reject' ? { body: { reason } } : {}),
      })
      setDone(`${verb === 'approve' ? 'Approved' : 'Rejected'}: ${actionLabel(item)} for ${item.account}.`)
      setRejecting(undefined)
      approvals.reload()
    } catch (failure) {
      setError(failure)
      // A row cancelled or decided meanwhile is gone from the queue: show the queue as it is now.
      approvals.reload()
    } finally {
      setBusy(undefined)
    }
  }

  const items = approvals.data?.items ?? []
  return (
    <>
      <PageHeader
        title="Approvals"
        subtitle="Actions the playbooks hold until a manager decides. Approved actions are checked against the contact rules again when they are sent."
        actions={
          <button type="button" className="secondary" onClick={approvals.reload}>
            Refresh
          </button>
        }
      />
      {done ? (
        <p className="success" role="status">
          {done}
        </p>
      ) : null}
      <ErrorMessage error={error ?? approvals.error} />
      {approvals.loading && !approvals.data ? <Loading /> : null}
      <Card title={`Awaiting approval (${items.length}${approvals.data?.nextCursor ? '+' : ''})`}>
        {approvals.data && items.length === 0 ? <p className="muted">Nothing awaits approval.</p> : null}
        {items.length > 0 ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Action</th>
                  <th scope="col">Scheduled</th>
                  <th scope="col">Compliance at decision</th>
                  <th scope="col">Playbook</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <Link to={`/accounts/${encodeURIComponent(item.account)}`}>{item.account}</Link>
                      <div className="muted">{item.debtorName}</div>
                    </td>
                    <td>{words(item.stage)}</td>
                    <td>
                      {actionLabel(item)}
                      {typeof item.action.payload.note === 'string' ? (
                        <div className="muted">{item.action.payload.note}</div>
                      ) : null}
                    </td>
                    <td>{item.scheduledAt ? instant(item.scheduledAt) : '—'}</td>
                    <td>
                      <Badge tone={toneOf(item.compliance.outcome)}>{words(item.compliance.outcome)}</Badge>
                      {item.compliance.reasons.map((reason) => (
                        <div key={reason.ruleId} className="muted">
                          <code>{reason.ruleId}</code>
                        </div>
                      ))}
                    </td>
                    <td>
                      {item.playbook.id} v{item.playbook.version}
                    </td>
                    <td>
                      {rejecting === item.id ? (
                        <RejectForm
                          item={item}
                          busy={busy === item.id}
                          onReject={(reason) => act(item, 'reject', reason)}
                          onCancel={() => setRejecting(undefined)}
                        />
                      ) : (
                        <div className="actions">
                          <button
                            type="button"
                            disabled={busy !== undefined}
                            onClick={() => act(item, 'approve')}
                            aria-label={`Approve ${actionLabel(item)} for ${item.account}`}
                          >
                            Approve
                          </button>
                          <button
                            type="button"
                            className="secondary"
                            disabled={busy !== undefined}
                            onClick={() => setRejecting(item.id)}
                            aria-label={`Reject ${actionLabel(item)} for ${item.account}`}
                          >
                            Reject
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <div className="actions">
          {cursor ? (
            <button type="button" className="secondary" onClick={() => setCursor(undefined)}>
              First page
            </button>
          ) : null}
          {approvals.data?.nextCursor ? (
            <button
              type="button"
              className="secondary"
              onClick={() => setCursor(approvals.data?.nextCursor ?? undefined)}
            >
              Next page
            </button>
          ) : null}
        </div>
      </Card>
    </>
  )
}

function RejectForm(props: {
  item: Approval
  busy: boolean
  onReject: (reason: string) => void
  onCancel: () => void
}) {
  const [reason, setReason] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (reason.trim()) props.onReject(reason.trim())
  }
  return (
    <form onSubmit={submit} aria-label={`Reject ${actionLabel(props.item)} for ${props.item.account}`}>
      <Field label="Reason for rejecting">
        {(id) => (
          <textarea
            id={id}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
            maxLength={2000}
            rows={2}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={props.busy || !reason.trim()}>
          Confirm rejection
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** "Demand letter (letter)", "Place with agency", "Approve escalation". */
function actionLabel(item: Approval): string {
  const what = words(item.action.template ?? item.action.type)
  return item.action.channel ? `${what} (${item.action.channel})` : what
}
