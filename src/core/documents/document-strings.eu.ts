import type { DocumentStringKey } from './document-strings.en.ts'

type Texts = Partial<Record<DocumentStringKey, string>>

/** Spanish document texts: the statement, reminder and final notice. */
export const ES: Texts = {
  account: 'Cuenta: {account}',
  date: 'Fecha: {date}',
  page: '{collector} · {account}',
  dear: 'Estimado/a {name}:',
  sincerely: 'Atentamente,',
  colDate: 'Fecha',
  colDescription: 'Concepto',
  colAmount: 'Importe',
  colBalance: 'Saldo',
  kind_charge: 'Cargo',
  kind_payment: 'Pago',
  kind_fee: 'Comisión',
  kind_interest: 'Intereses',
  kind_adjustment: 'Ajuste',
  kind_write_off: 'Cancelación',
  kind_reversal: 'Anulación',
  balanceNow: 'Saldo pendiente',
  statementTitle: 'Estado de cuenta',
  statementIntro:
    'Este estado detalla cada movimiento de su cuenta {account} con {creditor} hasta el {date}.',
  reminderTitle: 'Recordatorio de pago',
  reminderBody:
    'Le recordamos que el importe de {balance} de su cuenta {account} con {creditor} vencía el {dueDate}. Si ya ha pagado, gracias; puede ignorar esta carta.',
  reminderHelp:
    'Si no puede pagar el importe total, póngase en contacto con nosotros: podemos acordar un plan de pagos.',
  finalTitle: 'Último aviso',
  finalBody:
    'A pesar de los recordatorios anteriores, el importe de {balance} de su cuenta {account} con {creditor} sigue impagado desde el {dueDate}.',
  finalPayBy:
    'Le rogamos que pague el saldo antes del {payBy} o que se ponga en contacto con nosotros antes de esa fecha para acordar el pago.',
}

/** French document texts: the statement, reminder and final notice. */
export const FR: Texts = {
  account: 'Compte : {account}',
  date: 'Date : {date}',
  page: '{collector} · {account}',
  dear: 'Madame, Monsieur {name},',
  sincerely: 'Veuillez agréer nos salutations distinguées,',
  colDate: 'Date',
  colDescription: 'Libellé',
  colAmount: 'Montant',
  colBalance: 'Solde',
  kind_charge: 'Facturation',
  kind_payment: 'Paiement',
  kind_fee: 'Frais',
  kind_interest: 'Intérêts',
  kind_adjustment: 'Ajustement',
  kind_write_off: 'Passage en perte',
  kind_reversal: 'Annulation',
  balanceNow: 'Solde dû',
  statementTitle: 'Relevé de compte',
  statementIntro:
    'Ce relevé détaille chaque écriture de votre compte {account} auprès de {creditor} jusqu’au {date}.',
  reminderTitle: 'Rappel de paiement',
  reminderBody:
    'Nous vous rappelons que le montant de {balance} sur votre compte {account} auprès de {creditor} était dû le {dueDate}. Si vous avez déjà payé, merci de ne pas tenir compte de ce courrier.',
  reminderHelp:
    'Si vous ne pouvez pas régler la totalité, contactez-nous : nous pouvons convenir d’un échéancier.',
  finalTitle: 'Dernier avis',
  finalBody:
    'Malgré nos rappels, le montant de {balance} sur votre compte {account} auprès de {creditor} reste impayé depuis le {dueDate}.',
  finalPayBy:
    'Merci de régler le solde avant le {payBy} ou de nous contacter d’ici là pour convenir des modalités de paiement.',
}

/** German document texts: the statement, reminder and final notice. */
export const DE: Texts = {
  account: 'Konto: {account}',
  date: 'Datum: {date}',
  page: '{collector} · {account}',
  dear: 'Guten Tag {name},',
  sincerely: 'Mit freundlichen Grüßen',
  colDate: 'Datum',
  colDescription: 'Buchung',
  colAmount: 'Betrag',
  colBalance: 'Saldo',
  kind_charge: 'Forderung',
  kind_payment: 'Zahlung',
  kind_fee: 'Gebühr',
  kind_interest: 'Zinsen',
  kind_adjustment: 'Korrektur',
  kind_write_off: 'Ausbuchung',
  kind_reversal: 'Storno',
  balanceNow: 'Offener Betrag',
  statementTitle: 'Kontoauszug',
  statementIntro:
    'Dieser Auszug führt jede Buchung Ihres Kontos {account} bei {creditor} bis zum {date} auf.',
  reminderTitle: 'Zahlungserinnerung',
  reminderBody:
    'wir möchten Sie daran erinnern, dass der Betrag von {balance} auf Ihrem Konto {account} bei {creditor} am {dueDate} fällig war. Falls Sie bereits bezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.',
  reminderHelp:
    'Wenn Sie den vollen Betrag nicht zahlen können, sprechen Sie uns an: Wir können eine Ratenzahlung vereinbaren.',
  finalTitle: 'Letzte Mahnung',
  finalBody:
    'trotz unserer Erinnerungen ist der Betrag von {balance} auf Ihrem Konto {account} bei {creditor} seit dem {dueDate} unbezahlt.',
  finalPayBy:
    'Bitte begleichen Sie den Betrag bis zum {payBy} oder vereinbaren Sie mit uns bis dahin, wie er gezahlt wird.',
}
