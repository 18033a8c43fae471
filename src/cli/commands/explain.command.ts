import type { Command } from 'commander'
import { explainAccount } from '../../app/engine/explain-account.ts'
import { AppError } from '../../core/errors/index.ts'
import { withActor } from '../cli-context.ts'
import { formatTimeline } from '../format/explain-format.ts'

/** `recoup explain ACCOUNT`: the account's decisions with their reasons, oldest first. */
export function registerExplainCommand(program: Command): void {
  program
    .command('explain <account>')
    .description(
      "timeline of an account's decisions: stage moves, conditions, actions and compliance reasons",
    )
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (accountRef: string, options: { tenant?: string; format: string }) => {
      if (options.format !== 'text' && options.format !== 'json') {
        throw new AppError('invalid_format', `--format must be text or json, not "${options.format}"`)
      }
      const timeline = await withActor(options.tenant, (ctx) => explainAccount(ctx, { account: accountRef }))
      if (options.format === 'json') {
        const decisions = timeline.decisions.map((d) => ({ ...d, trace: JSON.parse(d.trace) as unknown }))
        console.log(JSON.stringify({ ...timeline, decisions }, null, 2))
      } else process.stdout.write(formatTimeline(timeline))
    })
}
