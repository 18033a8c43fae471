import type { Command } from 'commander'
import type { CallTaskView } from '../../app/tasks/call-task-view.ts'
import { listCallTasks } from '../../app/tasks/list-call-tasks.ts'
import { recordCallOutcome } from '../../app/tasks/record-call-outcome.ts'
import { AppError } from '../../core/errors/index.ts'
import { TASK_OUTCOMES } from '../../core/tasks/call-outcome.ts'
import { withActor } from '../cli-context.ts'
import { wholeNumberOption } from '../options.ts'

/** The plain-text queue: one block per task. */
export function describeTasks(tasks: readonly CallTaskView[]): string {
  if (tasks.length === 0) return 'no call tasks due now (run `recoup run` then `recoup dispatch`)'
  const lines: string[] = []
  for (const t of tasks) {
    lines.push(
      `#${t.id} call ${t.debtor} ${t.phone ?? '(no phone)'}  account ${t.account}  ${t.balance} ${t.currency}  due ${t.dueAt}${t.followsTaskId ? '  call-back' : ''}`,
    )
    lines.push(
      `  expected    ${t.expectedValue} ${t.currency} (${t.risk ? `risk score ${t.risk.score}, ${t.risk.band} risk` : 'not scored: even odds'})`,
    )
    if (t.offer && !t.offer.offered)
      lines.push(
        `  held back   ${t.offer.nextAllowedAt ? `until ${t.offer.nextAllowedAt}` : 'for good'} (${t.offer.reasons.join('; ')})`,
      )
    if (t.outcome)
      lines.push(`  outcome     ${t.outcome.outcome} ${t.outcome.at ?? ''} by ${t.outcome.by ?? ''}`)
    for (const line of t.script.split('\n')) lines.push(`  | ${line}`)
  }
  return lines.join('\n')
}

const formatOf = (format: string) => {
  if (format !== 'text' && format !== 'json')
    throw new AppError('invalid_format', `--format must be text or json, not "${format}"`)
  return format
}

/** `recoup task list` and `recoup task outcome`: the collectors' call queue. */
export function registerTaskCommand(program: Command): void {
  const task = program.command('task').description("collectors' call tasks: the work queue and call outcomes")
  task
    .command('list')
    .description(
      'open call tasks due now: call-backs, then highest expected value (those compliance holds back are left out)',
    )
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--mine', 'only tasks assigned to me or to nobody')
    .option('--all', 'also list tasks the send-time check holds back now, with the next allowed time')
    .option('--status <status>', 'open, done or cancelled', 'open')
    .option('--limit <n>', 'at most this many', '50')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (options: {
        tenant?: string
        mine?: boolean
        all?: boolean
        status: string
        limit: string
        format: string
      }) => {
        const format = formatOf(options.format)
        const limit = Math.max(1, wholeNumberOption('--limit', options.limit, 500))
        const page = await withActor(options.tenant, (ctx) =>
          listCallTasks(ctx, {
            limit,
            status: options.status,
            ...(options.mine ? { mine: true } : {}),
            ...(options.all ? { includeBlocked: true } : {}),
          }),
        )
        console.log(format === 'json' ? JSON.stringify(page, null, 2) : describeTasks(page.items))
      },
    )
  task
    .command('outcome <task>')
    .description(
      'record what came of a call (one transaction: call, promise, dispute, restriction, re-decision)',
    )
    .requiredOption('--outcome <outcome>', `${TASK_OUTCOMES.join(', ')} (done: a legal case task)`)
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--amount <decimal>', 'promise_to_pay: the amount')
    .option('--currency <code>', 'promise_to_pay: ISO currency')
    .option('--date <YYYY-MM-DD>', 'promise_to_pay: the day it is promised for')
    .option('--note <text>', "a note; attorney_named: the attorney's name and contact; dispute: the reason")
    .option('--at <instant>', 'call_back: when to call again (ISO date-time)')
    .option('--from <HH:MM>', 'inconvenient_time: start of the stated range (local)')
    .option('--to <HH:MM>', 'inconvenient_time: end of the stated range (local)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (taskId: string, options: Record<string, string | undefined>) => {
      const format = formatOf(options.format ?? 'text')
      const id = wholeNumberOption('TASK', taskId, Number.MAX_SAFE_INTEGER)
      const fields = ['amount', 'currency', 'date', 'note', 'at', 'from', 'to'] as const
      const result = await withActor(options.tenant, (ctx) =>
        recordCallOutcome(ctx, {
          task: id,
          outcome: options.outcome ?? '',
          ...Object.fromEntries(fields.flatMap((f) => (options[f] === undefined ? [] : [[f, options[f]]]))),
        }),
      )
      if (format === 'json') console.log(JSON.stringify(result, null, 2))
      else {
        const made = [
          result.promiseId !== null ? `promise ${result.promiseId}` : '',
          result.disputeId !== null ? `dispute ${result.disputeId}` : '',
          result.restrictionId !== null ? `restriction ${result.restrictionId}` : '',
          result.nextTaskId !== null ? `call-back task #${result.nextTaskId}` : '',
        ].filter(Boolean)
        console.log(
          `task #${result.task.id} ${options.outcome}: recorded on account ${result.task.account}` +
            (made.length > 0 ? ` (${made.join(', ')})` : ''),
        )
      }
    })
}
