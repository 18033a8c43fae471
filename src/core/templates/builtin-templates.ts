import type { MessageTemplate } from './message-template.ts'

/**
 * The templates Recoup ships: a payment reminder by email (friendly and firm) and by SMS (friendly) in
 * every supported language. The emails carry `{portalLine}`: the debtor portal link in the message's
 * language, blank where the message has no link. Version 1 of each; a tenant's own template of the same key, channel, tone
 * and locale with a higher version replaces it once it passes the content checks.
 */
export const BUILTIN_TEMPLATES: readonly MessageTemplate[] = [
  // English
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'friendly',
    locale: 'en',
    subject: 'A reminder about your account {account}',
    body: `Dear {name},

This is a friendly reminder that {balance} is outstanding on your account {account} with {creditor}, due on {dueDate} ({daysPastDue, plural, =0 {due today} one {# day ago} other {# days ago}}).

If you have already paid, thank you, and please disregard this message. If you would like to talk about a payment plan, just reply to this email.

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'firm',
    locale: 'en',
    subject: 'Account {account}: {balance} is overdue',
    body: `Dear {name},

Our records show that {balance} on your account {account} with {creditor} has been overdue since {dueDate} ({daysPastDue, plural, one {# day} other {# days}}). {accountCount, plural, =1 {} other {You have # accounts with us that are overdue.}}

Please pay the balance or contact us to agree a payment arrangement.

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'sms',
    tone: 'friendly',
    locale: 'en',
    body: '{creditor}: {balance} is due on account {account}. {disclosure} {licenceLine} {optOut}',
  },
  // Spanish
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'friendly',
    locale: 'es',
    subject: 'Recordatorio sobre su cuenta {account}',
    body: `Estimado/a {name}:

Le recordamos que tiene un saldo pendiente de {balance} en su cuenta {account} con {creditor}, con vencimiento el {dueDate} ({daysPastDue, plural, =0 {vence hoy} one {hace # día} other {hace # días}}).

Si ya ha pagado, gracias; puede ignorar este mensaje. Si desea hablar de un plan de pagos, responda a este correo.

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'firm',
    locale: 'es',
    subject: 'Cuenta {account}: {balance} vencido',
    body: `Estimado/a {name}:

Según nuestros registros, el saldo de {balance} de su cuenta {account} con {creditor} está vencido desde el {dueDate} ({daysPastDue, plural, one {# día} other {# días}}).

Le rogamos que pague el saldo o se ponga en contacto con nosotros para acordar un plan de pagos.

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'sms',
    tone: 'friendly',
    locale: 'es',
    body: '{creditor}: {balance} pendiente en la cuenta {account}. {disclosure} {licenceLine} {optOut}',
  },
  // Hindi
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'friendly',
    locale: 'hi',
    subject: 'आपके खाते {account} के बारे में अनुस्मारक',
    body: `प्रिय {name},

यह एक अनुस्मारक है कि {creditor} के साथ आपके खाते {account} पर {balance} बकाया है, जिसकी देय तिथि {dueDate} थी ({daysPastDue, plural, =0 {आज देय} one {# दिन पहले} other {# दिन पहले}})।

यदि आप भुगतान कर चुके हैं, तो धन्यवाद, कृपया इस संदेश को अनदेखा करें। किस्तों में भुगतान के बारे में बात करने के लिए इस ईमेल का उत्तर दें।

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'firm',
    locale: 'hi',
    subject: 'खाता {account}: {balance} अतिदेय',
    body: `प्रिय {name},

हमारे रिकॉर्ड के अनुसार {creditor} के साथ आपके खाते {account} पर {balance} की राशि {dueDate} से अतिदेय है ({daysPastDue, plural, one {# दिन} other {# दिन}})।

कृपया शेष राशि का भुगतान करें या भुगतान व्यवस्था तय करने के लिए हमसे संपर्क करें।

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'sms',
    tone: 'friendly',
    locale: 'hi',
    body: '{creditor}: खाते {account} पर {balance} बकाया है। {disclosure} {licenceLine} {optOut}',
  },
  // Arabic
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'friendly',
    locale: 'ar',
    subject: 'تذكير بشأن حسابك {account}',
    body: `عزيزي {name}،

نذكّرك بأن مبلغ {balance} مستحق على حسابك {account} لدى {creditor}، وكان تاريخ الاستحقاق {dueDate} ({daysPastDue, plural, zero {مستحق اليوم} one {منذ يوم واحد} two {منذ يومين} few {منذ # أيام} many {منذ # يومًا} other {منذ # يوم}}).

إذا كنت قد دفعت بالفعل، فشكرًا لك ويرجى تجاهل هذه الرسالة. إذا رغبت في مناقشة خطة سداد، يرجى الرد على هذا البريد.

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'firm',
    locale: 'ar',
    subject: 'الحساب {account}: مبلغ {balance} متأخر',
    body: `عزيزي {name}،

تُظهر سجلاتنا أن مبلغ {balance} على حسابك {account} لدى {creditor} متأخر منذ {dueDate} ({daysPastDue, plural, zero {اليوم} one {يوم واحد} two {يومان} few {# أيام} many {# يومًا} other {# يوم}}).

يرجى سداد الرصيد أو التواصل معنا للاتفاق على ترتيب للسداد.

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'sms',
    tone: 'friendly',
    locale: 'ar',
    body: '{creditor}: مبلغ {balance} مستحق على الحساب {account}. {disclosure} {licenceLine} {optOut}',
  },
  // French
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'friendly',
    locale: 'fr',
    subject: 'Rappel concernant votre compte {account}',
    body: `Bonjour {name},

Nous vous rappelons qu’un montant de {balance} reste dû sur votre compte {account} auprès de {creditor}, échu le {dueDate} ({daysPastDue, plural, =0 {échéance aujourd’hui} one {il y a # jour} other {il y a # jours}}).

Si vous avez déjà payé, merci de ne pas tenir compte de ce message. Pour convenir d’un échéancier, répondez simplement à ce courriel.

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'firm',
    locale: 'fr',
    subject: 'Compte {account} : {balance} en retard',
    body: `Bonjour {name},

Selon nos registres, le montant de {balance} sur votre compte {account} auprès de {creditor} est impayé depuis le {dueDate} ({daysPastDue, plural, one {# jour} other {# jours}}).

Merci de régler le solde ou de nous contacter pour convenir d’un échéancier.

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'sms',
    tone: 'friendly',
    locale: 'fr',
    body: '{creditor} : {balance} dû sur le compte {account}. {disclosure} {licenceLine} {optOut}',
  },
  // German
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'friendly',
    locale: 'de',
    subject: 'Erinnerung zu Ihrem Konto {account}',
    body: `Guten Tag {name},

wir möchten Sie freundlich daran erinnern, dass auf Ihrem Konto {account} bei {creditor} ein Betrag von {balance} offen ist, fällig am {dueDate} ({daysPastDue, plural, =0 {heute fällig} one {vor # Tag} other {vor # Tagen}}).

Falls Sie bereits bezahlt haben, betrachten Sie diese Nachricht bitte als gegenstandslos. Für eine Ratenzahlung antworten Sie einfach auf diese E-Mail.

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'email',
    tone: 'firm',
    locale: 'de',
    subject: 'Konto {account}: {balance} überfällig',
    body: `Guten Tag {name},

laut unseren Unterlagen ist der Betrag von {balance} auf Ihrem Konto {account} bei {creditor} seit dem {dueDate} überfällig ({daysPastDue, plural, one {# Tag} other {# Tage}}).

Bitte begleichen Sie den Betrag oder vereinbaren Sie mit uns eine Ratenzahlung.

{portalLine}

{disclosure}

{licenceLine}

{optOut}`,
  },
  {
    key: 'reminder',
    version: 1,
    channel: 'sms',
    tone: 'friendly',
    locale: 'de',
    body: '{creditor}: {balance} offen auf Konto {account}. {disclosure} {licenceLine} {optOut}',
  },
]
