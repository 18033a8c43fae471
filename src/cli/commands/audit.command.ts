import type { Command } from 'commander'
import { AppError } from '../../core/errors/index.ts'
import { verifyJournalChain } from '../../store/journal.repository.ts'
import { listTenants } from '../../store/tenant.repository.ts'
import { withStore } from '../cli-context.ts'

/** `recoup audit verify`: recomputes every tenant's journal hash chain and names the first bad event. */
export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('check the tamper-evident event journal')
  audit
    .command('verify')
    .description('verify the hash chain of every tenant (or one with --tenant); exit code 1 on a break')
    .option('--tenant <slug>', 'verify only this tenant')
    .action(async (options: { tenant?: string }) => {
      const broken = await withStore(async (store) => {
        const tenants = (await listTenants(store.db)).filter(
          (t) => !options.tenant || t.slug === options.tenant,
        )
        if (options.tenant && tenants.length === 0) {
          throw new AppError('tenant_not_found', `no tenant "${options.tenant}"`)
        }
        let failures = 0
        for (const tenant of tenants) {
          const result = await verifyJournalChain(store.db, tenant.id)
          if (result.firstBreak) {
            failures++
            const { seq, eventId, reason } = result.firstBreak
            console.log(`FAIL ${tenant.slug}: first bad event seq ${seq} (id ${eventId}): ${reason}`)
          } else {
            console.log(`ok   ${tenant.slug}: ${result.events} events, chain intact`)
          }
        }
        if (tenants.length === 0) console.log('no tenants to verify')
        return failures
      })
      if (broken > 0) process.exitCode = 1
    })
}
