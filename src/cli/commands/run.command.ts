import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import { startDailyRun } from '../../app/engine/start-daily-run.ts'
import { databaseConfigFromEnv } from '../../config/database-config.ts'
import { parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import type { RunSummary } from '../../engine/daily-run.ts'
import { loadPlaybookFile } from '../../playbook/load-playbook.ts'
import { withActor } from '../cli-context.ts'
import { wholeNumberOption } from '../options.ts'

/** `recoup run`: the daily collections run over every open account of a tenant. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('decide today for the open accounts that need it: stage moves, actions, compliance, outbox')
    .option('--as-of <date>', 'the day to decide, YYYY-MM-DD (default: today in the tenant time zone)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--playbook <file...>', "playbook files (JSON or YAML) instead of the tenant's playbooks")
    .option('--batch-size <n>', 'accounts per batch (one transaction each)', '2000')
    .option('--force', 're-evaluate a run that already completed (it must write nothing new)')
    .option(
      '--full',
      'decide every open account, not only those due today (with --force: redo the day in full)',
    )
    .option('--enqueue-only', 'PostgreSQL: queue the batches for `recoup worker` and return')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (options: {
        asOf?: string
        tenant?: string
        playbook?: string[]
        batchSize: string
        force?: boolean
        full?: boolean
        enqueueOnly?: boolean
        format: string
      }) => {
        if (options.format !== 'text' && options.format !== 'json') {
          throw new AppError('invalid_format', `--format must be text or json, not "${options.format}"`)
        }
        const batchSize = wholeNumberOption('--batch-size', options.batchSize, 100_000)
        if (batchSize < 1) throw new AppError('invalid_option', '--batch-size must be at least 1')
        const playbooks = options.playbook?.map(loadPlaybookFile)
        const asOf = options.asOf ? requireDate(options.asOf) : undefined
        const config = databaseConfigFromEnv()
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                format: 'run |{bar}| {percentage}% | {value}/{total} batches | ETA {eta_formatted}',
                stream: process.stderr,
              },
              cliProgress.Presets.shades_classic,
            )
          : undefined
        const result = await withActor(options.tenant, async (ctx) => {
          let started = false
          try {
            return await startDailyRun(ctx, {
              ...(asOf ? { asOf } : {}),
              ...(playbooks ? { playbooks } : {}),
              batchSize,
              force: options.force === true,
              full: options.full === true,
              enqueueOnly: options.enqueueOnly === true,
              ...(config.kind === 'postgres'
                ? { queue: { url: config.url, ...(config.schema ? { schema: config.schema } : {}) } }
                : {}),
              onProgress: (done, total) => {
                if (!started) bar?.start(total, done)
                started = true
                bar?.update(done)
              },
            })
          } finally {
            bar?.stop()
          }
        })
        if (result.status === 'queued') {
          console.log(`run ${result.runId}: ${result.batches} batches queued for recoup worker`)
          return
        }
        if (options.format === 'json') console.log(JSON.stringify(result.summary, null, 2))
        else console.log(describeRun(result.summary, result.alreadyCompleted))
      },
    )
}

function requireDate(text: string): string {
  const parsed = parseLocalDate(text)
  if (!parsed.ok) throw new AppError('invalid_date', `--as-of: ${parsed.reason}; use YYYY-MM-DD`)
  return parsed.date
}

/** The plain-text run summary. */
export function describeRun(summary: RunSummary, alreadyCompleted: boolean): string {
  const lines = [
    alreadyCompleted
      ? `run for ${summary.asOf} already completed (use --force to re-evaluate); its summary:`
      : `run for ${summary.asOf} completed`,
    `  accounts evaluated   ${summary.accounts}${summary.mode === 'incremental' ? ' (due today)' : ''}`,
    `  decisions recorded   ${summary.decisions}`,
    `  stage moves          ${summary.stageMoves}`,
    `  actions scheduled    ${summary.actionsScheduled}`,
    `  awaiting approval    ${summary.actionsAwaitingApproval}`,
    `  actions blocked      ${summary.actionsBlocked}`,
  ]
  const rules = Object.entries(summary.blockedByRule).sort((a, b) => b[1] - a[1])
  if (rules.length > 0) lines.push('  blocked by rule:')
  for (const [rule, n] of rules) lines.push(`    ${rule.padEnd(48)} ${n}`)
  const errors = summary.errors ?? 0
  if (errors > 0) {
    lines.push(`  not decided (errors)  ${errors}: see recoup explain ACCOUNT`)
    for (const e of summary.errorAccounts ?? []) lines.push(`    ${e.account.padEnd(24)} ${e.reason}`)
    if (errors > (summary.errorAccounts ?? []).length) lines.push('    ...')
  }
  return lines.join('\n')
}
