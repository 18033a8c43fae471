// The debtor portal, reached at /pay/<token> from a link in a message: the debtor confirms who they
// are (account reference and date of birth or postcode), then sees the balance, the documents and the
// disclosures the jurisdiction requires, and may pay, set up a plan or promise within the creditor's
// policy, dispute (with evidence), set how they are contacted, ask for a hardship pause or name an
// attorney. Every act goes through the portal API, which journals it and re-decides the account.
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, api, setCsrfToken } from '../shared/api.ts'
import { day, decimalToMinor, minorToDecimal, money } from '../shared/format.ts'
import {
  directionOf,
  LANGUAGE_NAMES,
  type MessageKey,
  PORTAL_LOCALES,
  type PortalLocale,
  portalLocale,
  translate,
} from './i18n.ts'

const CSRF_KEY = 'recoup.portal.csrf'

interface PortalAccount {
  account: {
    reference: string
    status: string
    creditor: string
    originalCreditor: string
    client: string | null
    collector: string
    currency: string
    jurisdiction: string
  }
  balance: { totalMinor: number; components: { component: string; balanceMinor: number }[] }
  debtor: { name: string; preferredLanguage: string | null; locale: string }
  disclosures: { id: string; citation: string; text: string; language: string; documentUrl: string | null }[]
  documents: { kind: string; sentOn: string | null; url: string }[]
  open: Record<'promises' | 'plans' | 'disputes' | 'settlements' | 'hardship', Record<string, unknown>[]>
  options: {
    plan?: {
      available: boolean
      frequencies: string[]
      maxMonths: number
      minInstalmentMinor: number
      maxInstalments: number | null
      minDownPaymentPercent: string
    }
    promise?: { available: boolean; latestDueOn: string; maxAmountMinor: number }
  }
}

type T = (key: MessageKey, values?: Record<string, string>) => string

function tokenFromPath(): string | null {
  const match = /^\/pay\/([^/?#]+)/.exec(window.location.pathname)
  return match?.[1] ? decodeURIComponent(match[1]) : null
}

export function PortalApp() {
  const [locale, setLocale] = useState<PortalLocale>(() => portalLocale(navigator.language))
  const [account, setAccount] = useState<PortalAccount | null>(null)
  const [state, setState] = useState<'loading' | 'verify' | 'account'>('loading')
  const [notice, setNotice] = useState<MessageKey | null>(null)
  /** The confirmation of the last act, shown above the account (the act's form may be gone). */
  const [flash, setFlash] = useState<MessageKey | null>(null)
  // A language the visitor picked on this page stands; otherwise the debtor's own, once verified.
  const picked = useRef(false)
  const t: T = useCallback((key, values) => translate(locale, key, values), [locale])
  useEffect(() => {
    document.documentElement.lang = locale
    document.documentElement.dir = directionOf(locale)
  }, [locale])
  useEffect(() => {
    document.title = t('title')
  }, [t])
  const load = useCallback(async (adoptLocale: boolean) => {
    setCsrfToken(sessionStorage.getItem(CSRF_KEY))
    try {
      const answer = await api<PortalAccount>('/api/v1/portal/account')
      setAccount(answer)
      if (adoptLocale && !picked.current) setLocale(portalLocale(answer.debtor.locale))
      setState('account')
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setState('verify')
        return
      }
      throw error
    }
  }, [])
  useEffect(() => {
    load(true).catch(() => setState('verify'))
  }, [load])
  const onVerified = async () => {
    setNotice(null)
    await load(true)
  }
  const onExpired = () => {
    setAccount(null)
    setNotice('sessionEnded')
    setState('verify')
  }
  const logOut = async () => {
    await api('/api/v1/portal/logout', { method: 'POST' }).catch(() => undefined)
    sessionStorage.removeItem(CSRF_KEY)
    setAccount(null)
    setState('verify')
  }
  return (
    <div className="portal">
      <header>
        <p className="portal-brand">{account ? account.account.collector : t('title')}</p>
        <div className="field inline">
          <label htmlFor="portal-language">{t('language')}</label>
          <select
            id="portal-language"
            value={locale}
            onChange={(e) => {
              picked.current = true
              setLocale(e.target.value as PortalLocale)
            }}
          >
            {PORTAL_LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
      </header>
      <main id="main">
        {state === 'loading' ? <p role="status">…</p> : null}
        {state === 'verify' ? <VerifyForm t={t} notice={notice} onVerified={onVerified} /> : null}
        {state === 'account' && account ? (
          <AccountView
            account={account}
            t={t}
            locale={locale}
            flash={flash}
            onChanged={(done) => {
              setFlash(done)
              load(false).catch(onExpired)
            }}
            onExpired={onExpired}
            onLogOut={logOut}
          />
        ) : null}
      </main>
    </div>
  )
}

function VerifyForm({ t, notice, onVerified }: { t: T; notice: MessageKey | null; onVerified: () => void }) {
  const token = tokenFromPath()
  const [method, setMethod] = useState<'dateOfBirth' | 'postcode'>('dateOfBirth')
  const [error, setError] = useState<MessageKey | null>(null)
  const [busy, setBusy] = useState(false)
  if (!token) {
    return (
      <>
        <h1>{t('title')}</h1>
        <p>{t('noLink')}</p>
      </>
    )
  }
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const identity = String(form.get('identity') ?? '').trim()
    setBusy(true)
    setError(null)
    try {
      const answer = await api<{ csrfToken: string }>('/api/v1/portal/session', {
        method: 'POST',
        body: { token, reference: String(form.get('reference') ?? '').trim(), [method]: identity },
      })
      sessionStorage.setItem(CSRF_KEY, answer.csrfToken)
      setCsrfToken(answer.csrfToken)
      onVerified()
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 429 ? 'tooMany' : 'verifyFailed')
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <h1>{t('title')}</h1>
      {notice ? <p className="notice">{t(notice)}</p> : null}
      <p>{t('verifyIntro')}</p>
      <form className="card" onSubmit={submit} aria-label={t('title')}>
        <div className="field">
          <label htmlFor="portal-reference">{t('reference')}</label>
          <input
            id="portal-reference"
            name="reference"
            required
            autoComplete="off"
            aria-describedby="portal-reference-hint"
          />
          <small id="portal-reference-hint" className="muted">
            {t('referenceHint')}
          </small>
        </div>
        <fieldset className="field">
          <legend>{t('identityWith')}</legend>
          <label className="choice">
            <input
              type="radio"
              name="method"
              checked={method === 'dateOfBirth'}
              onChange={() => setMethod('dateOfBirth')}
            />{' '}
            {t('dateOfBirth')}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="method"
              checked={method === 'postcode'}
              onChange={() => setMethod('postcode')}
            />{' '}
            {t('postcode')}
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="portal-identity">
            {method === 'dateOfBirth' ? t('dateOfBirth') : t('postcode')}
          </label>
          <input
            id="portal-identity"
            key={method}
            name="identity"
            required
            type={method === 'dateOfBirth' ? 'date' : 'text'}
            autoComplete={method === 'dateOfBirth' ? 'bday' : 'postal-code'}
          />
        </div>
        {error ? (
          <p className="error" role="alert">
            {t(error)}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {t('continue')}
        </button>
      </form>
    </>
  )
}

interface ViewProps {
  account: PortalAccount
  t: T
  locale: PortalLocale
  flash: MessageKey | null
  onChanged: (done: MessageKey) => void
  onExpired: () => void
  onLogOut: () => void
}

function AccountView({ account, t, locale, flash, onChanged, onExpired, onLogOut }: ViewProps) {
  const { currency } = account.account
  const fmt = (minor: number) => money(minor, currency, locale)
  const open = Object.entries(account.open).flatMap(([kind, items]) => items.map((item) => ({ kind, item })))
  const plan = account.options.plan
  const preferred = account.debtor.preferredLanguage ? portalLocale(account.debtor.preferredLanguage) : ''
  const actProps = { t, onChanged, onExpired }
  return (
    <>
      <h1>{t('title')}</h1>
      <div role="status" aria-live="polite" className={flash ? 'success' : undefined} data-testid="flash">
        {flash ? t(flash) : null}
      </div>
      <section className="card balance" aria-labelledby="balance-heading">
        <h2 id="balance-heading">{t('balance')}</h2>
        <p className="big">{fmt(account.balance.totalMinor)}</p>
        <dl className="facts">
          <dt>{t('reference')}</dt>
          <dd>{account.account.reference}</dd>
          <dt>{t('owedTo')}</dt>
          <dd>{account.account.creditor}</dd>
          <dt>{t('originalCreditor')}</dt>
          <dd>{account.account.originalCreditor}</dd>
          <dt>{t('collectedBy')}</dt>
          <dd>{account.account.collector}</dd>
        </dl>
        <h3>{t('itemised')}</h3>
        <table>
          <tbody>
            {account.balance.components.map((component) => (
              <tr key={component.component}>
                <th scope="row">{known(t, component.component)}</th>
                <td className="num">{fmt(component.balanceMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {account.disclosures.length > 0 ? (
        <section className="card" aria-labelledby="disclosures-heading">
          <h2 id="disclosures-heading">{t('disclosures')}</h2>
          {account.disclosures.map((disclosure) => (
            <div key={disclosure.id} className="disclosure" data-disclosure={disclosure.id}>
              <p lang={disclosure.language} dir="auto">
                {disclosure.text}
              </p>
              {portalLocale(disclosure.language) !== locale ? (
                <p className="muted">
                  <small>{t('officialWording')}</small>
                </p>
              ) : null}
              <p className="muted">
                <small>
                  {disclosure.citation}
                  {disclosure.documentUrl ? (
                    <>
                      {' · '}
                      <a href={disclosure.documentUrl}>{t('fullText')}</a>
                    </>
                  ) : null}
                </small>
              </p>
            </div>
          ))}
        </section>
      ) : null}
      <section className="card" aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t('documents')}</h2>
        {account.documents.length === 0 ? <p className="muted">{t('noDocuments')}</p> : null}
        <ul>
          {account.documents.map((document) => (
            <li key={`${document.kind}-${document.sentOn}`}>
              <a href={document.url}>{document.kind.replaceAll('-', ' ')} (PDF)</a>
              {document.sentOn ? ` · ${t('sentOn')} ${day(document.sentOn, locale)}` : ''}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="open-heading">
        <h2 id="open-heading">{t('open')}</h2>
        {open.length === 0 ? <p className="muted">{t('nothingOpen')}</p> : null}
        <ul data-testid="open-items">
          {open.map(({ kind, item }) => (
            <li key={`${kind}-${String(item.id)}`} data-kind={kind}>
              {describeOpen(kind, item, t, fmt, locale)}
            </li>
          ))}
        </ul>
      </section>
      {account.account.status === 'open' ? (
        <>
          <Act
            {...actProps}
            title={t('pay')}
            path="/payments"
            done="paid"
            submit={t('payNow')}
            idempotent
            body={(v) => ({ amount: v.amount, testCard: String(v.card).replace(/[\s-]/g, '') })}
            validate={(v) => (decimalToMinor(String(v.amount), currency) === null ? 'amount' : null)}
          >
            <Input
              name="amount"
              label={`${t('amount')} (${currency})`}
              initial={minorToDecimal(account.balance.totalMinor, currency)}
              inputMode="decimal"
            />
            <Input
              name="card"
              label={t('card')}
              hint={t('cardHint')}
              inputMode="numeric"
              autoComplete="cc-number"
            />
          </Act>
          {plan?.available ? (
            <Act
              {...actProps}
              title={t('setUpPlan')}
              path="/plans"
              done="planCreated"
              submit={t('createPlan')}
              body={(v) => ({
                frequency: v.frequency,
                instalments: Number(v.instalments),
                ...(v.downPayment ? { downPayment: v.downPayment } : {}),
                ...(v.firstDueOn ? { firstDueOn: v.firstDueOn } : {}),
              })}
            >
              <p className="muted">
                {t('planBounds', { months: String(plan.maxMonths), min: fmt(plan.minInstalmentMinor) })}
              </p>
              <Select
                name="frequency"
                label={t('frequency')}
                options={plan.frequencies.map((f) => [f, t(f as MessageKey)])}
                initial="monthly"
              />
              <Input
                name="instalments"
                label={t('instalments')}
                type="number"
                initial="3"
                min={1}
                max={plan.maxInstalments ?? 600}
              />
              {plan.minDownPaymentPercent !== '0' ? (
                <Input
                  name="downPayment"
                  label={`${t('downPayment')} (${currency})`}
                  hint={t('downPaymentAtLeast', { percent: plan.minDownPaymentPercent })}
                  inputMode="decimal"
                />
              ) : null}
              <Input name="firstDueOn" label={t('firstDueOn')} type="date" required={false} />
            </Act>
          ) : null}
          {account.options.promise?.available ? (
            <Act
              {...actProps}
              title={t('promiseToPay')}
              path="/promises"
              done="promiseMade"
              submit={t('makePromise')}
              body={(v) => ({ amount: v.amount, dueOn: v.dueOn })}
            >
              <Input name="amount" label={`${t('amount')} (${currency})`} inputMode="decimal" />
              <Input
                name="dueOn"
                label={t('promiseOn')}
                type="date"
                max={account.options.promise.latestDueOn}
              />
            </Act>
          ) : null}
          <DisputeAct {...actProps} currency={currency} />
          <Act
            {...actProps}
            title={t('preferences')}
            path="/preferences"
            method="PATCH"
            done="preferencesSaved"
            submit={t('savePreferences')}
            body={(v) => ({
              // Only a change of language is sent: saving opt-outs leaves the preferred language alone.
              ...(v.language && v.language !== preferred ? { language: v.language } : {}),
              optOut: ['email', 'sms', 'call', 'letter'].filter((channel) => v[`optOut.${channel}`] === 'on'),
              inconvenientTimes: v.from && v.to ? [{ from: v.from, to: v.to }] : [],
            })}
          >
            <Select
              name="language"
              label={t('language')}
              options={[['', '—'], ...PORTAL_LOCALES.map((code) => [code, LANGUAGE_NAMES[code]])]}
              initial={preferred}
            />
            <fieldset className="field">
              <legend>{t('optOut')}</legend>
              {(['email', 'sms', 'call', 'letter'] as const).map((channel) => (
                <label className="choice" key={channel}>
                  <input type="checkbox" name={`optOut.${channel}`} /> {t(channel)}
                </label>
              ))}
            </fieldset>
            <fieldset className="field">
              <legend>{t('inconvenient')}</legend>
              <div className="row">
                <Input name="from" label={t('inconvenient')} type="time" required={false} hideLabel />
                <span aria-hidden="true">{t('and')}</span>
                <Input name="to" label={t('and')} type="time" required={false} hideLabel />
              </div>
            </fieldset>
          </Act>
          <Act
            {...actProps}
            title={t('hardship')}
            path="/hardship"
            done="pauseAsked"
            submit={t('askPause')}
            body={(v) => ({ reason: v.reason })}
          >
            <Input name="reason" label={t('hardshipReason')} multiline />
          </Act>
          <Act
            {...actProps}
            title={t('attorney')}
            path="/attorney"
            done="attorneyNamed"
            submit={t('nameAttorney')}
            body={(v) => ({
              name: v.name,
              ...(v.phone ? { phone: v.phone } : {}),
              ...(v.email ? { email: v.email } : {}),
            })}
          >
            <Input name="name" label={t('attorneyName')} autoComplete="off" />
            <Input name="phone" label={t('attorneyPhone')} type="tel" required={false} />
            <Input name="email" label={t('attorneyEmail')} type="email" required={false} />
          </Act>
        </>
      ) : null}
      <p>
        <button type="button" className="secondary" onClick={onLogOut}>
          {t('logOut')}
        </button>
      </p>
    </>
  )
}

/** A server code in the visitor's language when the portal knows its words, else the code itself. */
function known(t: T, key: string): string {
  const text = t(key as MessageKey)
  return text === key ? key.replace(/^doc\./, '').replaceAll('-', ' ') : text
}

function describeOpen(
  kind: string,
  item: Record<string, unknown>,
  t: T,
  fmt: (minor: number) => string,
  locale: string,
): string {
  const amount =
    typeof item.amountMinor === 'number'
      ? fmt(item.amountMinor)
      : typeof item.totalMinor === 'number'
        ? fmt(item.totalMinor)
        : ''
  switch (kind) {
    case 'promises':
      return `${t('promise')}: ${amount} · ${day(String(item.dueOn ?? ''), locale)}`
    case 'plans':
      return `${t('plan')}: ${amount} · ${known(t, String(item.frequency ?? ''))}`
    case 'disputes':
      return `${t('dispute')}${amount ? `: ${amount}` : ''}`
    case 'hardship':
      return `${t('hardshipPause')}: ${day(String(item.from ?? ''), locale)} – ${day(String(item.to ?? ''), locale)}`
    default:
      return `${kind}${amount ? `: ${amount}` : ''}`
  }
}

interface ActProps {
  t: T
  title: string
  path: string
  method?: 'POST' | 'PATCH'
  done: MessageKey
  submit: string
  idempotent?: boolean
  body: (values: Record<string, string>) => unknown
  /** The field that is wrong before sending, if any. */
  validate?: (values: Record<string, string>) => string | null
  onChanged: (done: MessageKey) => void
  onExpired: () => void
  children: ReactNode
}

/** One act of the debtor, folded under its title: the form, the server's error in place, a confirmation. */
function Act(props: ActProps) {
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  // One key per intended act: a retry of the same submission (a lost answer) is charged once; a new
  // key after each success. It never carries what was typed (a card number must not be stored).
  const [key, setKey] = useState(() => crypto.randomUUID())
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const element = event.currentTarget
    const values: Record<string, string> = {}
    for (const [name, value] of new FormData(element))
      values[name] = typeof value === 'string' ? value.trim() : ''
    const invalid = props.validate?.(values)
    if (invalid) {
      setError(invalid)
      return
    }
    setBusy(true)
    setError(null)
    setDone(false)
    try {
      await api(`/api/v1/portal${props.path}`, {
        method: props.method ?? 'POST',
        body: props.body(values),
        ...(props.idempotent ? { headers: { 'idempotency-key': key } } : {}),
      })
      setDone(true)
      setKey(crypto.randomUUID())
      element.reset()
      props.onChanged(props.done)
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return props.onExpired()
      // The server answered (a declined card, a bad amount): the next attempt is a new act. Without an
      // answer (the network) the key stays, so sending again cannot charge twice.
      if (failure instanceof ApiError) setKey(crypto.randomUUID())
      setError(failure instanceof Error ? failure.message : String(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <details className="card act">
      <summary>
        <h2>{props.title}</h2>
      </summary>
      <form onSubmit={submit} aria-label={props.title}>
        {props.children}
        {error ? (
          <p className="error" role="alert">
            {props.t('error')} {error}
          </p>
        ) : null}
        {done ? (
          <p className="success" role="status">
            {props.t(props.done)}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {props.submit}
        </button>
      </form>
    </details>
  )
}

function DisputeAct(props: {
  t: T
  currency: string
  onChanged: (done: MessageKey) => void
  onExpired: () => void
}) {
  const { t } = props
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  // A dispute already opened whose evidence did not go through: sending again adds the file to it
  // instead of opening a second dispute.
  const [opened, setOpened] = useState<number | null>(null)
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const element = event.currentTarget
    const form = new FormData(element)
    const file = form.get('evidence')
    const amount = String(form.get('amount') ?? '').trim()
    setBusy(true)
    setError(null)
    setDone(false)
    try {
      let disputeId = opened
      if (disputeId === null) {
        const answer = await api<{ disputeId: number }>('/api/v1/portal/disputes', {
          method: 'POST',
          body: { reason: String(form.get('reason') ?? '').trim(), ...(amount ? { amount } : {}) },
        })
        disputeId = answer.disputeId
        setOpened(disputeId)
        props.onChanged('disputeSent')
      }
      if (file instanceof File && file.size > 0) {
        await api(`/api/v1/portal/disputes/${disputeId}/documents`, { method: 'POST', body: file })
      }
      setOpened(null)
      setDone(true)
      element.reset()
      props.onChanged('disputeSent')
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return props.onExpired()
      setError(failure instanceof Error ? failure.message : String(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <details className="card act">
      <summary>
        <h2>{t('disputeDebt')}</h2>
      </summary>
      <form onSubmit={submit} aria-label={t('disputeDebt')}>
        <Input name="reason" label={t('disputeReason')} multiline />
        <Input
          name="amount"
          label={`${t('disputeAmount')} (${props.currency})`}
          required={false}
          inputMode="decimal"
        />
        <div className="field">
          <label htmlFor="portal-evidence">{t('evidence')}</label>
          <input
            id="portal-evidence"
            name="evidence"
            type="file"
            accept="application/pdf,image/png,image/jpeg"
          />
        </div>
        {error ? (
          <p className="error" role="alert">
            {t('error')} {error}
          </p>
        ) : null}
        {done ? (
          <p className="success" role="status">
            {t('disputeSent')}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {t('sendDispute')}
        </button>
      </form>
    </details>
  )
}

let fieldIds = 0

function Input(props: {
  name: string
  label: string
  type?: string
  hint?: string
  initial?: string
  required?: boolean
  multiline?: boolean
  hideLabel?: boolean
  inputMode?: 'decimal' | 'numeric'
  autoComplete?: string
  min?: number
  max?: number | string
}) {
  const [id] = useState(() => `portal-field-${++fieldIds}`)
  const common = {
    id,
    name: props.name,
    required: props.required ?? true,
    defaultValue: props.initial,
    ...(props.hint ? { 'aria-describedby': `${id}-hint` } : {}),
  }
  return (
    <div className="field">
      <label htmlFor={id} className={props.hideLabel ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      {props.multiline ? (
        <textarea {...common} maxLength={500} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          {...(props.inputMode ? { inputMode: props.inputMode } : {})}
          {...(props.autoComplete ? { autoComplete: props.autoComplete } : {})}
          {...(props.min !== undefined ? { min: props.min } : {})}
          {...(props.max !== undefined ? { max: props.max } : {})}
        />
      )}
      {props.hint ? (
        <small id={`${id}-hint`} className="muted">
          {props.hint}
        </small>
      ) : null}
    </div>
  )
}

function Select(props: {
  name: string
  label: string
  options: (readonly [string, string])[] | string[][]
  initial?: string
}) {
  const [id] = useState(() => `portal-field-${++fieldIds}`)
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.initial}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  )
}
