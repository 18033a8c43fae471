import type { Command } from 'commander'
import { createTenant } from '../../app/tenants/create-tenant.ts'
import { listTenants } from '../../app/tenants/list-tenants.ts'
import { withStore } from '../cli-context.ts'

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
