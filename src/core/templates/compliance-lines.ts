import type { DocumentLocale } from '../documents/document-locale.ts'

/**
 * The standard compliance lines in each language: the debt-collector disclosure (12 CFR 1006.18(e)),
 * the opt-out instruction for email and SMS (1006.6(e)) and the California licence line (Civ. Code
 * 1788.11). The renderer fills them in where a rule asks for them; in English the packs' own phrasings
 * check them, in other languages the check looks for these exact lines (docs/documents.md).
 */
export interface ComplianceLines {
  readonly disclosure: string
  readonly optOutEmail: string
  readonly optOutSms: string
  /** `{licence}` stands for the number. */
  readonly licence: string
  /** Words that threaten or announce legal action, matched case-insensitively. */
  readonly legalThreats: readonly string[]
}

export const COMPLIANCE_LINES: Readonly<Record<DocumentLocale, ComplianceLines>> = {
  en: {
    disclosure:
      'This communication is from a debt collector. This is an attempt to collect a debt, and any information obtained will be used for that purpose.',
    optOutEmail: 'To stop receiving emails from us, use the unsubscribe link or reply with the word STOP.',
    optOutSms: 'Reply STOP to opt out.',
    licence: 'California Debt Collection License No. {licence}',
    legalThreats: [
      String.raw`\bsue\b`,
      String.raw`\blaw\s?suit\b`,
      String.raw`\blegal\s+(?:action|proceedings)\b`,
      String.raw`\bcourt\b`,
      String.raw`\bclaim\s+form\b`,
    ],
  },
  es: {
    disclosure:
      'Esta comunicación proviene de un cobrador de deudas. Se trata de un intento de cobrar una deuda y cualquier información obtenida se utilizará para ese fin.',
    optOutEmail:
      'Para dejar de recibir nuestros correos, use el enlace para darse de baja o responda con la palabra STOP.',
    optOutSms: 'Responda STOP para no recibir más mensajes.',
    licence: 'Licencia de Cobro de Deudas de California n.º {licence}',
    legalThreats: [
      String.raw`\bdemanda(?:r)?\b`,
      String.raw`\bacciones?\s+legal(?:es)?\b`,
      String.raw`\btribunal(?:es)?\b`,
    ],
  },
  hi: {
    disclosure:
      'यह संदेश एक ऋण वसूली एजेंट की ओर से है। यह एक ऋण वसूलने का प्रयास है, और प्राप्त कोई भी जानकारी इसी उद्देश्य के लिए उपयोग की जाएगी।',
    optOutEmail: 'हमारे ईमेल बंद करने के लिए अनसब्सक्राइब लिंक का उपयोग करें या STOP लिखकर उत्तर दें।',
    optOutSms: 'संदेश बंद करने के लिए STOP लिखकर भेजें।',
    licence: 'कैलिफ़ोर्निया ऋण वसूली लाइसेंस संख्या {licence}',
    legalThreats: ['कानूनी कार्रवाई', 'अदालत', 'मुकदमा', 'न्यायालय'],
  },
  ar: {
    disclosure:
      'هذه الرسالة من جهة تحصيل ديون. هذه محاولة لتحصيل دين، وستُستخدم أي معلومات يتم الحصول عليها لهذا الغرض.',
    optOutEmail: 'لإيقاف رسائلنا الإلكترونية، استخدم رابط إلغاء الاشتراك أو أرسل كلمة STOP.',
    optOutSms: 'أرسل STOP لإيقاف الرسائل.',
    licence: 'رقم ترخيص تحصيل الديون في كاليفورنيا {licence}',
    legalThreats: ['إجراء قانوني', 'إجراءات قانونية', 'المحكمة', 'دعوى'],
  },
  fr: {
    disclosure:
      'Cette communication provient d’un agent de recouvrement. Il s’agit d’une tentative de recouvrement d’une dette, et toute information obtenue sera utilisée à cette fin.',
    optOutEmail:
      'Pour ne plus recevoir nos courriels, utilisez le lien de désabonnement ou répondez avec le mot STOP.',
    optOutSms: 'Répondez STOP pour ne plus recevoir de messages.',
    licence: 'Licence de recouvrement de Californie n° {licence}',
    legalThreats: [
      String.raw`\bpoursuites?\b`,
      String.raw`\btribunal\b`,
      String.raw`\baction\s+en\s+justice\b`,
    ],
  },
  de: {
    disclosure:
      'Diese Mitteilung stammt von einem Inkassounternehmen. Es handelt sich um den Versuch, eine Forderung einzuziehen; alle erhaltenen Informationen werden zu diesem Zweck verwendet.',
    optOutEmail:
      'Um keine E-Mails mehr von uns zu erhalten, nutzen Sie den Abmeldelink oder antworten Sie mit dem Wort STOP.',
    optOutSms: 'Antworten Sie STOP, um keine Nachrichten mehr zu erhalten.',
    licence: 'Kalifornische Inkassolizenz Nr. {licence}',
    legalThreats: [
      String.raw`\bklage\b`,
      String.raw`\bgericht(?:lich)?\w*\b`,
      String.raw`\brechtliche\s+schritte\b`,
      String.raw`\bmahnbescheid\b`,
    ],
  },
}
