// A stored playbook version replayed over past days (POST /playbooks/versions/:id/simulate, as
// `recoup simulate` does): what it would have done, per stage and variant. Sends and writes nothing.
import { type FormEvent, useState } from 'react'
import { api } from '../../shared/api.ts'
import { count } from '../../shared/format.ts'
import { Card, ErrorMessage, Field, Loading } from '../../shared/ui.tsx'
import { useTenantPath } from '../session.tsx'
import type { PlaybookVersion } from './PlaybooksPage.tsx'

interface Tally {
  entered: number
  escalated: number
  actions: number
  wouldSend: number
  awaitingApproval: number
  blocked: number
  deferred: number
  paid: number
  byAction: Record<string, number>
  blockedByRule: Record<string, number>
}

interface Simulation {
  from: string
  to: string
  days: number
  playbooks: { id: string; version: number }[]
  accounts: { replayed: number; treated: number; openAtEnd: number }
  undecided: { account: string; on: string; reason: string }[]
  stoppedByPayment: { accounts: number; actionsAfterPayment: number }
  totals: Tally
  rows: (Tally & { playbookId: string; stage: string; variant: string })[]
}

const TALLY_COLUMNS: [keyof Tally, string][] = [
  ['entered', 'Entered'],
  ['escalated', 'Escalated'],
  ['actions', 'Actions'],
  ['wouldSend', 'Would send'],
  ['awaitingApproval', 'Awaiting approval'],
  ['blocked', 'Blocked'],
  ['deferred', 'Deferred'],
  ['paid', 'Paid'],
]

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
}

export function PlaybookSimulation(props: {
  versions: PlaybookVersion[]
  selected: number | null
  onSelect: (id: number) => void
}) {
  const t = useTenantPath()
  const [from, setFrom] = useState(() => isoDaysAgo(30))
  const [to, setTo] = useState(() => isoDaysAgo(1))
  const [result, setResult] = useState<Simulation | null>(null)
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const id = props.selected ?? props.versions[0]?.id
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (id === undefined) return
    setBusy(true)
    setError(undefined)
    setResult(null)
    try {
      setResult(
        await api<Simulation>(t(`/playbooks/versions/${id}/simulate`), {
          method: 'POST',
          body: { from, to },
        }),
      )
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card title="Simulate a version">
      <form onSubmit={submit} aria-label="Simulate a version">
        <div className="form-row">
          <Field label="Version">
            {(fieldId) => (
              <select
                id={fieldId}
                value={id}
                onChange={(event) => props.onSelect(Number(event.target.value))}
              >
                {props.versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.playbookId} version {v.version}
                    {v.active ? ' (active)' : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="First day">
            {(fieldId) => (
              <input
                id={fieldId}
                type="date"
                required
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              />
            )}
          </Field>
          <Field label="Last day">
            {(fieldId) => (
              <input id={fieldId} type="date" required value={to} onChange={(e) => setTo(e.target.value)} />
            )}
          </Field>
        </div>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy || id === undefined}>
          {busy ? 'Simulating…' : 'Simulate'}
        </button>
      </form>
      {busy ? <Loading label="Replaying the ledger…" /> : null}
      {result ? <SimulationResult result={result} /> : null}
    </Card>
  )
}

function SimulationResult({ result }: { result: Simulation }) {
  return (
    <section aria-label="Simulation result">
      <h3>
        {result.from} to {result.to} ({count(result.days)} days)
      </h3>
      <div className="stats">
        <div className="stat">
          <span className="value">{count(result.accounts.replayed)}</span>
          <span className="label">accounts replayed</span>
        </div>
        <div className="stat">
          <span className="value">{count(result.accounts.treated)}</span>
          <span className="label">treated</span>
        </div>
        <div className="stat">
          <span className="value">{count(result.totals.actions)}</span>
          <span className="label">actions</span>
        </div>
        <div className="stat">
          <span className="value">{count(result.totals.wouldSend)}</span>
          <span className="label">would send</span>
        </div>
        <div className="stat">
          <span className="value">{count(result.totals.blocked)}</span>
          <span className="label">blocked by compliance</span>
        </div>
        <div className="stat">
          <span className="value">{count(result.stoppedByPayment.accounts)}</span>
          <span className="label">stopped by a payment</span>
        </div>
      </div>
      <p className="muted">
        Playbooks: {result.playbooks.map((p) => `${p.id} v${p.version}`).join(', ')}. Open at the end:{' '}
        {count(result.accounts.openAtEnd)}. Undecided: {count(result.undecided.length)}.
      </p>
      <VariantsSideBySide rows={result.rows} />
      {result.rows.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="left">By playbook, stage and variant</caption>
            <thead>
              <tr>
                <th scope="col">Playbook</th>
                <th scope="col">Stage</th>
                <th scope="col">Variant</th>
                {TALLY_COLUMNS.map(([key, label]) => (
                  <th scope="col" className="num" key={key}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={`${row.playbookId}|${row.stage}|${row.variant}`}>
                  <td>{row.playbookId}</td>
                  <td>{row.stage}</td>
                  <td>{row.variant}</td>
                  {TALLY_COLUMNS.map(([key]) => (
                    <td className="num" key={key}>
                      {count(row[key] as number)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No account entered a stage in these days.</p>
      )}
      {result.undecided.length > 0 ? (
        <details>
          <summary>Undecided accounts ({result.undecided.length})</summary>
          <ul>
            {result.undecided.slice(0, 50).map((u) => (
              <li key={`${u.account}-${u.on}`}>
                {u.account} on {u.on}: {u.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  )
}

/**
 * Champion and challenger side by side: for each playbook run with more than one variant, each stage's
 * accounts entered, messages it would send and accounts that paid, a column group per variant, and
 * the share that paid (paid / entered).
 */
function VariantsSideBySide({ rows }: { rows: Simulation['rows'] }) {
  const playbooks = [...new Set(rows.map((r) => r.playbookId))]
  const compared = playbooks
    .map((playbookId) => {
      const own = rows.filter((r) => r.playbookId === playbookId)
      return { playbookId, own, variants: [...new Set(own.map((r) => r.variant))].sort() }
    })
    .filter((p) => p.variants.length > 1)
  if (compared.length === 0) return null
  const rate = (row: Tally | undefined) =>
    row && row.entered > 0 ? `${Math.round((row.paid / row.entered) * 1000) / 10}%` : '—'
  return (
    <>
      {compared.map(({ playbookId, own, variants }) => {
        const stages = [...new Set(own.map((r) => r.stage))]
        return (
          <div className="table-wrap" key={playbookId}>
            <table>
              <caption className="left">{playbookId}: champion and challenger side by side</caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    Stage
                  </th>
                  {variants.map((variant) => (
                    <th scope="colgroup" colSpan={4} key={variant}>
                      {variant}
                    </th>
                  ))}
                </tr>
                <tr>
                  {variants.map((variant) =>
                    ['Entered', 'Would send', 'Paid', 'Paid share'].map((label) => (
                      <th scope="col" className="num" key={`${variant}-${label}`}>
                        {label}
                      </th>
                    )),
                  )}
                </tr>
              </thead>
              <tbody>
                {stages.map((stage) => (
                  <tr key={stage}>
                    <th scope="row">{stage}</th>
                    {variants.map((variant) => {
                      const row = own.find((r) => r.stage === stage && r.variant === variant)
                      return [
                        <td className="num" key={`${variant}-e`}>
                          {row ? count(row.entered) : '—'}
                        </td>,
                        <td className="num" key={`${variant}-w`}>
                          {row ? count(row.wouldSend) : '—'}
                        </td>,
                        <td className="num" key={`${variant}-p`}>
                          {row ? count(row.paid) : '—'}
                        </td>,
                        <td className="num" key={`${variant}-r`}>
                          {rate(row)}
                        </td>,
                      ]
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      })}
    </>
  )
}
