import { chooseLocale, type DocumentLocale, type LocaleChoice } from '../documents/document-locale.ts'
import { AppError } from '../errors/index.ts'
import type { ActiveTemplate } from './activate-template.ts'
import type { TemplateChannel, TemplateTone } from './message-template.ts'

/** What a caller asks for. */
export interface TemplateWanted {
  readonly key: string
  readonly channel: TemplateChannel
  readonly tone: TemplateTone
  /** The debtor's preferred language (any BCP 47 tag), or null. */
  readonly preferredLanguage: string | null
  readonly jurisdiction: string
}

/**
 * The highest active version of the template in the debtor's language, by the documented fallback
 * (core/documents/document-locale.ts): exact tag, base language, the jurisdiction's language, English.
 */
export function chooseTemplate(
  templates: readonly ActiveTemplate[],
  wanted: TemplateWanted,
): { template: ActiveTemplate; choice: LocaleChoice } {
  const candidates = templates.filter(
    (t) => t.key === wanted.key && t.channel === wanted.channel && t.tone === wanted.tone,
  )
  const locales = [...new Set(candidates.map((t) => t.locale))] as DocumentLocale[]
  if (locales.length === 0)
    throw new AppError(
      'template_not_found',
      `no active template "${wanted.key}" for ${wanted.channel} in the ${wanted.tone} tone`,
    )
  const choice = chooseLocale(wanted.preferredLanguage, wanted.jurisdiction, locales)
  const template = candidates
    .filter((t) => t.locale === choice.locale)
    .reduce((a, b) => (b.version > a.version ? b : a))
  return { template, choice }
}
