import { IntlMessageFormat } from 'intl-messageformat'
import { type DocumentLocale, directionOf, intlLocale } from './document-locale.ts'
import { AR } from './document-strings.ar.ts'
import { type DocumentStringKey, EN } from './document-strings.en.ts'
import { DE, ES, FR } from './document-strings.eu.ts'
import { HI } from './document-strings.hi.ts'
import { cleanText, formatDate, formatMoney } from './format-values.ts'

const CATALOGUES: Readonly<Partial<Record<DocumentLocale, Partial<Record<DocumentStringKey, string>>>>> = {
  en: EN,
  es: ES,
  hi: HI,
  ar: AR,
  fr: FR,
  de: DE,
}

/** The locales in which every one of `keys` has a text (documents never mix languages). */
export function localesWith(keys: readonly DocumentStringKey[]): DocumentLocale[] {
  return (Object.keys(CATALOGUES) as DocumentLocale[]).filter((locale) =>
    keys.every((key) => CATALOGUES[locale]?.[key] !== undefined),
  )
}

/** Texts, money and dates of one document in one locale; every value is cleaned before it is printed. */
export interface DocumentText {
  readonly locale: DocumentLocale
  readonly direction: 'ltr' | 'rtl'
  t(key: DocumentStringKey, values?: Record<string, string | number>): string
  money(minor: number): string
  date(date: string): string
}

/** The text kit for a document in `locale` about an account in `currency` and `jurisdiction`. */
export function documentText(locale: DocumentLocale, currency: string, jurisdiction: string): DocumentText {
  const intl = intlLocale(locale, jurisdiction)
  const catalogue = CATALOGUES[locale] ?? EN
  return {
    locale,
    direction: directionOf(locale),
    t: (key, values = {}) => {
      const source = catalogue[key] ?? EN[key]
      const clean = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? cleanText(v) : v]),
      )
      return String(new IntlMessageFormat(source, intl, undefined, { ignoreTag: true }).format(clean))
    },
    money: (minor) => formatMoney(minor, currency, intl),
    date: (date) => formatDate(date, intl),
  }
}
