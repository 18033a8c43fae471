// Account imports: upload a CSV or XLSX file (the raw file is the body of POST /imports), watch it run,
// then the counts and the rejected rows; the tenant's past imports below. A CSV file is previewed in
// the browser first, and its columns can be mapped onto the generic preset's fields (the mapping is
// applied by renaming the header line; the rows go to the server byte for byte).
import { type FormEvent, useEffect, useState } from 'react'
import { api, type Page, query } from '../../shared/api.ts'
import { type CsvHead, readCsvHead, withHeader } from '../../shared/csv-preview.ts'
import { count, instant } from '../../shared/format.ts'
import {
  Badge,
  Card,
  ErrorMessage,
  Field,
  Loading,
  PageHeader,
  ProgressBar,
  TableWrap,
  toneOf,
} from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { may, useSession, useTenantPath } from '../session.tsx'
import { ColumnMapping, identityMapping, mappedHeader } from './ColumnMapping.tsx'
import './screens.css'

export interface AccountImport {
  id: number
  status: 'running' | 'completed' | 'failed'
  startedAt: string
  finishedAt: string | null
  progress: { bytesRead: number; totalBytes: number } | null
  counts: {
    rowsRead: number
    debtorsCreated: number
    accountsCreated: number
    accountsExisting: number
    entriesPosted: number
    rejected: number
  } | null
  failure: string | null
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const POLL_MS = 500

export function ImportsPage() {
  const session = useSession()
  const t = useTenantPath()
  const imports = useApi<Page<AccountImport>>(t('/imports?limit=20'))
  const [current, setCurrent] = useState<AccountImport | null>(null)
  return (
    <>
      <PageHeader
        title="Imports"
        subtitle="Load accounts from a CSV or XLSX file. Rows with errors go to a reject file; the others are imported."
      />
      {may(session, 'accounts.import') ? (
        <UploadCard
          onStarted={(started) => {
            setCurrent(started)
            imports.reload()
          }}
        />
      ) : null}
      {current ? <ImportProgress key={current.id} started={current} onFinished={imports.reload} /> : null}
      <Card title="Past imports">
        {imports.error ? <ErrorMessage error={imports.error} /> : null}
        {imports.data ? <ImportsTable imports={imports.data.items} /> : imports.loading ? <Loading /> : null}
      </Card>
    </>
  )
}

function isXlsx(file: File): boolean {
  return file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name)
}

function UploadCard({ onStarted }: { onStarted: (started: AccountImport) => void }) {
  const t = useTenantPath()
  const [file, setFile] = useState<File | null>(null)
  const [head, setHead] = useState<CsvHead | null>(null)
  const [preset, setPreset] = useState('generic')
  const [currency, setCurrency] = useState('')
  const [mapping, setMapping] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const choose = async (chosen: File | null) => {
    setFile(chosen)
    setHead(null)
    setError(undefined)
    if (!chosen || isXlsx(chosen)) return
    try {
      const read = await readCsvHead(chosen)
      setHead(read)
      setMapping(identityMapping(read.header))
    } catch (failure) {
      setError(failure)
    }
  }
  const mapped = head && preset === 'generic' ? mappedHeader(head.header, mapping) : null
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!file) return
    if (mapped && 'error' in mapped) return setError(new Error(mapped.error))
    setBusy(true)
    setError(undefined)
    try {
      const body =
        mapped && head && mapped.changed
          ? withHeader(file, head, mapped.header)
          : new Blob([file], { type: isXlsx(file) ? XLSX_TYPE : 'text/csv' })
      const started = await api<AccountImport>(
        t(`/imports${query({ preset, currency: currency.trim().toUpperCase() || undefined })}`),
        { method: 'POST', body },
      )
      onStarted(started)
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  const missing = mapped && !('error' in mapped) ? mapped.missing : []
  return (
    <Card title="Upload a file">
      <form onSubmit={submit} aria-label="Upload a file">
        <div className="form-row">
          <Field label="File" hint="CSV (UTF-8) or XLSX; the first row is the header (docs/import.md)">
            {(id) => (
              <input
                id={id}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                required
                onChange={(event) => void choose(event.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          <Field label="Preset" hint="generic: a column per field; ibm-ar: the IBM receivables sample">
            {(id) => (
              <select id={id} value={preset} onChange={(event) => setPreset(event.target.value)}>
                <option value="generic">generic</option>
                <option value="ibm-ar">ibm-ar</option>
              </select>
            )}
          </Field>
          <Field label="Currency of rows without one" hint="ISO code, e.g. EUR; empty: the tenant's">
            {(id) => (
              <input
                id={id}
                value={currency}
                maxLength={3}
                pattern="[A-Za-z]{3}"
                onChange={(event) => setCurrency(event.target.value)}
              />
            )}
          </Field>
        </div>
        {file && isXlsx(file) ? (
          <p className="notice">
            XLSX files are not previewed here and are imported with the preset's columns as they are; save the
            sheet as CSV to preview it and map its columns.
          </p>
        ) : null}
        {head ? <CsvPreview head={head} /> : null}
        {head && preset === 'generic' ? (
          <ColumnMapping header={head.header} mapping={mapping} onChange={setMapping} />
        ) : null}
        {missing.length > 0 ? (
          <p className="notice">
            Required fields without a column: {missing.join(', ')}. The server will refuse the file until each
            has one.
          </p>
        ) : null}
        {mapped && 'error' in mapped ? <ErrorMessage error={new Error(mapped.error)} /> : null}
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy || !file}>
          {busy ? 'Uploading…' : 'Upload and import'}
        </button>
      </form>
    </Card>
  )
}

function CsvPreview({ head }: { head: CsvHead }) {
  return (
    <TableWrap className="preview" label="First rows of the file">
      <table>
        <caption>First rows of the file, as read in the browser</caption>
        <thead>
          <tr>
            {head.header.map((name, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional and may repeat a name
              <th scope="col" key={index}>
                {name || `(column ${index + 1})`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {head.rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a preview have no identity
            <tr key={r}>
              {head.header.map((_, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                <td key={c}>{row[c] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}

/** One import while it runs: polls its status until it completes or fails. */
function ImportProgress({ started, onFinished }: { started: AccountImport; onFinished: () => void }) {
  const t = useTenantPath()
  const [state, setState] = useState(started)
  const [error, setError] = useState<unknown>()
  // biome-ignore lint/correctness/useExhaustiveDependencies: polls once per started import
  useEffect(() => {
    if (started.status !== 'running') {
      onFinished()
      return
    }
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      try {
        const next = await api<AccountImport>(t(`/imports/${started.id}`))
        if (stopped) return
        setState(next)
        if (next.status === 'running') timer = setTimeout(poll, POLL_MS)
        else onFinished()
      } catch (failure) {
        if (!stopped) setError(failure)
      }
    }
    timer = setTimeout(poll, POLL_MS)
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [started.id])
  const progress = state.progress
  return (
    <Card title={`Import ${state.id}`}>
      <p role="status" aria-live="polite">
        <Badge tone={toneOf(state.status)}>{state.status}</Badge>{' '}
        {state.status === 'running'
          ? 'Importing…'
          : state.status === 'completed'
            ? `Done: ${count(state.counts?.rowsRead ?? 0)} rows read, ${count(state.counts?.rejected ?? 0)} rejected.`
            : `Stopped: ${state.failure ?? 'unknown reason'}`}
      </p>
      <ProgressBar
        label="Progress"
        {...(state.status === 'running'
          ? progress
            ? { value: progress.bytesRead, max: Math.max(progress.totalBytes, 1) }
            : {}
          : { value: 1, max: 1 })}
        text={
          progress
            ? `${count(progress.bytesRead)} of ${count(progress.totalBytes)} bytes read`
            : state.status === 'running'
              ? 'Starting…'
              : 'Finished'
        }
      />
      {state.counts ? <ImportCounts item={state} /> : null}
      <ErrorMessage error={error} />
    </Card>
  )
}

function ImportCounts({ item }: { item: AccountImport }) {
  const t = useTenantPath()
  const counts = item.counts
  if (!counts) return null
  return (
    <>
      <dl className="facts">
        <dt>Rows read</dt>
        <dd>{count(counts.rowsRead)}</dd>
        <dt>Accounts created</dt>
        <dd>{count(counts.accountsCreated)}</dd>
        <dt>Already present</dt>
        <dd>{count(counts.accountsExisting)}</dd>
        <dt>Debtors created</dt>
        <dd>{count(counts.debtorsCreated)}</dd>
        <dt>Ledger entries posted</dt>
        <dd>{count(counts.entriesPosted)}</dd>
        <dt>Rejected rows</dt>
        <dd>{count(counts.rejected)}</dd>
      </dl>
      {counts.rejected > 0 ? (
        <p>
          <a className="button" href={t(`/imports/${item.id}/rejects`)} download>
            Download rejects
          </a>{' '}
          <span className="muted">CSV: line, field and reason, then the row as it was.</span>
        </p>
      ) : null}
    </>
  )
}

function ImportsTable({ imports }: { imports: AccountImport[] }) {
  const t = useTenantPath()
  if (imports.length === 0) return <p className="muted">No import yet.</p>
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Import</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Finished</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col" className="num">
              Accounts created
            </th>
            <th scope="col" className="num">
              Rejected
            </th>
            <th scope="col">Rejects</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((item) => (
            <tr key={item.id}>
              <td>{item.id}</td>
              <td>
                <Badge tone={toneOf(item.status)}>{item.status}</Badge>
                {item.failure ? <div className="muted">{item.failure}</div> : null}
              </td>
              <td>{instant(item.startedAt)}</td>
              <td>{instant(item.finishedAt)}</td>
              <td className="num">{item.counts ? count(item.counts.rowsRead) : '—'}</td>
              <td className="num">{item.counts ? count(item.counts.accountsCreated) : '—'}</td>
              <td className="num">{item.counts ? count(item.counts.rejected) : '—'}</td>
              <td>
                {item.counts && item.counts.rejected > 0 ? (
                  <a
                    href={t(`/imports/${item.id}/rejects`)}
                    download
                    aria-label={`Download rejects of import ${item.id}`}
                  >
                    Download rejects
                  </a>
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
