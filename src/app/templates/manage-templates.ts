import { parse as parseYaml } from 'yaml'
import { AppError } from '../../core/errors/index.ts'
import {
  type ActivationFailure,
  activateTemplate,
  activationFailures,
} from '../../core/templates/activate-template.ts'
import { BUILTIN_TEMPLATES } from '../../core/templates/builtin-templates.ts'
import { type MessageTemplate, templateId } from '../../core/templates/message-template.ts'
import { templateDocumentOf } from '../../core/templates/parse-template.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import {
  findTemplate,
  insertTemplate,
  listStoredTemplates,
  markTemplateActive,
  nextTemplateVersion,
  type StoredTemplateRow,
  templateOfRow,
} from '../../store/templates/message-template.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'

/** One template as listings show it. */
export interface TemplateListing {
  /** The stored version's number id (null for a built-in). */
  readonly id: number | null
  readonly template: string
  readonly origin: 'builtin' | 'tenant'
  readonly active: boolean
  readonly activatedAt: string | null
  readonly activatedBy: string | null
}

/** What adding a template answers: the new inactive version and the checks activation will run. */
export interface AddedTemplate {
  readonly id: number
  readonly template: string
  /** The content checks it fails today (activation refuses while any remain). */
  readonly failures: readonly ActivationFailure[]
}

const identityOf = (t: Pick<MessageTemplate, 'key' | 'channel' | 'tone' | 'locale'>) =>
  `${t.key}/${t.channel}/${t.tone}/${t.locale}`

/** Highest built-in version of an identity (tenant versions number after it, so ids never clash). */
function builtinVersion(t: Pick<MessageTemplate, 'key' | 'channel' | 'tone' | 'locale'>): number {
  return BUILTIN_TEMPLATES.filter((b) => identityOf(b) === identityOf(t)).reduce(
    (v, b) => Math.max(v, b.version),
    0,
  )
}

/**
 * Adds a version of a tenant template from a YAML or JSON document (`source` names it in messages).
 * The version is stored inactive; the ICU syntax is checked now, the content checks are reported, and
 * `activateTemplate` must pass before the dispatcher may use it.
 */
export async function addTemplate(
  ctx: AppContext,
  input: { text: string; source: string },
): Promise<AddedTemplate> {
  authorize(ctx.actor, 'templates.manage')
  let parsed: unknown
  try {
    parsed = parseYaml(input.text)
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line
    throw new AppError(
      'invalid_template',
      `${input.source}${line ? `:${line}` : ''}: not YAML or JSON (${(error as Error).message.split('\n')[0]})`,
    )
  }
  const document = templateDocumentOf(parsed, input.source)
  const tenantId = ctx.actor.tenant.id
  return inTransaction(ctx, async (trx) => {
    const version = await nextTemplateVersion(trx, tenantId, document, builtinVersion(document))
    const template: MessageTemplate = { ...document, version }
    // Renders it in every activation situation: a body that is not ICU MessageFormat fails here.
    const failures = activationFailures(template)
    const row = await insertTemplate(trx, tenantId, template, actorLabel(ctx.actor))
    await appendJournalEvent(trx, {
      tenantId,
      type: 'template.added',
      actor: actorLabel(ctx.actor),
      payload: { id: Number(row.id), template: templateId(template), failedChecks: failures.length },
    })
    return { id: Number(row.id), template: templateId(template), failures }
  })
}

/**
 * Activates a stored version: the content checks of the compliance packs must all pass
 * (`template_check_failed` with every failed situation otherwise, and nothing changes). Activation is
 * journaled with the actor; activating an active version again changes nothing.
 */
export async function activateStoredTemplate(
  ctx: AppContext,
  input: { id: number | string; now?: Date },
): Promise<TemplateListing> {
  authorize(ctx.actor, 'templates.manage')
  const tenantId = ctx.actor.tenant.id
  return inTransaction(ctx, async (trx) => {
    // By number (#12) or by identity (reminder/email/friendly/en@2).
    const row =
      typeof input.id === 'number'
        ? await findTemplate(trx, tenantId, input.id)
        : (await listStoredTemplates(trx, tenantId)).find((r) => templateId(templateOfRow(r)) === input.id)
    if (!row) throw new AppError('template_not_found', `no template ${input.id} of this tenant`)
    const template = templateOfRow(row)
    activateTemplate(template)
    const at = (input.now ?? new Date()).toISOString()
    if (await markTemplateActive(trx, tenantId, Number(row.id), at, actorLabel(ctx.actor)))
      await appendJournalEvent(trx, {
        tenantId,
        type: 'template.activated',
        actor: actorLabel(ctx.actor),
        payload: { id: Number(row.id), template: templateId(template) },
      })
    const after = (await findTemplate(trx, tenantId, Number(row.id))) as StoredTemplateRow
    return listingOf(after)
  })
}

/** The built-in templates (always active) and the tenant's own versions, active or not. */
export async function listTemplates(ctx: AppContext): Promise<TemplateListing[]> {
  authorize(ctx.actor, 'templates.read')
  const stored = await listStoredTemplates(ctx.store.db, ctx.actor.tenant.id)
  return [
    ...BUILTIN_TEMPLATES.map(
      (t): TemplateListing => ({
        id: null,
        template: templateId(t),
        origin: 'builtin',
        active: true,
        activatedAt: null,
        activatedBy: null,
      }),
    ),
    ...stored.map(listingOf),
  ]
}

function listingOf(row: StoredTemplateRow): TemplateListing {
  return {
    id: Number(row.id),
    template: templateId(templateOfRow(row)),
    origin: 'tenant',
    active: row.activated_at !== null,
    activatedAt: row.activated_at,
    activatedBy: row.activated_by,
  }
}
