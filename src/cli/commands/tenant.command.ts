import type { Command } from 'commander'
import { createTenant } from '../../app/tenants/create-tenant.ts'
import { listTenants } from '../../app/tenants/list-tenants.ts'
import { getTenantSettings, updateTenantSettings } from '../../app/tenants/tenant-settings.ts'
import { AppError } from '../../core/errors/index.ts'
import type { SettingsPatch } from '../../core/tenants/tenant-settings.ts'
import { withActor, withStore } from '../cli-context.ts'

/**
 * `--set group.field=value` as a settings patch: `null` resets, numbers and true/false are read as
 * such, an object as JSON; percentages ("...Percent"), times and zones stay text. The use case checks
 * the rest exactly as for PATCH /settings.
 */
export function settingsPatchOf(assignments: readonly string[]): SettingsPatch {
  const patch: Record<string, unknown> = {}
  for (const assignment of assignments) {
    const m = /^(?:(plans|settlements|contact|costs)\.([A-Za-z]+)|(timeZone))=(.*)$/.exec(assignment)
    if (!m)
      throw new AppError(
        'invalid_option',
        `--set ${assignment}: give GROUP.FIELD=VALUE (plans.maxMonths=6) or timeZone=ZONE`,
        { field: '--set' },
      )
    const [, group, field, zone, text = ''] = m
    if (zone) {
      patch.timeZone = text
      continue
    }
    let value: unknown = text
    if (text === 'null') value = null
    else if (/Percent$/.test(field ?? '') || field === 'sendTime') value = text
    else if (/^\d+$/.test(text)) value = Number(text)
    else if (text === 'true' || text === 'false') value = text === 'true'
    else if (text.startsWith('{')) {
      try {
        value = JSON.parse(text)
      } catch {
        throw new AppError('invalid_option', `--set ${assignment}: the value is not JSON`, { field: '--set' })
      }
    }
    const groupPatch = (patch[group as string] ?? {}) as Record<string, unknown>
    groupPatch[field as string] = value
    patch[group as string] = groupPatch
  }
  return patch as SettingsPatch
}

/** `recoup tenant create|settings|list`: creditors and agencies whose books Recoup keeps apart. */
export function registerTenantCommand(program: Command): void {
  const tenant = program
    .command('tenant')
    .description('manage tenants (a creditor, or an agency collecting for clients)')
  tenant
    .command('create <slug>')
    .description('create a tenant')
    .option('--name <name>', 'display name')
    .option('--kind <kind>', 'creditor or agency', 'creditor')
    .option('--time-zone <zone>', 'IANA zone in which days past due are counted', 'UTC')
    .option('--currency <code>', 'default ISO 4217 currency', 'USD')
    .action(
      async (slug: string, options: { name?: string; kind: string; timeZone: string; currency: string }) => {
        const created = await withStore((store) =>
          createTenant(store, {
            slug,
            kind: options.kind,
            timeZone: options.timeZone,
            currency: options.currency,
            ...(options.name === undefined ? {} : { name: options.name }),
          }),
        )
        console.log(
          `created tenant ${created.slug} (${created.kind}, ${created.time_zone}, ${created.default_currency})`,
        )
      },
    )
  tenant
    .command('settings')
    .description("show the tenant's settings (docs/settings.md), or change them with --set")
    .option('--tenant <slug>', 'tenant (default: default)')
    .option(
      '--set <field=value...>',
      'plans.maxMonths=6, settlements.minOfferPercent=70, timeZone=Europe/Berlin; null resets',
    )
    .action(async (options: { tenant?: string; set?: string[] }) => {
      const patch = settingsPatchOf(options.set ?? [])
      const settings = await withActor(options.tenant, async (ctx) => {
        const current = await getTenantSettings(ctx)
        if (Object.keys(patch).length === 0) return current
        return updateTenantSettings(ctx, { ...patch, ifMatch: current.etag })
      })
      const { etag: _etag, ...shown } = settings
      console.log(JSON.stringify(shown, null, 2))
    })
  tenant
    .command('list')
    .description('list tenants')
    .action(async () => {
      await withStore(async (store) => {
        for (const t of await listTenants(store)) {
          console.log(`${t.slug}\t${t.kind}\t${t.time_zone}\t${t.default_currency}\t${t.name}`)
        }
      })
    })
}
