import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { activateStoredTemplate, addTemplate, listTemplates } from '../../app/templates/manage-templates.ts'
import { previewTemplate } from '../../app/templates/preview-template.ts'
import { AppError } from '../../core/errors/index.ts'
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
  const template = program
    .command('template')
    .description('message templates: list, add, activate and preview')
  template
    .command('list')
    .description('built-in and tenant templates: key/channel/tone/locale@version, and whether active')
    .option('--tenant <slug>', 'tenant (default: default)')
    .option('--format <format>', 'text (default) or json')
    .action(async (options: { tenant?: string; format?: string }) => {
      const listed = await withActor(options.tenant, (ctx) => listTemplates(ctx))
      if (options.format === 'json') process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`)
      else
        for (const t of listed)
          process.stdout.write(
            `${t.template}  ${t.origin === 'builtin' ? 'built-in' : `#${t.id}`}  ${t.active ? 'active' : 'inactive'}\n`,
          )
    })
  template
    .command('add <file>')
    .description('add a version of a tenant template from a YAML or JSON file (stored inactive)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (file: string, options: { tenant?: string }) => {
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch {
        throw new AppError('file_not_found', `cannot read ${file}`)
      }
      const added = await withActor(options.tenant, (ctx) => addTemplate(ctx, { text, source: file }))
      process.stdout.write(`added ${added.template} as #${added.id} (inactive)\n`)
      for (const f of added.failures)
        process.stdout.write(
          `  fails: ${f.situation}: ${f.reasons.map((r) => `${r.ruleId}: ${r.message}`).join('; ')}\n`,
        )
      process.stdout.write(
        added.failures.length === 0
          ? `activate it with: recoup template activate ${added.id}\n`
          : 'it cannot be activated until these checks pass\n',
      )
    })
  template
    .command('activate <template>')
    .description(
      'activate a tenant template version (its number or key/channel/tone/locale@version); refused unless every content check passes',
    )
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (id: string, options: { tenant?: string }) => {
      const ref = /^#?[1-9][0-9]{0,15}$/.test(id) ? Number(id.replace('#', '')) : id
      const activated = await withActor(options.tenant, (ctx) => activateStoredTemplate(ctx, { id: ref }))
      process.stdout.write(`active: ${activated.template} (#${activated.id})\n`)
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
