// The dashboard: the book by aging bucket (per currency: amounts in different currencies are never
// added), and the daily runs with their summaries.
import { useState } from 'react'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { count, day, instant, minorToDecimal, money, percent } from '../../shared/format.ts'
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

interface RecoveredWindow {
  from: string
  to: string
  byCurrency: { currency: string; payments: number; reversals: number; netMinor: number }[]
}

interface Dashboard {
  asOf: string
  timeZone: string
  aging: Omit<AgingReport, 'asOf' | 'timeZone'>
  stages: { stage: string | null; accounts: number }[]
  recovered: { thisMonth: RecoveredWindow; lastMonth: RecoveredWindow }
  promises: {
    from: string
    to: string
    kept: number
    broken: number
    partiallyKept: number
    open: number
    keptRate: number | null
  }
  complianceBlocks: {
    from: string
    to: string
    refused: number
    byRule: { ruleId: string; atDecision: number; atSend: number; total: number }[]
  }
  runs: Run[]
}

export function DashboardPage() {
  const t = useTenantPath()
  const dashboard = useApi<Dashboard>(t('/dashboard'))
  const d = dashboard.data
  return (
    <>
      <PageHeader title="Dashboard" subtitle={d ? `As of ${day(d.asOf)} (${d.timeZone})` : undefined} />
      {dashboard.error ? <ErrorMessage error={dashboard.error} /> : null}
      {!d && dashboard.loading ? <Loading /> : null}
      {d ? (
        <>
          <Headlines dashboard={d} />
          <AgingCard report={{ asOf: d.asOf, timeZone: d.timeZone, ...d.aging }} />
          <div className="grid">
            <StagesCard stages={d.stages} />
            <Card
              title={`Blocked by compliance, ${day(d.complianceBlocks.from)} to ${day(d.complianceBlocks.to)}`}
            >
              {d.complianceBlocks.byRule.length === 0 ? (
                <p className="muted">Nothing was blocked.</p>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Rule</th>
                        <th scope="col" className="num">
                          At decision
                        </th>
                        <th scope="col" className="num">
                          At send
                        </th>
                        <th scope="col" className="num">
                          Total
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.complianceBlocks.byRule.map((rule) => (
                        <tr key={rule.ruleId}>
                          <td>
                            <code>{rule.ruleId}</code>
                          </td>
                          <td className="num">{count(rule.atDecision)}</td>
                          <td className="num">{count(rule.atSend)}</td>
                          <td className="num">{count(rule.total)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Card>
          </div>
          <Card title="Daily runs">
            <RunsTable runs={d.runs} />
          </Card>
        </>
      ) : null}
    </>
  )
}

function recoveredText(window: RecoveredWindow): string {
  if (window.byCurrency.length === 0) return 'nothing'
  return window.byCurrency.map((row) => money(row.netMinor, row.currency)).join(' · ')
}

function Headlines({ dashboard: d }: { dashboard: Dashboard }) {
  const openAccounts = d.stages.reduce((sum, row) => sum + row.accounts, 0)
  return (
    <div className="stats">
      <div className="stat">
        <span className="value">{count(openAccounts)}</span>
        <span className="label">open accounts</span>
      </div>
      <div className="stat">
        <span className="value">{recoveredText(d.recovered.thisMonth)}</span>
        <span className="label">recovered this month (net of reversals)</span>
      </div>
      <div className="stat">
        <span className="value">{recoveredText(d.recovered.lastMonth)}</span>
        <span className="label">recovered last month</span>
      </div>
      <div className="stat">
        <span className="value">{percent(d.promises.keptRate)}</span>
        <span className="label">
          promises kept, 90 days ({count(d.promises.kept)} kept, {count(d.promises.broken)} broken)
        </span>
      </div>
      <div className="stat">
        <span className="value">{count(d.complianceBlocks.refused)}</span>
        <span className="label">actions blocked by compliance, 30 days</span>
      </div>
    </div>
  )
}

function StagesCard({ stages }: { stages: Dashboard['stages'] }) {
  const data = stages.map((row) => ({ stage: row.stage ?? 'undecided', accounts: row.accounts }))
  return (
    <Card title="Open accounts by stage">
      <div className="chart" role="img" aria-label="Open accounts by playbook stage">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="stage" width={130} />
            <Tooltip />
            <Bar dataKey="accounts" name="Accounts" fill="#1f6f3a" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>Open accounts by stage</caption>
        <tbody>
          {data.map((row) => (
            <tr key={row.stage}>
              <th scope="row">{row.stage}</th>
              <td>{row.accounts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
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
              <Bar dataKey="balance" name="Balance" fill="#0b5cad" isAnimationActive={false} />
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
