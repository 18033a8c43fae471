import type { Command } from 'commander'
import { AppError } from '../../core/errors/index.ts'
import { ensureTenant, findTenantBySlug, listTenants } from '../../store/tenant.repository.ts'
import { checkTenantSettings, withStore } from '../cli-context.ts'

/** `recoup tenant create|list`: creditors and agencies whose books Recoup keeps apart. */
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
        if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) {
          throw new AppError('invalid_slug', 'tenant slug must be lowercase letters, digits and dashes')
        }
        if (options.kind !== 'creditor' && options.kind !== 'agency') {
          throw new AppError('invalid_kind', `--kind must be creditor or agency, not "${options.kind}"`)
        }
        checkTenantSettings(options.timeZone, options.currency)
        await withStore(async (store) => {
          if (await findTenantBySlug(store.db, slug))
            throw new AppError('tenant_exists', `tenant "${slug}" already exists`)
          const created = await ensureTenant(store.db, {
            slug,
            name: options.name ?? slug,
            kind: options.kind as 'creditor' | 'agency',
            timeZone: options.timeZone,
            defaultCurrency: options.currency,
          })
          console.log(
            `created tenant ${created.slug} (${created.kind}, ${created.time_zone}, ${created.default_currency})`,
          )
        })
      },
    )
  tenant
    .command('list')
    .description('list tenants')
    .action(async () => {
      await withStore(async (store) => {
        for (const t of await listTenants(store.db)) {
          console.log(`${t.slug}\t${t.kind}\t${t.time_zone}\t${t.default_currency}\t${t.name}`)
        }
      })
    })
}
