import type { DocumentLocale } from '../documents/document-locale.ts'

/**
 * The sentence that offers the debtor portal in a message, per language; `{url}` stands for the link.
 * Neutral on purpose: no deadline and no demand, so it never overshadows a validation period
 * (12 CFR 1006.38(b)) and passes the content checks wherever it is placed.
 */
export const PORTAL_LINES: Readonly<Record<DocumentLocale, string>> = {
  en: 'You can see your account, pay, set up a payment plan or tell us about a problem online: {url}',
  es: 'Puede ver su cuenta, pagar, acordar un plan de pagos o informarnos de un problema en línea: {url}',
  hi: 'आप ऑनलाइन अपना खाता देख सकते हैं, भुगतान कर सकते हैं, किस्त योजना बना सकते हैं या हमें कोई समस्या बता सकते हैं: {url}',
  ar: 'يمكنك عبر الإنترنت الاطلاع على حسابك أو الدفع أو ترتيب خطة سداد أو إبلاغنا بمشكلة: {url}',
  fr: 'Vous pouvez consulter votre compte, payer, convenir d’un échéancier ou nous signaler un problème en ligne : {url}',
  de: 'Sie können Ihr Konto online einsehen, bezahlen, eine Ratenzahlung vereinbaren oder uns ein Problem melden: {url}',
}
