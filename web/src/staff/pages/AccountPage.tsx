// One account: who owes what (the balance itemised), the call in progress when opened from the queue,
// what the collector may do (each act by the caller's permissions, through the API), the documents,
// and one timeline of everything that happened.
import { useState } from 'react'
import type { Page } from '../../shared/api.ts'
import { api } from '../../shared/api.ts'
import { count, day, instant, money } from '../../shared/format.ts'
import { navigate, useLocation } from '../../shared/router.tsx'
import { Badge, Card, ErrorMessage, Loading, PageHeader, toneOf } from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { ActionForm } from '../ActionForm.tsx'
import { may, useSession, useTenantPath } from '../session.tsx'
import { Timeline } from '../Timeline.tsx'
import type { CallTask } from './QueuePage.tsx'

interface Account {
  id: string
  debtor: string
  debtorName: string
  client: string | null
  status: string
  stage: string | null
  stageEnteredOn: string | null
  currency: string
  jurisdiction: string
  debtKind: string
  openedOn: string
  dueOn: string
  chargeOffOn: string | null
  closedOn: string | null
  closeReason: string | null
  originalCreditor: string
  currentCreditor: string
  balanceMinor: number
  components: { component: string; balanceMinor: number }[]
}

const DOCUMENT_KINDS = [
  'statement',
  'reminder',
  'final-notice',
  'demand-letter',
  'validation-notice',
  'letter-of-claim',
  'ni-act-notice',
] as const

export function AccountPage({ account }: { account: string }) {
  const t = useTenantPath()
  const session = useSession()
  const { search } = useLocation()
  const taskId = search.get('task')
  const base = t(`/accounts/${encodeURIComponent(account)}`)
  const loaded = useApi<Account>(base)
  const [generation, setGeneration] = useState(0)
  const changed = () => {
    loaded.reload()
    setGeneration((n) => n + 1)
  }
  // The timeline is asked for at once, beside the account, not after it.
  const timeline = (
    <Card title="Timeline">
      <Timeline path={`${base}/timeline`} key={generation} />
    </Card>
  )
  if (loaded.error) return <ErrorMessage error={loaded.error} />
  const a = loaded.data
  // One layout from the first render on, so the timeline (asked for at once) is never drawn twice.
  if (!a)
    return (
      <>
        <PageHeader title={account} />
        <div className="account-layout">
          <div>
            {/* the call panel's place when loaded */}
            {null}
            {timeline}
          </div>
          <div>
            <Loading />
          </div>
        </div>
      </>
    )
  return (
    <>
      <PageHeader
        title={`${a.debtorName} · ${a.id}`}
        subtitle={
          <>
            <Badge tone={toneOf(a.status)}>{a.status}</Badge>{' '}
            {a.stage ? <Badge tone="info">{a.stage}</Badge> : null} {a.debtKind} debt in {a.jurisdiction},
            owed to {a.currentCreditor}
          </>
        }
      />
      <div className="account-layout">
        <div>
          {taskId ? <CallPanel taskId={taskId} onRecorded={changed} /> : null}
          {timeline}
        </div>
        <div>
          <Card title="Balance">
            <p className="stat-inline">
              <strong>{money(a.balanceMinor, a.currency)}</strong>
            </p>
            <table>
              <caption className="visually-hidden">Balance by component</caption>
              <tbody>
                {a.components.map((component) => (
                  <tr key={component.component}>
                    <th scope="row">{component.component}</th>
                    <td className="num">{money(component.balanceMinor, a.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="facts">
              <dt>Debtor</dt>
              <dd>{a.debtor}</dd>
              <dt>Client</dt>
              <dd>{a.client ?? '—'}</dd>
              <dt>Original creditor</dt>
              <dd>{a.originalCreditor}</dd>
              <dt>Opened</dt>
              <dd>{day(a.openedOn)}</dd>
              <dt>Due</dt>
              <dd>{day(a.dueOn)}</dd>
              <dt>Charged off</dt>
              <dd>{day(a.chargeOffOn)}</dd>
              <dt>Stage since</dt>
              <dd>{day(a.stageEnteredOn)}</dd>
            </dl>
          </Card>
          {a.status === 'open' ? <Actions base={base} currency={a.currency} onDone={changed} /> : null}
          {may(session, 'documents.render') ? <Documents base={base} /> : null}
          <DisputeEvidence key={generation} base={base} />
        </div>
      </div>
    </>
  )
}

const CALL_OUTCOMES = [
  'right_party_contact',
  'promise_to_pay',
  'no_answer',
  'busy',
  'voicemail',
  'call_back',
  'wrong_party',
  'not_in_service',
  'dispute',
  'refusal',
  'attorney_named',
  'inconvenient_time',
] as const

/** The call opened from the queue: its script and the outcome form; recording moves to the next call. */
function CallPanel({ taskId, onRecorded }: { taskId: string; onRecorded: () => void }) {
  const t = useTenantPath()
  const session = useSession()
  const task = useApi<CallTask>(t(`/tasks/${encodeURIComponent(taskId)}`))
  const [outcome, setOutcome] = useState<string>('right_party_contact')
  if (task.error) return <ErrorMessage error={task.error} />
  if (!task.data) return <Loading />
  const call = task.data
  const next = async () => {
    onRecorded()
    const queue = await api<Page<CallTask>>(t('/tasks?mine=true&limit=20')).catch(() => null)
    const following = queue?.items.find((item) => item.id !== call.id && item.offer?.offered !== false)
    navigate(following ? `/accounts/${encodeURIComponent(following.account)}?task=${following.id}` : '/queue')
  }
  return (
    <Card title={`Call ${call.account}`} className="call-panel">
      {call.status !== 'open' ? (
        <p className="notice">This call is {call.status}.</p>
      ) : call.offer && !call.offer.offered ? (
        <p className="error" role="alert">
          The contact rules do not allow this call now
          {call.offer.nextAllowedAt
            ? ` (next allowed ${new Date(call.offer.nextAllowedAt).toLocaleString()})`
            : ''}
          : {call.offer.reasons.join('; ')}
        </p>
      ) : null}
      <h3>Script</h3>
      <div className="script">{call.script}</div>
      {call.status === 'open' && call.offer?.offered !== false && may(session, 'tasks.outcome') ? (
        <>
          <div className="field">
            <label htmlFor="call-outcome">Outcome</label>
            <select id="call-outcome" value={outcome} onChange={(event) => setOutcome(event.target.value)}>
              {CALL_OUTCOMES.map((option) => (
                <option key={option} value={option}>
                  {option.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </div>
          <ActionForm
            key={outcome}
            title="Record the outcome"
            submitLabel="Record and go to the next call"
            path={t(`/tasks/${call.id}/outcome`)}
            fields={[
              ...(outcome === 'promise_to_pay'
                ? [
                    { name: 'amount', label: `Amount promised (${call.currency})`, required: true },
                    { name: 'date', label: 'Promised by', type: 'date' as const, required: true },
                  ]
                : []),
              ...(outcome === 'call_back'
                ? [{ name: 'at', label: 'Call back at', type: 'datetime-local' as const, required: true }]
                : []),
              ...(outcome === 'inconvenient_time'
                ? [
                    {
                      name: 'from',
                      label: 'Inconvenient from (debtor local time)',
                      type: 'time' as const,
                      required: true,
                    },
                    { name: 'to', label: 'Until', type: 'time' as const, required: true },
                  ]
                : []),
              { name: 'note', label: 'Note', type: 'textarea' as const },
            ]}
            body={(values) => ({
              outcome,
              ...(outcome === 'promise_to_pay'
                ? { amount: values.amount, currency: call.currency, date: values.date }
                : {}),
              ...(outcome === 'call_back' ? { at: new Date(String(values.at)).toISOString() } : {}),
              ...(outcome === 'inconvenient_time' ? { from: values.from, to: values.to } : {}),
              ...(values.note ? { note: values.note } : {}),
            })}
            onDone={next}
          />
        </>
      ) : null}
    </Card>
  )
}

/** What the caller may do on an open account, each form shown only with its permission. */
function Actions({ base, currency, onDone }: { base: string; currency: string; onDone: () => void }) {
  const session = useSession()
  const forms = [
    may(session, 'promises.record') ? (
      <ActionForm
        key="promise"
        title="Take a promise"
        collapsible
        submitLabel="Record the promise"
        path={`${base}/promises`}
        fields={[
          { name: 'amount', label: `Amount (${currency})`, required: true },
          { name: 'dueOn', label: 'Promised by', type: 'date', required: true },
          {
            name: 'channel',
            label: 'Taken on',
            type: 'select',
            options: ['phone', 'email', 'letter', 'sms'],
          },
        ]}
        body={(v) => ({ amount: v.amount, dueOn: v.dueOn, channel: v.channel })}
        onDone={onDone}
      />
    ) : null,
    may(session, 'plans.create') ? (
      <ActionForm
        key="plan"
        title="Set up a payment plan"
        collapsible
        submitLabel="Create the plan"
        path={`${base}/plans`}
        fields={[
          { name: 'instalments', label: 'Number of instalments', type: 'number', required: true },
          {
            name: 'frequency',
            label: 'Frequency',
            type: 'select',
            options: ['monthly', 'fortnightly', 'weekly'],
          },
          { name: 'downPayment', label: `Down payment (${currency}, optional)` },
          { name: 'firstDueOn', label: 'First instalment due (optional)', type: 'date' },
        ]}
        body={(v) => ({
          instalments: Number(v.instalments),
          frequency: v.frequency,
          ...(v.downPayment ? { downPayment: v.downPayment } : {}),
          ...(v.firstDueOn ? { firstDueOn: v.firstDueOn } : {}),
        })}
        onDone={onDone}
      >
        <p className="muted">Within the tenant's plan policy; the server refuses terms it does not allow.</p>
      </ActionForm>
    ) : null,
    may(session, 'disputes.open') ? (
      <ActionForm
        key="dispute"
        title="Open a dispute"
        collapsible
        submitLabel="Open the dispute"
        path={`${base}/disputes`}
        fields={[
          { name: 'reason', label: 'What the debtor disputes', type: 'textarea', required: true },
          { name: 'written', label: 'Received in writing', type: 'checkbox' },
          { name: 'amount', label: `Disputed amount (${currency}; empty: all of it)` },
        ]}
        body={(v) => ({
          reason: v.reason,
          written: v.written === true,
          ...(v.amount ? { amount: v.amount } : {}),
        })}
        onDone={onDone}
      />
    ) : null,
    may(session, 'hardship.pause') ? (
      <ActionForm
        key="hardship"
        title="Pause for hardship"
        collapsible
        submitLabel="Pause collection"
        path={`${base}/hardship`}
        fields={[
          { name: 'reason', label: 'Reason', required: true },
          { name: 'from', label: 'From', type: 'date', required: true },
          { name: 'to', label: 'To (inclusive)', type: 'date', required: true },
        ]}
        body={(v) => ({ reason: v.reason, from: v.from, to: v.to })}
        onDone={onDone}
      />
    ) : null,
  ].filter(Boolean)
  if (forms.length === 0) return null
  return <Card title="Act on this account">{forms}</Card>
}

/** The account's documents as the books make them today: a preview in a frame, or the PDF to keep. */
function Documents({ base }: { base: string }) {
  const [shown, setShown] = useState<string | null>(null)
  return (
    <Card title="Documents">
      <ul className="plain-list documents">
        {DOCUMENT_KINDS.map((kind) => (
          <li key={kind}>
            <span>{kind.replaceAll('-', ' ')}</span>{' '}
            <button
              type="button"
              className="secondary small"
              aria-expanded={shown === kind}
              onClick={() => setShown(shown === kind ? null : kind)}
            >
              {shown === kind ? 'Hide' : 'Preview'}
            </button>{' '}
            <a href={`${base}/documents/${kind}.pdf`}>Download</a>
          </li>
        ))}
      </ul>
      {shown ? (
        <iframe
          className="pdf-frame"
          title={`Preview of the ${shown.replaceAll('-', ' ')}`}
          src={`${base}/documents/${shown}.pdf?disposition=inline`}
        />
      ) : null}
    </Card>
  )
}

interface Evidence {
  id: number
  disputeId: number
  contentType: string
  sizeBytes: number
  uploadedBy: string
  uploadedAt: string
  fileName: string
}

/** The files debtors uploaded to the account's disputes, each to download (never shown in this origin). */
function DisputeEvidence({ base }: { base: string }) {
  const evidence = useApi<{ items: Evidence[] }>(`${base}/dispute-evidence`)
  const items = evidence.data?.items ?? []
  if (evidence.error) return <ErrorMessage error={evidence.error} />
  if (items.length === 0) return null
  return (
    <Card title={`Dispute evidence (${items.length})`}>
      <ul className="plain-list evidence" aria-label="Dispute evidence">
        {items.map((file) => (
          <li key={file.id}>
            <div>
              Dispute #{file.disputeId}: {file.contentType === 'application/pdf' ? 'PDF' : 'image'},{' '}
              {count(Math.ceil(file.sizeBytes / 1024))} KB
            </div>
            <div className="muted">
              {instant(file.uploadedAt)} by{' '}
              {file.uploadedBy.startsWith('debtor:') ? 'the debtor' : file.uploadedBy}
            </div>
            <a href={`${base}/dispute-evidence/${file.id}`} download={file.fileName}>
              Download {file.fileName}
            </a>
          </li>
        ))}
      </ul>
    </Card>
  )
}
