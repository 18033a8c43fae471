import { DOCUMENT_LOCALES, type DocumentLocale } from '../documents/document-locale.ts'
import { AppError } from '../errors/index.ts'
import {
  type MessageTemplate,
  TEMPLATE_TONES,
  type TemplateChannel,
  type TemplateTone,
} from './message-template.ts'

/** A template as a tenant writes it (YAML or JSON): everything but the version, which Recoup assigns. */
export type TemplateDocument = Omit<MessageTemplate, 'version'>

const FIELDS = ['key', 'channel', 'tone', 'locale', 'subject', 'body', 'mentionsLegalAction']
const KEY = /^[a-z][a-z0-9_-]{0,63}$/
const MAX_TEXT = 20_000

/**
 * Checks a parsed template document field by field: every problem is reported with its field, and an
 * unknown field is refused (a typo such as `bdy` must not pass as a template without a body).
 * `source` names the file in messages.
 */
export function templateDocumentOf(value: unknown, source: string): TemplateDocument {
  const problems: { field: string; message: string }[] = []
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new AppError(
      'invalid_template',
      `${source}: a template is a mapping of fields (${FIELDS.join(', ')})`,
    )
  const doc = value as Record<string, unknown>
  for (const field of Object.keys(doc))
    if (!FIELDS.includes(field)) problems.push({ field, message: 'is not a template field' })
  const text = (field: string, required: boolean): string | undefined => {
    const v = doc[field]
    if (v === undefined || v === null) {
      if (required) problems.push({ field, message: 'is required' })
      return undefined
    }
    if (typeof v !== 'string' || v.trim() === '') {
      problems.push({ field, message: 'must be non-empty text' })
      return undefined
    }
    if (v.length > MAX_TEXT) problems.push({ field, message: `must be at most ${MAX_TEXT} characters` })
    return v
  }
  const key = text('key', true)
  if (key !== undefined && !KEY.test(key))
    problems.push({
      field: 'key',
      message: 'must be lower-case letters, digits, - or _, starting with a letter',
    })
  const channel = text('channel', true)
  if (channel !== undefined && channel !== 'email' && channel !== 'sms')
    problems.push({ field: 'channel', message: 'must be email or sms' })
  const tone = text('tone', true)
  if (tone !== undefined && !(TEMPLATE_TONES as readonly string[]).includes(tone))
    problems.push({ field: 'tone', message: `must be ${TEMPLATE_TONES.join(' or ')}` })
  const locale = text('locale', true)
  if (locale !== undefined && !(DOCUMENT_LOCALES as readonly string[]).includes(locale))
    problems.push({ field: 'locale', message: `must be one of ${DOCUMENT_LOCALES.join(', ')}` })
  const subject = text('subject', false)
  if (channel === 'email' && subject === undefined && doc.subject === undefined)
    problems.push({ field: 'subject', message: 'is required for email' })
  if (channel === 'sms' && doc.subject !== undefined)
    problems.push({ field: 'subject', message: 'is for email only' })
  const body = text('body', true)
  const legal = doc.mentionsLegalAction
  if (legal !== undefined && typeof legal !== 'boolean')
    problems.push({ field: 'mentionsLegalAction', message: 'must be true or false' })
  const first = problems[0]
  if (first)
    throw new AppError(
      'invalid_template',
      `${source}: ${first.field} ${first.message}` +
        (problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''),
      problems,
    )
  return {
    key: key as string,
    channel: channel as TemplateChannel,
    tone: tone as TemplateTone,
    locale: locale as DocumentLocale,
    ...(subject === undefined ? {} : { subject }),
    body: body as string,
    ...(legal === true ? { mentionsLegalAction: true } : {}),
  }
}
