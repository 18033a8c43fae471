// The dashboard: the book by aging bucket (per currency: amounts in different currencies are never
// added), and the daily runs with their summaries.
import { useState } from 'react'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Page } from '../../shared/api.ts'
import { count, instant, minorToDecimal, money } from '../../shared/format.ts'
import { Badge, Card, ErrorMessage, Field, Loading, PageHeader, toneOf } from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { useTenantPath } from '../session.tsx'

interface AgingReport {
  asOf: string
  timeZone: string
  bucketLabels: string[]
  totals: {
    currency: string
    accounts: number
    balanceMinor: number
    buckets: { label: string; accounts: number; balanceMinor: number }[]
  }[]
}

interface Run {
  id: number
  asOf: string
  status: string
  startedAt: string
  finishedAt: string | null
  summary: Record<string, number> | null
}

export function DashboardPage() {
  const t = useTenantPath()
  const aging = useApi<AgingReport>(t('/aging'))
  const runs = useApi<Page<Run>>(t('/runs?limit=10'))
  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle={aging.data ? `As of ${aging.data.asOf} (${aging.data.timeZone})` : undefined}
      />
      {aging.error ? <ErrorMessage error={aging.error} /> : null}
      {aging.data ? <AgingCard report={aging.data} /> : aging.loading ? <Loading /> : null}
      <Card title="Daily runs">
        {runs.error ? <ErrorMessage error={runs.error} /> : null}
        {runs.data ? <RunsTable runs={runs.data.items} /> : <Loading />}
      </Card>
    </>
  )
}

function AgingCard({ report }: { report: AgingReport }) {
  const currencies = report.totals.map((total) => total.currency)
  const [currency, setCurrency] = useState(currencies[0] ?? '')
  const total = report.totals.find((row) => row.currency === currency) ?? report.totals[0]
  if (!total) return <Card title="Aging">No open accounts.</Card>
  const data = total.buckets.map((bucket) => ({
    bucket: bucket.label,
    balance: Number(minorToDecimal(bucket.balanceMinor, total.currency)),
    accounts: bucket.accounts,
  }))
  return (
    <>
      <div className="stats">
        {report.totals.map((row) => (
          <div className="stat" key={row.currency}>
            <span className="value">{money(row.balanceMinor, row.currency)}</span>
            <span className="label">
              {count(row.accounts)} open accounts in {row.currency}
            </span>
          </div>
        ))}
      </div>
      <Card
        title={`Aging, ${total.currency}`}
        actions={
          <Field label="Currency">
            {(id) => (
              <select id={id} value={total.currency} onChange={(event) => setCurrency(event.target.value)}>
                {currencies.map((code) => (
                  <option key={code}>{code}</option>
                ))}
              </select>
            )}
          </Field>
        }
      >
        <div className="chart" role="img" aria-label={`Balance by days past due in ${total.currency}`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="bucket" />
              <YAxis
                width={90}
                tickFormatter={(value: number) =>
                  new Intl.NumberFormat(undefined, { notation: 'compact' }).format(value)
                }
              />
              <Tooltip formatter={(value) => money(String(value), total.currency)} />
              <Bar dataKey="balance" name="Balance" fill="#0b5cad" />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Aging buckets in {total.currency}</caption>
            <thead>
              <tr>
                <th scope="col">Days past due</th>
                <th scope="col" className="num">
                  Accounts
                </th>
                <th scope="col" className="num">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              {total.buckets.map((bucket) => (
                <tr key={bucket.label}>
                  <td>{bucket.label}</td>
                  <td className="num">{count(bucket.accounts)}</td>
                  <td className="num">{money(bucket.balanceMinor, total.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  )
}

function RunsTable({ runs }: { runs: Run[] }) {
  if (runs.length === 0) return <p className="muted">No daily run yet.</p>
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Status</th>
            <th scope="col">Finished</th>
            <th scope="col" className="num">
              Accounts
            </th>
            <th scope="col" className="num">
              Actions scheduled
            </th>
            <th scope="col" className="num">
              Awaiting approval
            </th>
            <th scope="col" className="num">
              Blocked
            </th>
            <th scope="col" className="num">
              Errors
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>{run.asOf}</td>
              <td>
                <Badge tone={toneOf(run.status)}>{run.status}</Badge>
              </td>
              <td>{instant(run.finishedAt)}</td>
              <td className="num">{count(run.summary?.accounts ?? 0)}</td>
              <td className="num">{count(run.summary?.actionsScheduled ?? 0)}</td>
              <td className="num">{count(run.summary?.actionsAwaitingApproval ?? 0)}</td>
              <td className="num">{count(run.summary?.actionsBlocked ?? 0)}</td>
              <td className="num">{count(run.summary?.errors ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
