import { describe, expect, it } from 'vitest'
import { DOCUMENT_LOCALES } from '../../src/core/documents/document-locale.ts'
import {
  directionOf,
  missingTranslations,
  PORTAL_LOCALES,
  portalLocale,
  translate,
} from '../../web/src/portal/i18n.ts'

describe('the portal speaks every template language', () => {
  it('has every text in every language Recoup writes messages in', () => {
    expect([...PORTAL_LOCALES].sort()).toEqual([...DOCUMENT_LOCALES].sort())
    expect(missingTranslations()).toEqual(Object.fromEntries(PORTAL_LOCALES.map((l) => [l, []])))
  })

  it('writes Arabic right to left and the others left to right', () => {
    expect(PORTAL_LOCALES.filter((l) => directionOf(l) === 'rtl')).toEqual(['ar'])
  })

  it('picks the closest language and fills placeholders', () => {
    expect(portalLocale('es-MX')).toBe('es')
    expect(portalLocale('pt-BR')).toBe('en')
    expect(portalLocale(null)).toBe('en')
    expect(translate('de', 'planBounds', { months: '12', min: '25,00 €' })).toBe(
      'Bis zu 12 Monate; jede Rate mindestens 25,00 €.',
    )
    expect(translate('en', 'no-such-key' as never)).toBe('no-such-key')
  })
})
