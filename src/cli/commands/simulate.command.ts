import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { simulatePlaybooks } from '../../app/engine/simulate-playbooks.ts'
import { parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import type { SimulationReport } from '../../engine/simulate-playbook.ts'
import { loadPlaybookFile } from '../../playbook/load-playbook.ts'
import { withActor } from '../cli-context.ts'

/** `recoup simulate`: what the playbooks would have done over past days, from the recorded ledger. */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('replay history day by day through the playbooks; sends and writes nothing')
    .requiredOption('--from <date>', 'first day to replay, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day to replay, YYYY-MM-DD')
    .option('--playbook <file...>', "playbook files (JSON or YAML) instead of the tenant's playbooks")
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (options: { from: string; to: string; playbook?: string[]; tenant?: string; format: string }) => {
        if (options.format !== 'text' && options.format !== 'json') {
          throw new AppError('invalid_format', `--format must be text or json, not "${options.format}"`)
        }
        const from = requireDate('--from', options.from)
        const to = requireDate('--to', options.to)
        const playbooks = options.playbook?.map(readPlaybook)
        const report = await withActor(options.tenant, (ctx) =>
          simulatePlaybooks(ctx, { from, to, ...(playbooks ? { playbooks } : {}) }),
        )
        console.log(options.format === 'json' ? JSON.stringify(report, null, 2) : describeSimulation(report))
      },
    )
}

function requireDate(option: string, text: string): string {
  const parsed = parseLocalDate(text)
  if (!parsed.ok) throw new AppError('invalid_date', `${option}: ${parsed.reason}; use YYYY-MM-DD`)
  return parsed.date
}

/** A missing file is a user error with the path in it, not a stack trace from the file system. */
function readPlaybook(file: string) {
  if (!existsSync(file)) throw new AppError('playbook_not_found', `--playbook: no file "${file}"`)
  return loadPlaybookFile(file)
}

const COLUMNS = [
  ['entered', 'entered'],
  ['escalated', 'escal.'],
  ['actions', 'actions'],
  ['wouldSend', 'send'],
  ['awaitingApproval', 'approve'],
  ['blocked', 'blocked'],
  ['deferred', 'deferred'],
  ['paid', 'paid'],
] as const

/** The plain-text report: one table per playbook (a row per stage and variant), then the totals. */
export function describeSimulation(report: SimulationReport): string {
  const { accounts, stoppedByPayment: stopped, totals } = report
  const lines = [
    `simulation ${report.from} .. ${report.to} (${report.days} days); nothing was sent or written`,
    `  accounts replayed    ${accounts.replayed}`,
    `  taken into treatment ${accounts.treated}`,
    `  stopped by payment   ${stopped.accounts} (actions proposed on the day they paid: ${stopped.actionsAfterPayment})`,
    `  still owing at end   ${accounts.openAtEnd}`,
  ]
  const header = `  ${'stage'.padEnd(20)}${'variant'.padEnd(12)}${COLUMNS.map(([, h]) => h.padStart(9)).join('')}`
  for (const playbook of report.playbooks) {
    const rows = report.rows.filter((r) => r.playbookId === playbook.id)
    lines.push('', `playbook ${playbook.id} v${playbook.version}`, header)
    for (const r of rows) {
      const cells = COLUMNS.map(([k]) => String(r[k]).padStart(9)).join('')
      lines.push(`  ${r.stage.padEnd(20)}${r.variant.padEnd(12)}${cells}`)
    }
    if (rows.length === 0) lines.push('  (no account was taken on by this playbook)')
  }
  lines.push('', `  ${'total'.padEnd(32)}${COLUMNS.map(([k]) => String(totals[k]).padStart(9)).join('')}`)
  const list = (title: string, counts: Record<string, number>) => {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    if (entries.length > 0) lines.push('', title)
    for (const [key, n] of entries) lines.push(`  ${key.padEnd(48)} ${n}`)
  }
  list('actions proposed by type:', totals.byAction)
  list('blocked by rule:', totals.blockedByRule)
  if (report.undecided.length > 0) lines.push('', 'not decided (left out from that day):')
  for (const u of report.undecided) lines.push(`  ${u.account.padEnd(24)} ${u.on}  ${u.reason}`)
  return lines.join('\n')
}
