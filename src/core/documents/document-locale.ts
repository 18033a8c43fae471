/**
 * The languages Recoup writes messages and documents in, and how a debtor's preferred language picks
 * one. Fallback (docs/documents.md): the exact tag ("es-MX") if supported, else its base language
 * ("es"), else the jurisdiction's default language (IN: en, AE: ar, DE: de, FR: fr, ES: es), else
 * English. The chosen locale and whether it fell back are reported with every rendering.
 */

/** Languages with templates and document texts. */
export const DOCUMENT_LOCALES = ['en', 'es', 'hi', 'ar', 'fr', 'de'] as const
export type DocumentLocale = (typeof DOCUMENT_LOCALES)[number]

/** Writing direction of a locale. */
export type TextDirection = 'ltr' | 'rtl'

const RTL: ReadonlySet<string> = new Set(['ar'])

/** Default language per country, used when the debtor states none we write. */
const COUNTRY_LANGUAGE: Readonly<Record<string, DocumentLocale>> = {
  AE: 'ar',
  DE: 'de',
  AT: 'de',
  FR: 'fr',
  ES: 'es',
  MX: 'es',
  IN: 'en',
  GB: 'en',
  US: 'en',
}

/** Whether a string names a supported locale. */
export function isDocumentLocale(value: string): value is DocumentLocale {
  return (DOCUMENT_LOCALES as readonly string[]).includes(value)
}

/** The locale chosen for a debtor, and the preference it replaced when it fell back. */
export interface LocaleChoice {
  readonly locale: DocumentLocale
  /** The stated preference that could not be honoured, or null when it was (or none was stated). */
  readonly fallbackFrom: string | null
}

/**
 * Picks the locale for a debtor's preferred language among `available` (default: all), by the
 * documented fallback: exact tag, base language, the jurisdiction's language, English.
 */
export function chooseLocale(
  preferred: string | null | undefined,
  jurisdiction: string,
  available: readonly DocumentLocale[] = DOCUMENT_LOCALES,
): LocaleChoice {
  const has = (tag: string): tag is DocumentLocale => (available as readonly string[]).includes(tag)
  const stated = preferred?.trim() ?? ''
  const tag = stated.toLowerCase()
  const base = tag.split(/[-_]/)[0] ?? ''
  if (has(tag)) return { locale: tag, fallbackFrom: null }
  if (has(base)) return { locale: base, fallbackFrom: null }
  const country = jurisdiction.split('-')[0]?.toUpperCase() ?? ''
  const national = COUNTRY_LANGUAGE[country]
  const fallbackFrom = stated === '' ? null : stated
  if (national && has(national)) return { locale: national, fallbackFrom }
  return { locale: has('en') ? 'en' : (available[0] ?? 'en'), fallbackFrom }
}

/** Writing direction of a locale. */
export function directionOf(locale: DocumentLocale): TextDirection {
  return RTL.has(locale) ? 'rtl' : 'ltr'
}

/**
 * The Intl locale that formats numbers and dates: Hindi and English for India use Indian digit
 * grouping (1,23,456.00); Arabic keeps Western digits in amounts so that figures match the ledger and
 * the statement the debtor may compare them with.
 */
export function intlLocale(locale: DocumentLocale, jurisdiction: string): string {
  const country = jurisdiction.split('-')[0]?.toUpperCase() ?? ''
  if (locale === 'hi') return 'hi-IN'
  if (locale === 'ar') return country === 'AE' ? 'ar-AE-u-nu-latn' : 'ar-u-nu-latn'
  if (locale === 'en') return country === 'IN' ? 'en-IN' : country === 'GB' ? 'en-GB' : 'en-US'
  if (locale === 'es') return country === 'ES' ? 'es-ES' : 'es-US'
  if (locale === 'fr') return 'fr-FR'
  return 'de-DE'
}
