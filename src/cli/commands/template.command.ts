import type { Command } from 'commander'
import { activeTemplates, previewTemplate } from '../../app/templates/preview-template.ts'
import { templateId } from '../../core/templates/message-template.ts'
import { withActor } from '../cli-context.ts'

interface PreviewOptions {
  channel?: string
  tone?: string
  locale?: string
  account?: string
  jurisdiction?: string
  caLicence?: string
  html?: boolean
  tenant?: string
}

/** `recoup template`: the message templates (every one passed the content checks to be active). */
export function registerTemplateCommand(program: Command): void {
  const template = program.command('template').description('message templates: list and preview')
  template
    .command('list')
    .description('the active templates: key/channel/tone/locale@version')
    .action(() => {
      for (const t of activeTemplates()) process.stdout.write(`${templateId(t)}\n`)
    })
  template
    .command('preview <key>')
    .description('render a template with sample or account facts, and its content check')
    .option('--channel <channel>', 'email (default) or sms')
    .option('--tone <tone>', 'friendly (default) or firm')
    .option('--locale <lang>', "language (default: the debtor's preferred one, with the documented fallback)")
    .option('--account <ref>', "fill in an account's facts (external id)")
    .option('--jurisdiction <code>', 'jurisdiction of the content checks (default: the account, else US)')
    .option('--ca-licence <number>', 'California licence number to print')
    .option('--html', 'print the HTML part instead of the text')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (key: string, options: PreviewOptions) => {
      const rendered = await withActor(options.tenant, (ctx) =>
        previewTemplate(ctx, {
          key,
          ...(options.channel ? { channel: options.channel } : {}),
          ...(options.tone ? { tone: options.tone } : {}),
          ...(options.locale ? { locale: options.locale } : {}),
          ...(options.account ? { account: options.account } : {}),
          ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
          ...(options.caLicence ? { californiaLicenseNumber: options.caLicence } : {}),
        }),
      )
      const head = [`template: ${rendered.template}`, `locale: ${rendered.locale} (${rendered.direction})`]
      if (rendered.fallbackFrom) head.push(`fell back from: ${rendered.fallbackFrom}`)
      if (rendered.subject) head.push(`subject: ${rendered.subject}`)
      const check =
        rendered.check.outcome === 'allow'
          ? 'check: allow'
          : `check: block\n${rendered.check.reasons.map((r) => `  ${r.ruleId} (${r.citation}): ${r.message}`).join('\n')}`
      process.stdout.write(
        `${head.join('\n')}\n\n${options.html ? rendered.html : rendered.text}\n\n${check}\n`,
      )
      if (rendered.check.outcome === 'block') process.exitCode = 1
    })
}
