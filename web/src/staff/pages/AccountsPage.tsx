// Accounts: the book filtered by status, stage and days past due, a page at a time.
import { type FormEvent, useState } from 'react'
import { api, type Page, query } from '../../shared/api.ts'
import { day, money } from '../../shared/format.ts'
import { Link, navigate, useLocation } from '../../shared/router.tsx'
import { Badge, Card, ErrorMessage, Field, Loading, PageHeader, toneOf } from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { useTenantPath } from '../session.tsx'

export interface AccountSummary {
  id: string
  debtor: string
  client: string | null
  status: string
  stage: string | null
  currency: string
  jurisdiction: string
  debtKind: string
  openedOn: string
  dueOn: string
  balanceMinor: number
}

export function AccountsPage() {
  const t = useTenantPath()
  const { search } = useLocation()
  const filters = {
    status: search.get('status') ?? '',
    stage: search.get('stage') ?? '',
    minDaysPastDue: search.get('minDaysPastDue') ?? '',
    debtor: search.get('debtor') ?? '',
  }
  const path = t(`/accounts${query({ ...filters, limit: 50, sort: 'dueOn' })}`)
  const first = useApi<Page<AccountSummary>>(path)
  const [more, setMore] = useState<{ path: string; items: AccountSummary[]; next: string | null }>()
  const [error, setError] = useState<unknown>()
  const items = [...(first.data?.items ?? []), ...(more?.path === path ? more.items : [])]
  const next = more?.path === path ? more.next : (first.data?.nextCursor ?? null)
  const loadMore = async () => {
    if (!next) return
    try {
      const page = await api<Page<AccountSummary>>(
        t(`/accounts${query({ ...filters, limit: 50, sort: 'dueOn', cursor: next })}`),
      )
      setMore({
        path,
        items: [...(more?.path === path ? more.items : []), ...page.items],
        next: page.nextCursor,
      })
    } catch (failure) {
      setError(failure)
    }
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    navigate(
      `/accounts${query({
        status: String(form.get('status') ?? ''),
        stage: String(form.get('stage') ?? ''),
        minDaysPastDue: String(form.get('minDaysPastDue') ?? ''),
        debtor: String(form.get('debtor') ?? ''),
      })}`,
    )
  }
  return (
    <>
      <PageHeader title="Accounts" />
      <Card title="Filter">
        <form className="filters" onSubmit={submit}>
          <Field label="Status">
            {(id) => (
              <select id={id} name="status" defaultValue={filters.status}>
                <option value="">any</option>
                <option value="open">open</option>
                <option value="closed">closed</option>
              </select>
            )}
          </Field>
          <Field label="Stage">{(id) => <input id={id} name="stage" defaultValue={filters.stage} />}</Field>
          <Field label="At least days past due">
            {(id) => (
              <input
                id={id}
                name="minDaysPastDue"
                inputMode="numeric"
                defaultValue={filters.minDaysPastDue}
              />
            )}
          </Field>
          <Field label="Debtor (external id)">
            {(id) => <input id={id} name="debtor" defaultValue={filters.debtor} />}
          </Field>
          <button type="submit">Apply</button>
        </form>
      </Card>
      <ErrorMessage error={first.error ?? error} />
      {first.loading && !first.data ? <Loading /> : null}
      {first.data ? (
        <Card>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Status</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Jurisdiction</th>
                  <th scope="col">Due</th>
                  <th scope="col" className="num">
                    Balance
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((account) => (
                  <tr key={account.id}>
                    <td>
                      <Link to={`/accounts/${encodeURIComponent(account.id)}`}>{account.id}</Link>
                    </td>
                    <td>
                      <Badge tone={toneOf(account.status)}>{account.status}</Badge>
                    </td>
                    <td>{account.stage ?? '—'}</td>
                    <td>{account.jurisdiction}</td>
                    <td>{day(account.dueOn)}</td>
                    <td className="num">{money(account.balanceMinor, account.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {items.length === 0 ? <p className="muted">No account matches.</p> : null}
          {next ? (
            <button type="button" className="secondary" onClick={loadMore}>
              Show more
            </button>
          ) : null}
        </Card>
      ) : null}
    </>
  )
}
