// The small set of building blocks every screen uses, so that labels, errors, loading states and
// tables look and behave the same everywhere (and stay accessible: labelled fields, alerts announced,
// tables with headers).
import { type ReactNode, useId } from 'react'
import { ApiError } from './api.ts'

/** A region that is loading. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      {label}
    </p>
  )
}

/** An error for people: the server's message, and which field when it says so. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null
  const message = error instanceof Error ? error.message : String(error)
  const code = error instanceof ApiError ? error.code : undefined
  return (
    <div className="error" role="alert">
      <strong>{code === 'unauthenticated' ? 'Please log in again.' : 'Something went wrong.'}</strong>{' '}
      {message}
    </div>
  )
}

/** A labelled form control; `children` receives the id to put on the control. */
export function Field(props: { label: string; hint?: string; children: (id: string) => ReactNode }) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
      {props.hint ? <small className="muted">{props.hint}</small> : null}
    </div>
  )
}

/** A titled box. */
/**
 * The box a wide table scrolls in: a labelled region that takes keyboard focus, so its hidden columns
 * can be scrolled to with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableWrap(props: { label: string; className?: string; children: ReactNode }) {
  // A scrolling region must be reachable by keyboard, so the section takes focus.
  const focusable = { tabIndex: 0 }
  return (
    <section className={`table-wrap ${props.className ?? ''}`} aria-label={props.label} {...focusable}>
      {props.children}
    </section>
  )
}

export function Card(props: {
  title?: string
  children: ReactNode
  className?: string
  actions?: ReactNode
}) {
  return (
    <section className={`card ${props.className ?? ''}`} aria-label={props.title}>
      {props.title || props.actions ? (
        <div className="card-head">
          {props.title ? <h2>{props.title}</h2> : null}
          {props.actions}
        </div>
      ) : null}
      {props.children}
    </section>
  )
}

/** A short coloured label: a status, a stage, an outcome. */
export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: Tone }) {
  return <span className={`badge badge-${tone}`}>{children}</span>
}

export type Tone = 'neutral' | 'good' | 'warn' | 'bad' | 'info'

/** The tone of a common status word. */
export function toneOf(status: string | null | undefined): Tone {
  switch (status) {
    case 'sent':
    case 'delivered':
    case 'kept':
    case 'completed':
    case 'paid':
    case 'posted':
    case 'succeeded':
    case 'done':
    case 'allowed':
      return 'good'
    case 'queued':
    case 'open':
    case 'active':
    case 'offered':
    case 'running':
    case 'partially_kept':
      return 'info'
    case 'blocked':
    case 'failed':
    case 'broken':
    case 'bounced':
    case 'reversed':
    case 'suppressed':
      return 'bad'
    case 'held':
    case 'expired':
    case 'cancelled':
      return 'warn'
    default:
      return 'neutral'
  }
}

/** A page title with optional actions beside it. */
export function PageHeader(props: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1>{props.title}</h1>
        {props.subtitle ? <p className="muted">{props.subtitle}</p> : null}
      </div>
      {props.actions ? <div className="actions">{props.actions}</div> : null}
    </div>
  )
}

/** A labelled progress bar: `value` of `max` (no value: working, amount unknown). */
export function ProgressBar(props: { label: string; value?: number; max?: number; text?: string }) {
  const id = useId()
  return (
    <div className="field progress">
      <label htmlFor={id}>{props.label}</label>
      <progress id={id} {...(props.value !== undefined ? { value: props.value } : {})} max={props.max ?? 1} />
      {props.text ? <small className="muted">{props.text}</small> : null}
    </div>
  )
}
