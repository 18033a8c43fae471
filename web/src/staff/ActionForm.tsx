// One act on an account as a small form: labelled fields, the server's error shown in place (with the
// field it names), a confirmation when it went through. The server validates again and decides.
import { type FormEvent, type ReactNode, useState } from 'react'
import { ApiError, api } from '../shared/api.ts'
import { ErrorMessage, Field } from '../shared/ui.tsx'

export interface FieldSpec {
  readonly name: string
  readonly label: string
  readonly type?: 'text' | 'date' | 'datetime-local' | 'time' | 'select' | 'textarea' | 'checkbox' | 'number'
  readonly options?: readonly string[]
  readonly required?: boolean
  readonly hint?: string
  readonly initial?: string
}

export interface ActionFormProps {
  readonly title: string
  readonly fields: readonly FieldSpec[]
  readonly submitLabel: string
  /** POSTs to this path with the body built from the values. */
  readonly path: string
  readonly body: (values: Record<string, string | boolean>) => unknown
  readonly onDone: (answer: unknown) => void
  readonly children?: ReactNode
  /** Folded under its title until opened (the account page's list of acts). */
  readonly collapsible?: boolean
}

/** The error's field, when the server named one (details.field or the first schema failure). */
function fieldOf(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  const details = error.details as { field?: string } | { field?: string }[] | undefined
  if (Array.isArray(details)) return details[0]?.field?.replace(/^\//, '')
  return details?.field
}

export function ActionForm(props: ActionFormProps) {
  const [error, setError] = useState<unknown>()
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const element = event.currentTarget
    const form = new FormData(element)
    const values: Record<string, string | boolean> = {}
    for (const field of props.fields) {
      values[field.name] =
        field.type === 'checkbox' ? form.get(field.name) === 'on' : String(form.get(field.name) ?? '').trim()
    }
    setBusy(true)
    setError(undefined)
    setDone(false)
    try {
      const answer = await api(props.path, { method: 'POST', body: props.body(values) })
      setDone(true)
      element.reset()
      props.onDone(answer)
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  const failedField = fieldOf(error)
  const form = (
    <form onSubmit={submit} aria-label={props.title}>
      {props.collapsible ? null : <h3>{props.title}</h3>}
      {props.children}
      {props.fields.map((spec) => (
        <Field key={spec.name} label={spec.label} {...(spec.hint ? { hint: spec.hint } : {})}>
          {(id) => {
            const common = {
              id,
              name: spec.name,
              required: spec.required ?? false,
              'aria-invalid': failedField === spec.name ? true : undefined,
              defaultValue: spec.initial,
            }
            if (spec.type === 'select') {
              return (
                <select {...common}>
                  {(spec.options ?? []).map((option) => (
                    <option key={option} value={option}>
                      {option.replaceAll('_', ' ')}
                    </option>
                  ))}
                </select>
              )
            }
            if (spec.type === 'textarea') return <textarea {...common} />
            if (spec.type === 'checkbox') {
              return <input type="checkbox" id={id} name={spec.name} defaultChecked={spec.initial === 'on'} />
            }
            return <input type={spec.type ?? 'text'} {...common} />
          }}
        </Field>
      ))}
      <ErrorMessage error={error} />
      {done ? (
        <p className="success" role="status">
          Saved.
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : props.submitLabel}
      </button>
    </form>
  )
  if (!props.collapsible) return form
  return (
    <details className="action">
      <summary>{props.title}</summary>
      {form}
    </details>
  )
}
