import { readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { systemActor } from '../../app/actor.ts'
import { anchorJournal } from '../../app/audit/anchor-journal.ts'
import { type BaselineJournalResult, baselineJournal } from '../../app/audit/baseline-journal.ts'
import { type TenantVerdict, verifyJournal } from '../../app/audit/verify-journal.ts'
import { findTenantOrFail } from '../../app/tenants/find-tenant.ts'
import { listTenants } from '../../app/tenants/list-tenants.ts'
import { auditKeyFromEnv } from '../../config/audit-key-config.ts'
import { AppError, EXIT } from '../../core/errors/index.ts'
import { withStore } from '../cli-context.ts'

/** `recoup audit verify` and `recoup audit anchor`: the tamper-evident journal, checked and anchored. */
export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('check the tamper-evident event journal')
  audit
    .command('verify')
    .description(
      'verify every tenant (or one with --tenant): hash chain, ledger lines and payments against their events, ' +
        'and with --anchor the signed heads; exit code 1 when anything was tampered with',
    )
    .option('--tenant <slug>', 'verify only this tenant')
    .option('--anchor <file>', 'an anchor from `recoup audit anchor`, verified with RECOUP_AUDIT_KEY(_FILE)')
    .action(async (options: { tenant?: string; anchor?: string }) => {
      const anchor = options.anchor
        ? { text: readAnchorFile(options.anchor), source: options.anchor }
        : undefined
      const key = anchor ? auditKeyFromEnv() : undefined
      const result = await withStore((store) =>
        verifyJournal(
          { store },
          {
            ...(options.tenant ? { tenant: options.tenant } : {}),
            ...(anchor ? { anchor } : {}),
            ...(key ? { key } : {}),
          },
        ),
      )
      if (result.anchor)
        console.log(`anchor of ${result.anchor.createdAt} (key ${result.anchor.keyId}): signature valid`)
      for (const verdict of result.tenants) console.log(verdictLine(verdict))
      if (result.tenants.length === 0) console.log('no tenants to verify')
      if (!result.intact) process.exitCode = EXIT.negative
    })
  audit
    .command('anchor')
    .description(
      'write every tenant’s current journal head (seq, hash, time), signed with RECOUP_AUDIT_KEY or ' +
        'RECOUP_AUDIT_KEY_FILE, to --out FILE or stdout; keep it outside the database',
    )
    .option('--out <file>', 'write the anchor to this file instead of stdout')
    .action(async (options: { out?: string }) => {
      const key = auditKeyFromEnv()
      const anchor = await withStore((store) => anchorJournal({ store }, { key }))
      const text = `${JSON.stringify(anchor, null, 2)}\n`
      if (!options.out) {
        process.stdout.write(text)
        return
      }
      try {
        writeFileSync(options.out, text)
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? String(error)
        throw new AppError('invalid_option', `--out ${options.out} cannot be written (${reason})`)
      }
      console.error(`anchored ${anchor.heads.length} tenant heads to ${options.out} (key ${anchor.keyId})`)
    })
  registerBaseline(audit)
}

function registerBaseline(audit: Command): void {
  audit
    .command('baseline')
    .description(
      'vouch, in one journal event per tenant, for the ledger lines and payments no event covers yet ' +
        '(books written before journal covers existed); refused when the journal does not verify',
    )
    .requiredOption('--reason <text>', 'why these rows are right, recorded in the event')
    .option('--tenant <slug>', 'only this tenant (every tenant otherwise)')
    .action(async (options: { reason: string; tenant?: string }) => {
      await withStore(async (store) => {
        const tenants = options.tenant
          ? [await findTenantOrFail(store, options.tenant)]
          : await listTenants(store)
        for (const tenant of tenants) {
          const result = await baselineJournal(
            { store, actor: systemActor(tenant, 'cli') },
            { reason: options.reason },
          )
          console.log(baselineLine(result))
        }
        if (tenants.length === 0) console.log('no tenants')
      })
    })
}

function baselineLine(result: BaselineJournalResult): string {
  const { ledger_entries: lines, payments, payment_status: reversals } = result.covered
  if (result.seq === null) return `${result.tenant}: every row is already covered; nothing to baseline`
  return `${result.tenant}: baseline event seq ${result.seq} vouches for ${lines} ledger lines, ${payments} payments, ${reversals} payment statuses`
}

function readAnchorFile(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new AppError('file_not_found', `anchor file ${file} does not exist`)
    throw new AppError('unreadable_file', `anchor file ${file} cannot be read (${code ?? String(error)})`)
  }
}

function verdictLine(verdict: TenantVerdict): string {
  const anchored = verdict.anchored ? `, anchored seq ${verdict.anchored.seq} holds` : ''
  if (!verdict.firstBreak) {
    return `ok   ${verdict.tenant}: ${verdict.events} events, chain intact, ${verdict.rowsChecked} money rows match their events${anchored}`
  }
  const { seq, eventId, reason } = verdict.firstBreak
  if (seq === null) return `FAIL ${verdict.tenant}: ${reason}`
  return `FAIL ${verdict.tenant}: first bad event seq ${seq} (${eventId === null ? 'missing' : `id ${eventId}`}): ${reason}`
}
