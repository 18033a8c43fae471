// The analytics reports (GET /reports/:name, as `recoup report NAME` prints them): one report per
// deep link (/reports/roll-rates...), its parameters, the table with the server's notes, a chart where
// one line of the table reads well as a picture, and the same table as CSV.
import { useState } from 'react'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { query } from '../../shared/api.ts'
import { count, minorToDecimal, money, percent, words } from '../../shared/format.ts'
import { Link } from '../../shared/router.tsx'
import { Card, ErrorMessage, Field, Loading, PageHeader, TableWrap } from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { useTenantPath } from '../session.tsx'
import './screens.css'

interface ReportTable {
  report: string
  columns: string[]
  rows: (string | number)[][]
  notes: string[]
}

type Parameter = 'window' | 'asOf' | 'target' | 'withinDays'

interface ReportSpec {
  readonly name: string
  readonly title: string
  readonly parameters: readonly Parameter[]
  /** A bar chart of `y` by `x` (summed over rows of the same x; per currency when the table has one). */
  readonly chart?: { x: string; y: string; label: string }
}

/** REPORT_NAMES of src/http/routes/reports.schema.ts, with what each takes. */
const REPORTS: readonly ReportSpec[] = [
  {
    name: 'roll-rates',
    title: 'Roll rates',
    parameters: ['window'],
    chart: { x: 'from_bucket', y: 'accounts', label: 'Accounts by the bucket they rolled from' },
  },
  { name: 'vintages', title: 'Vintages', parameters: ['window'] },
  {
    name: 'recovery',
    title: 'Recovery by month',
    parameters: ['window'],
    chart: { x: 'month', y: 'collected_minor', label: 'Collected per month' },
  },
  {
    name: 'cost-to-collect',
    title: 'Cost to collect',
    parameters: ['window'],
    chart: { x: 'month', y: 'total_cost_minor', label: 'Counted cost per month' },
  },
  {
    name: 'dso-cei',
    title: 'DSO and CEI',
    parameters: ['window'],
    chart: { x: 'month', y: 'collected_minor', label: 'Collected per month' },
  },
  {
    name: 'promises',
    title: 'Promises and plans',
    parameters: [],
    chart: { x: 'month', y: 'promises_kept', label: 'Promises kept per month' },
  },
  {
    name: 'contacts',
    title: 'Right-party contacts',
    parameters: ['window'],
    chart: { x: 'month', y: 'right_party_contacts', label: 'Right-party contacts per month' },
  },
  { name: 'channel-effectiveness', title: 'Channels and templates', parameters: ['window', 'withinDays'] },
  {
    name: 'compliance-blocks',
    title: 'Compliance blocks',
    parameters: [],
    chart: { x: 'jurisdiction', y: 'blocked', label: 'Actions blocked by jurisdiction' },
  },
  { name: 'champion-challenger', title: 'Champion and challenger', parameters: ['asOf'] },
  { name: 'score-monitoring', title: 'Score monitoring', parameters: ['asOf', 'target'] },
]

export function ReportsPage({ report }: { report?: string }) {
  const spec = REPORTS.find((r) => r.name === (report ?? REPORTS[0]?.name))
  return (
    <>
      <PageHeader
        title="Reports"
        subtitle="Analytics over the tenant's book, as the daily runs recorded it."
      />
      <nav aria-label="Reports">
        <ul className="tabs">
          {REPORTS.map((r) => (
            <li key={r.name}>
              <Link to={`/reports/${r.name}`} aria-current={r === spec ? 'page' : undefined}>
                {r.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {spec ? (
        <ReportView key={spec.name} spec={spec} />
      ) : (
        <p>
          There is no report "{report}". <Link to="/reports">See the reports</Link>.
        </p>
      )}
    </>
  )
}

function ReportView({ spec }: { spec: ReportSpec }) {
  const t = useTenantPath()
  const [params, setParams] = useState<Record<string, string>>(() => {
    const initial: Record<string, string> = {}
    if (spec.parameters.includes('target')) initial.target = 'late_payment'
    return initial
  })
  const search = query({
    from: spec.parameters.includes('window') ? params.from : undefined,
    to: spec.parameters.includes('window') ? params.to : undefined,
    asOf: spec.parameters.includes('asOf') ? params.asOf : undefined,
    target: spec.parameters.includes('target') ? params.target : undefined,
    withinDays: spec.parameters.includes('withinDays') ? params.withinDays || undefined : undefined,
  })
  const table = useApi<ReportTable>(t(`/reports/${spec.name}${search}`))
  const csv = t(`/reports/${spec.name}${search ? `${search}&` : '?'}format=csv`)
  const set = (name: string) => (event: { target: { value: string } }) =>
    setParams((previous) => ({ ...previous, [name]: event.target.value }))
  return (
    <Card
      title={spec.title}
      actions={
        <a className="button secondary" href={csv} download>
          Export CSV
        </a>
      }
    >
      {spec.parameters.length > 0 ? (
        <div className="form-row">
          {spec.parameters.includes('window') ? (
            <>
              <Field label="From" hint="first month (default: a year before To)">
                {(id) => <input id={id} type="date" value={params.from ?? ''} onChange={set('from')} />}
              </Field>
              <Field label="To" hint="report day (default: today)">
                {(id) => <input id={id} type="date" value={params.to ?? ''} onChange={set('to')} />}
              </Field>
            </>
          ) : null}
          {spec.parameters.includes('asOf') ? (
            <Field label="As of" hint="report day (default: today)">
              {(id) => <input id={id} type="date" value={params.asOf ?? ''} onChange={set('asOf')} />}
            </Field>
          ) : null}
          {spec.parameters.includes('withinDays') ? (
            <Field label="Within days" hint="days after a message in which a payment counts (default 7)">
              {(id) => (
                <input
                  id={id}
                  type="number"
                  min={0}
                  max={365}
                  value={params.withinDays ?? ''}
                  onChange={set('withinDays')}
                />
              )}
            </Field>
          ) : null}
          {spec.parameters.includes('target') ? (
            <Field label="Model target">
              {(id) => (
                <select id={id} value={params.target} onChange={set('target')}>
                  <option value="late_payment">late_payment</option>
                  <option value="pay_30">pay_30</option>
                </select>
              )}
            </Field>
          ) : null}
        </div>
      ) : null}
      {table.error ? <ErrorMessage error={table.error} /> : null}
      {table.data ? (
        <ReportBody spec={spec} table={table.data} />
      ) : table.loading ? (
        <Loading label="Computing the report…" />
      ) : null}
    </Card>
  )
}

function ReportBody({ spec, table }: { spec: ReportSpec; table: ReportTable }) {
  const currencyAt = table.columns.indexOf('currency')
  const currencies =
    currencyAt >= 0 ? [...new Set(table.rows.map((row) => String(row[currencyAt])))].sort() : []
  const [currency, setCurrency] = useState(currencies[0] ?? '')
  const rows =
    currencyAt >= 0 && currency ? table.rows.filter((row) => row[currencyAt] === currency) : table.rows
  return (
    <>
      {currencies.length > 1 ? (
        <Field label="Currency" hint="amounts in different currencies are never added">
          {(id) => (
            <select id={id} value={currency} onChange={(event) => setCurrency(event.target.value)}>
              {currencies.map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {spec.chart && rows.length > 0 ? (
        <ReportChart chart={spec.chart} table={table} rows={rows} currency={currency} />
      ) : null}
      {rows.length === 0 ? (
        <p className="muted">No rows for this report yet.</p>
      ) : (
        <TableWrap className="report" label={`${spec.title} table`}>
          <table>
            <caption className="visually-hidden">
              {spec.title}
              {currency ? ` in ${currency}` : ''}
            </caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th
                    scope="col"
                    key={column}
                    className={numeric(rows, table.columns.indexOf(column)) ? 'num' : undefined}
                  >
                    {heading(column)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: report rows have no key of their own
                <tr key={r}>
                  {table.columns.map((column, c) => (
                    <td key={column} className={typeof row[c] === 'number' ? 'num' : undefined}>
                      {cell(column, row[c], currencyAt >= 0 ? String(row[currencyAt]) : undefined)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {table.notes.length > 0 ? (
        <ul className="muted">
          {table.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

function numeric(rows: (string | number)[][], index: number): boolean {
  return rows.some((row) => typeof row[index] === 'number')
}

/** A column name for people: "roll_forward_rate" → "Roll forward rate", "placed_minor" → "Placed". */
function heading(column: string): string {
  return words(column.replace(/_minor$/, ''))
}

function cell(column: string, value: string | number | undefined, currency: string | undefined): string {
  if (value === undefined || value === '') return '—'
  if (typeof value !== 'number') return value
  if (column.endsWith('_minor') && currency) return money(value, currency)
  if (/(_rate|^month_\d+)$/.test(column)) return percent(value)
  return Number.isInteger(value) ? count(value) : String(value)
}

function ReportChart(props: {
  chart: NonNullable<ReportSpec['chart']>
  table: ReportTable
  rows: (string | number)[][]
  currency: string
}) {
  const x = props.table.columns.indexOf(props.chart.x)
  const y = props.table.columns.indexOf(props.chart.y)
  if (x < 0 || y < 0) return null
  const sums = new Map<string, number>()
  for (const row of props.rows) {
    const key = String(row[x])
    const value = row[y]
    sums.set(key, (sums.get(key) ?? 0) + (typeof value === 'number' ? value : 0))
  }
  const amounts = props.chart.y.endsWith('_minor') && props.currency !== ''
  const data = [...sums].map(([key, value]) => ({
    key,
    value: amounts ? Number(minorToDecimal(value, props.currency)) : value,
  }))
  const label = `${props.chart.label}${props.currency ? ` in ${props.currency}` : ''}`
  return (
    <figure className="chart" role="img" aria-label={`${label}; the table below has the figures`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" />
          <YAxis
            width={80}
            tickFormatter={(value: number) =>
              new Intl.NumberFormat(undefined, { notation: 'compact' }).format(value)
            }
          />
          <Tooltip />
          <Bar dataKey="value" name={heading(props.chart.y)} fill="#0b5cad" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  )
}
