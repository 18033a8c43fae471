import { describe, expect, it } from 'vitest'
import { chooseLocale } from '../../../src/core/documents/document-locale.ts'
import { AppError } from '../../../src/core/errors/index.ts'
import { activateTemplate, activationFailures } from '../../../src/core/templates/activate-template.ts'
import { BUILTIN_TEMPLATES } from '../../../src/core/templates/builtin-templates.ts'
import type { ContentContext } from '../../../src/core/templates/check-message-content.ts'
import { chooseTemplate } from '../../../src/core/templates/choose-template.ts'
import type { MessageTemplate } from '../../../src/core/templates/message-template.ts'
import { type MessageFacts, renderMessage } from '../../../src/core/templates/render-message.ts'

const facts: MessageFacts = {
  debtorName: 'Ana',
  creditor: 'ACME',
  collector: 'Collect Co',
  account: 'A-1',
  balanceMinor: 12_345_678,
  currency: 'INR',
  dueOn: '2026-02-01',
}
const context: ContentContext = {
  jurisdiction: 'US',
  collectorType: 'third_party',
  firstCommunication: false,
  sentOn: '2026-02-04',
  validationPeriodEndsOn: null,
  timeBarred: false,
  californiaLicenseNumber: null,
}
const builtin = (locale: string, channel = 'email', tone = 'friendly') => {
  const t = BUILTIN_TEMPLATES.find((x) => x.locale === locale && x.channel === channel && x.tone === tone)
  if (!t) throw new Error(`no builtin ${locale}/${channel}/${tone}`)
  return t
}

describe('built-in templates', () => {
  it('cover six languages, and every one passes the activation checks', () => {
    expect(new Set(BUILTIN_TEMPLATES.map((t) => t.locale))).toEqual(
      new Set(['en', 'es', 'hi', 'ar', 'fr', 'de']),
    )
    for (const t of BUILTIN_TEMPLATES)
      expect(activationFailures(t), `${t.locale}/${t.channel}/${t.tone}`).toEqual([])
  })
})

describe('locale fallback', () => {
  it.each([
    ['es-MX', 'US', 'es', null],
    ['AR', 'US', 'ar', null],
    ['pt-BR', 'AE', 'ar', 'pt-BR'],
    [null, 'DE', 'de', null],
    ['xx', 'US', 'en', 'xx'],
    ['hi-IN', 'GB', 'hi', null],
  ])('%s in %s -> %s', (preferred, jurisdiction, locale, fallbackFrom) => {
    expect(chooseLocale(preferred, jurisdiction)).toEqual({ locale, fallbackFrom })
  })

  it('chooses among the languages a template exists in, and the highest version', () => {
    const active = [
      activateTemplate(builtin('en')),
      activateTemplate({ ...builtin('en'), version: 2, subject: 'v2 {account}' }),
    ]
    const { template, choice } = chooseTemplate(active, {
      key: 'reminder',
      channel: 'email',
      tone: 'friendly',
      preferredLanguage: 'fr',
      jurisdiction: 'US',
    })
    expect(template.version).toBe(2)
    expect(choice).toEqual({ locale: 'en', fallbackFrom: 'fr' })
    expect(() =>
      chooseTemplate(active, {
        key: 'nope',
        channel: 'sms',
        tone: 'firm',
        preferredLanguage: null,
        jurisdiction: 'US',
      }),
    ).toThrow(expect.objectContaining({ code: 'template_not_found' }))
  })
})

describe('renderMessage', () => {
  it('formats money with Indian digit grouping in Hindi', () => {
    const out = renderMessage(builtin('hi'), facts, { ...context, jurisdiction: 'IN' })
    expect(out.text).toContain('₹1,23,456.78')
    expect(out.text).toContain('1 फ़रवरी 2026')
  })

  it('uses the Arabic plural forms', () => {
    const days = (n: number) =>
      renderMessage(builtin('ar'), facts, {
        ...context,
        jurisdiction: 'AE',
        sentOn: addDays('2026-02-01', n),
      }).text
    expect(days(0)).toContain('مستحق اليوم')
    expect(days(1)).toContain('منذ يوم واحد')
    expect(days(2)).toContain('منذ يومين')
    expect(days(3)).toContain('منذ 3 أيام')
    expect(days(11)).toContain('منذ 11 يومًا')
    expect(days(100)).toContain('منذ 100 يوم')
    expect(renderMessage(builtin('ar'), facts, { ...context, jurisdiction: 'AE' }).direction).toBe('rtl')
  })

  it('escapes every variable in HTML and strips control and bidi-override characters', () => {
    const out = renderMessage(
      builtin('en'),
      { ...facts, debtorName: '<img src=x onerror=alert(1)> "Bob" \u202Eevil\u0007' },
      context,
    )
    expect(out.html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;Bob&quot; evil')
    expect(out.html).not.toContain('<img')
    expect(out.text.includes('\u202e') || out.text.includes('\u0007')).toBe(false)
  })

  it('fills in the disclosure and opt-out where the US rules ask, and the California licence line', () => {
    const out = renderMessage(builtin('es'), facts, {
      ...context,
      jurisdiction: 'US-CA',
      californiaLicenseNumber: '10000-42',
    })
    expect(out.text).toContain('cobrador de deudas')
    expect(out.text).toContain('darse de baja')
    expect(out.text).toContain('n.º 10000-42')
    expect(out.check.outcome).toBe('allow')
    const uk = renderMessage(builtin('en'), facts, { ...context, jurisdiction: 'GB' })
    expect(uk.text).not.toContain('debt collector')
  })

  it('reports malformed ICU as invalid_template', () => {
    const broken: MessageTemplate = { ...builtin('en'), key: 'broken', body: 'Hi {name' }
    expect(() => renderMessage(broken, facts, context)).toThrow(AppError)
    expect(() => renderMessage(broken, facts, context)).toThrow(
      expect.objectContaining({ code: 'invalid_template' }),
    )
  })
})

describe('activation refuses a template that fails a content check', () => {
  it('without the disclosure', () => {
    const t: MessageTemplate = { ...builtin('en'), key: 'no-disclosure', body: 'Pay {balance}. {optOut}' }
    const failures = activationFailures(t)
    expect(failures.map((f) => f.reasons[0]?.ruleId)).toContain('us.reg-f.mini-miranda')
    expect(() => activateTemplate(t)).toThrow(expect.objectContaining({ code: 'template_check_failed' }))
  })

  it('without the opt-out line (Spanish SMS)', () => {
    const t: MessageTemplate = {
      ...builtin('es', 'sms'),
      key: 'no-optout',
      body: '{creditor}: {balance}. {disclosure}',
    }
    expect(activationFailures(t)[0]?.reasons.map((r) => r.ruleId)).toEqual([
      'us.reg-f.electronic-opt-out-notice',
    ])
  })

  it('without the licence line in California', () => {
    const t: MessageTemplate = { ...builtin('de'), key: 'no-licence', body: '{disclosure} {optOut}' }
    expect(activationFailures(t).map((f) => f.situation)).toEqual(['California with a licence number'])
  })

  it('that threatens suit, unless declared legal (then checked at render time)', () => {
    const body = '{disclosure} {licenceLine} We will take legal action. {optOut}'
    const t: MessageTemplate = { ...builtin('en'), key: 'threat', body }
    expect(activationFailures(t).map((f) => f.situation)).toEqual([
      'during the validation period',
      'on a time-barred debt',
    ])
    const legal = { ...t, mentionsLegalAction: true }
    expect(activationFailures(legal)).toEqual([])
    const barred = renderMessage(legal, facts, { ...context, timeBarred: true })
    expect(barred.check.reasons.map((r) => r.ruleId)).toEqual(['us.reg-f.time-barred-threat'])
  })

  it('in Hindi and Arabic too: legal words are found in the script', () => {
    const hi: MessageTemplate = {
      ...builtin('hi'),
      key: 'threat-hi',
      body: '{disclosure} {licenceLine} हम कानूनी कार्रवाई करेंगे। {optOut}',
    }
    const ar: MessageTemplate = {
      ...builtin('ar'),
      key: 'threat-ar',
      body: '{disclosure} {licenceLine} سنرفع دعوى. {optOut}',
    }
    expect(activationFailures(hi)).toHaveLength(2)
    expect(activationFailures(ar)).toHaveLength(2)
  })
})

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
}
