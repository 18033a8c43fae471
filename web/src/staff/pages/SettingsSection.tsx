// The tenant's settings (GET/PATCH /settings, docs/settings.md): time zone, plan and settlement bounds,
// contact preferences, contact unit costs. Only what changed is sent, with If-Match, so a change made meanwhile by another
// admin is refused (412) rather than overwritten; an empty field goes back to the default.
import { type FormEvent, useState } from 'react'
import { api } from '../../shared/api.ts'
import { Card, ErrorMessage, Field, Loading } from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { may, useSession, useTenantPath } from '../session.tsx'

interface Settings {
  timeZone: string
  plans: {
    maxMonths: number
    maxInstalments: number | null
    minInstalmentMinor: number
    minDownPaymentPercent: string
    maxDiscountPercent: string
  }
  settlements: { minOfferPercent: string; maxValidityDays: number }
  contact: { sendTime: string; consolidateMessages: boolean }
  costs: { emailMinor: number; smsMinor: number; letterMinor: number; callMinor: number }
  customised: string[]
  etag: string
}

type Group = 'plans' | 'settlements' | 'contact' | 'costs'

/** The editable fields: where each lives, its label, and whether it is a whole number. */
const FIELDS: readonly { group: Group | null; name: string; label: string; kind: 'int' | 'text' | 'bool' }[] =
  [
    { group: null, name: 'timeZone', label: 'Time zone (IANA, e.g. Europe/London)', kind: 'text' },
    { group: 'plans', name: 'maxMonths', label: 'Longest plan, months', kind: 'int' },
    {
      group: 'plans',
      name: 'maxInstalments',
      label: 'Most instalments (empty: the term limits them)',
      kind: 'int',
    },
    { group: 'plans', name: 'minInstalmentMinor', label: 'Smallest instalment, minor units', kind: 'int' },
    {
      group: 'plans',
      name: 'minDownPaymentPercent',
      label: 'Smallest down payment, % of the plan',
      kind: 'text',
    },
    { group: 'plans', name: 'maxDiscountPercent', label: 'Largest discount on a plan, %', kind: 'text' },
    {
      group: 'settlements',
      name: 'minOfferPercent',
      label: 'Smallest settlement, % of the balance',
      kind: 'text',
    },
    { group: 'settlements', name: 'maxValidityDays', label: 'Longest settlement offer, days', kind: 'int' },
    { group: 'contact', name: 'sendTime', label: 'Send time of the day’s messages (HH:MM)', kind: 'text' },
    { group: 'contact', name: 'consolidateMessages', label: 'One message per debtor a day', kind: 'bool' },
    {
      group: 'costs',
      name: 'emailMinor',
      label: 'Cost of an email, minor units (empty: not configured)',
      kind: 'int',
    },
    {
      group: 'costs',
      name: 'smsMinor',
      label: 'Cost of an SMS, minor units (empty: not configured)',
      kind: 'int',
    },
    {
      group: 'costs',
      name: 'letterMinor',
      label: 'Cost of a letter, minor units (empty: not configured)',
      kind: 'int',
    },
    {
      group: 'costs',
      name: 'callMinor',
      label: 'Cost of a call, minor units (empty: not configured)',
      kind: 'int',
    },
  ]

function current(settings: Settings, group: Group | null, name: string): unknown {
  // A unit cost the tenant never set is not configured (the default 0 is not a price).
  if (group === 'costs' && !settings.customised.includes(`costs.${name}`)) return null
  const source = group
    ? (settings[group] as Record<string, unknown>)
    : (settings as unknown as Record<string, unknown>)
  return source[name]
}

export function SettingsSection() {
  const t = useTenantPath()
  const session = useSession()
  const settings = useApi<Settings>(t('/settings'))
  const [error, setError] = useState<unknown>()
  const [saved, setSaved] = useState(false)
  const editable = may(session, 'settings.manage')
  if (settings.error) return <ErrorMessage error={settings.error} />
  if (!settings.data) return <Loading />
  const s = settings.data
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const patch: Record<string, unknown> = {}
    for (const field of FIELDS) {
      const before = current(s, field.group, field.name)
      const raw =
        field.kind === 'bool' ? form.get(field.name) === 'on' : String(form.get(field.name) ?? '').trim()
      const value = field.kind === 'int' && raw !== '' ? Number(raw) : raw === '' ? null : raw
      if (value === before || (value === null && before === null)) continue
      if (field.group) patch[field.group] = { ...((patch[field.group] as object) ?? {}), [field.name]: value }
      else patch[field.name] = value
    }
    setError(undefined)
    setSaved(false)
    if (Object.keys(patch).length === 0) return
    try {
      await api(t('/settings'), { method: 'PATCH', body: patch, headers: { 'if-match': s.etag } })
      setSaved(true)
      settings.reload()
    } catch (failure) {
      setError(failure)
    }
  }
  return (
    <Card title="Tenant settings">
      <p className="muted">
        Settings can make the tenant stricter than the law, never looser: compliance rules are not settings
        (docs/settings.md).{' '}
        {s.customised.length > 0 ? `Set by this tenant: ${s.customised.join(', ')}.` : 'All defaults.'}
      </p>
      <form onSubmit={submit} aria-label="Tenant settings" key={s.etag}>
        <fieldset disabled={!editable} className="settings-grid">
          {FIELDS.map((field) => {
            const value = current(s, field.group, field.name)
            return (
              <Field key={field.name} label={field.label}>
                {(id) =>
                  field.kind === 'bool' ? (
                    <input id={id} name={field.name} type="checkbox" defaultChecked={value === true} />
                  ) : (
                    <input
                      id={id}
                      name={field.name}
                      defaultValue={value === null || value === undefined ? '' : String(value)}
                      inputMode={field.kind === 'int' ? 'numeric' : undefined}
                    />
                  )
                }
              </Field>
            )
          })}
        </fieldset>
        <ErrorMessage error={error} />
        {saved ? (
          <p className="success" role="status">
            Saved.
          </p>
        ) : null}
        {editable ? (
          <button type="submit">Save the settings</button>
        ) : (
          <p className="muted">Only an admin changes them.</p>
        )}
      </form>
    </Card>
  )
}
