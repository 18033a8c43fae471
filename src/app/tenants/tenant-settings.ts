import { isTimeZone } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { entityTag, requireMatch } from '../../core/records/entity-tag.ts'
import {
  applySettingsPatch,
  customisedFields,
  DEFAULT_SETTINGS,
  type EffectiveSettings,
  effectiveSettings,
  parseStoredSettings,
  type SettingsPatch,
  type StoredSettings,
} from '../../core/tenants/tenant-settings.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { findTenantById, type Tenant } from '../../store/tenant.repository.ts'
import { lockTenantRow, writeTenantSettings } from '../../store/tenant-settings.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'

/**
 * The settings as the API shows them: those in force, the fields the tenant set itself (the others
 * are the defaults), the defaults, and the version's ETag.
 */
export type TenantSettingsView = EffectiveSettings & {
  customised: string[]
  defaults: typeof DEFAULT_SETTINGS
  etag: string
}

function settingsOf(tenant: Pick<Tenant, 'time_zone' | 'settings' | 'consolidate_messages'>) {
  const stored = parseStoredSettings(tenant.settings)
  return { stored, effective: effectiveSettings(tenant.time_zone, stored, tenant.consolidate_messages === 1) }
}

function view(settings: { stored: StoredSettings; effective: EffectiveSettings }): TenantSettingsView {
  const { stored, effective } = settings
  const customised = customisedFields(stored, effective.contact.consolidateMessages)
  const shown = { ...effective, customised, defaults: DEFAULT_SETTINGS }
  return { ...shown, etag: entityTag(shown) }
}

/** The tenant's settings in force (its own over the defaults) with the defaults and an ETag. */
export async function getTenantSettings(ctx: AppContext): Promise<TenantSettingsView> {
  authorize(ctx.actor, 'settings.read')
  // Read again rather than trusting the actor's copy: a settings update earlier in the session changed it.
  const tenant = (await findTenantById(ctx.store.db, ctx.actor.tenant.id)) ?? ctx.actor.tenant
  return view(settingsOf(tenant))
}

export interface UpdateTenantSettingsRequest extends SettingsPatch {
  /** The ETag of the version the caller read (`If-Match`). */
  readonly ifMatch: string | undefined
}

/**
 * Changes the tenant's settings if `If-Match` names the current version (else 428/412): each field
 * is validated strictly and the bounds together (`invalid_settings` naming the field), null puts a
 * field back to its default. A change is journaled as `tenant.settings_updated` with the fields and
 * their old and new values (settings hold no personal data). Applies from the next request: the money
 * services and the engine read the tenant row they already hold.
 */
export async function updateTenantSettings(
  ctx: AppContext,
  request: UpdateTenantSettingsRequest,
): Promise<TenantSettingsView> {
  authorize(ctx.actor, 'settings.manage')
  const { ifMatch, ...patch } = request
  if (patch.timeZone !== undefined && (typeof patch.timeZone !== 'string' || !isTimeZone(patch.timeZone)))
    throw new AppError('invalid_time_zone', `timeZone "${String(patch.timeZone)}" is not an IANA time zone`, {
      field: 'timeZone',
    })
  const tenant = ctx.actor.tenant
  return inTransaction(ctx, async (trx) => {
    const row = await lockTenantRow(trx, tenant.id)
    const current = settingsOf(row)
    requireMatch(ifMatch, view(current).etag, `the settings of tenant ${tenant.slug}`)
    const next = applySettingsPatch(current.effective, current.stored, patch)
    if (next.changed.length === 0) return view(current)
    const text = Object.keys(next.stored).length === 0 ? null : JSON.stringify(next.stored)
    await writeTenantSettings(trx, tenant.id, {
      timeZone: next.effective.timeZone,
      settings: text,
      consolidateMessages: next.effective.contact.consolidateMessages,
    })
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'tenant.settings_updated',
      actor: actorLabel(ctx.actor),
      subject: `tenant:${tenant.id}`,
      payload: {
        fields: next.changed,
        changes: Object.fromEntries(
          next.changed.map((field) => [
            field,
            { from: valueAt(current.effective, field), to: valueAt(next.effective, field) },
          ]),
        ),
      },
    })
    return view(next)
  })
}

/** The value of a dotted field ("plans.maxMonths") of the settings. */
function valueAt(settings: EffectiveSettings, field: string): unknown {
  let value: unknown = settings
  for (const part of field.split('.')) value = (value as Record<string, unknown>)[part]
  return value ?? null
}
