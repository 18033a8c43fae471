import type { LocalDate } from '../../core/calendar/local-date.ts'
import { kid, kids, text, type XmlNode } from './camt-tree.ts'
import type { CamtEntry, CamtIssue, CamtReferences, CamtTransaction, EntryStatus } from './camt-types.ts'
import { type CamtAmount, readAmount, readDate, showAmount } from './read-camt-amount.ts'
import { isValidBelgianReference, readRemittance } from './read-camt-remittance.ts'

/** What an entry needs from its statement block. */
export interface StatementContext {
  /** `Stmt[1]` or `Ntfctn[2]`. */
  path: string
  accountCurrency?: string
  /** The block's (else the message's) creation date: the posting date of last resort. */
  fallbackDate?: LocalDate
}

/** An entry as read, before identities are given (camt-identity.ts does that for the whole file). */
export type EntryDraft = Omit<CamtEntry, 'entryKey' | 'transactions'> & {
  /** True when the transactions come from TxDtls; false when the entry stands for itself. */
  fromDetails: boolean
  transactions: Omit<CamtTransaction, 'bankTransactionId' | 'identity'>[]
}

const STATUSES = new Set(['BOOK', 'PDNG', 'INFO', 'FUTR'])
// Placeholders banks and converters write when there is no reference: none of them identifies anything.
const NO_REFERENCE = new Set(['NOTPROVIDED', 'NONREF', 'NOREF', 'NONE', 'NOTAVAILABLE', 'N/A'])

/** A reference, or undefined for a placeholder such as NOTPROVIDED or NONREF. */
export function realReference(value: string | undefined): string | undefined {
  return value === undefined || NO_REFERENCE.has(value.toUpperCase()) ? undefined : value
}

/**
 * Reads one Ntry. Never throws: a problem that makes the entry unusable goes to `rejected`, details
 * that disagree with the entry (amounts that do not add up, another currency without exchange
 * details, a batch without its transactions) go to `review` and the entry is then booked as one
 * transaction at its own amount.
 */
export function readEntry(ntry: XmlNode, position: number, statement: StatementContext): EntryDraft {
  const path = `${statement.path}/Ntry[${position}]`
  const rejected: CamtIssue[] = []
  const review: CamtIssue[] = []
  const notes: CamtIssue[] = []
  const issue = (list: CamtIssue[], field: string, message: string) =>
    void list.push({ entry: path, field: field.startsWith(path) ? field : `${path}/${field}`, message })

  const read = readAmount(kid(ntry, 'Amt'))
  const amount = read.ok ? read.value : undefined
  if (!read.ok) issue(rejected, 'Amt', read.reason)
  if (amount && statement.accountCurrency && amount.currency !== statement.accountCurrency) {
    issue(
      review,
      'Amt',
      `the entry is in ${amount.currency} but the account is in ${statement.accountCurrency}`,
    )
  }
  const cd = text(ntry, 'CdtDbtInd')
  if (cd !== 'CRDT' && cd !== 'DBIT') issue(rejected, 'CdtDbtInd', `"${cd ?? ''}" is not CRDT or DBIT`)
  const creditDebit = cd === 'DBIT' ? 'DBIT' : 'CRDT'
  // Up to 001.06 the status is a bare code (<Sts>BOOK</Sts>); later versions wrap it (<Sts><Cd>BOOK</Cd>).
  const status = text(ntry, 'Sts', 'Cd') ?? text(ntry, 'Sts', 'Prtry') ?? text(ntry, 'Sts') ?? ''
  if (!STATUSES.has(status)) issue(rejected, 'Sts', `status "${status}" is not BOOK, PDNG, INFO or FUTR`)
  const dates: Partial<Record<'bookingDate' | 'valueDate', LocalDate>> = {}
  for (const [key, name] of [
    ['bookingDate', 'BookgDt'],
    ['valueDate', 'ValDt'],
  ] as const) {
    const date = readDate(kid(ntry, name))
    if (date?.ok) dates[key] = date.value
    else if (date) issue(rejected, name, date.reason)
  }
  let date = dates.bookingDate ?? dates.valueDate
  if (!date && !kid(ntry, 'BookgDt') && !kid(ntry, 'ValDt')) {
    // camt.054 notifications often carry neither: the notification's own date is when the bank booked it.
    date = statement.fallbackDate
    if (date) issue(notes, 'BookgDt', `no booking or value date: posted on the statement's date ${date}`)
    else issue(rejected, 'BookgDt', 'no booking date, value date or statement date to post it on')
  }

  const entryCode = transactionCode(kid(ntry, 'BkTxCd'))
  const additionalInfo =
    kids(ntry, 'AddtlNtryInf')
      .flatMap((n) => text(n) ?? [])
      .join(' ') || undefined
  let batchCount: number | undefined
  const details: { tx: XmlNode; at: string }[] = []
  kids(ntry, 'NtryDtls').forEach((d, i) => {
    const txs = kids(d, 'TxDtls')
    const declared = Number(text(d, 'Btch', 'NbOfTxs') ?? Number.NaN)
    if (Number.isInteger(declared)) {
      batchCount = (batchCount ?? 0) + declared
      if (txs.length > 0 && txs.length !== declared) {
        issue(
          review,
          `NtryDtls[${i + 1}]/Btch/NbOfTxs`,
          `the batch declares ${declared} transactions but ${txs.length} are detailed`,
        )
      }
    }
    txs.forEach((tx, j) => void details.push({ tx, at: `${path}/NtryDtls[${i + 1}]/TxDtls[${j + 1}]` }))
  })
  const context = {
    single: details.length <= 1,
    amount,
    creditDebit,
    entryCode,
    review: (f: string, m: string) => issue(review, f, m),
    notes: (f: string, m: string) => issue(notes, f, m),
  } as const
  let transactions = details.map(({ tx, at }, i) => readTransaction(tx, at, i + 1, context))
  if (amount && details.length > 0 && transactions.every((t) => t.amountMinor !== undefined)) {
    const sum = transactions.reduce(
      (s, t) => s + (t.creditDebit === creditDebit ? 1 : -1) * (t.amountMinor ?? 0),
      0,
    )
    if (sum !== amount.minor) {
      issue(
        review,
        'Amt',
        `its transactions add up to ${showAmount({ minor: sum, currency: amount.currency })}, the entry is ${showAmount(amount)}`,
      )
    }
  }
  if (details.length === 0 && (batchCount ?? 0) > 1) {
    issue(
      review,
      'NtryDtls',
      `a batch of ${batchCount} transactions booked without their details (a camt.054 may list them)`,
    )
  }
  const whole = details.length === 0 || review.length > 0
  if (whole) transactions = [wholeEntry(path, amount, creditDebit, entryCode, additionalInfo, transactions)]
  const entryRef = text(ntry, 'NtryRef')
  const accountServicerRef = realReference(text(ntry, 'AcctSvcrRef'))
  // The bank's reference is unique; an entry number (NtryRef) often just repeats the position.
  const reference = accountServicerRef ?? entryRef
  return {
    position,
    path,
    ...(reference ? { reference } : {}),
    ...(entryRef ? { entryRef } : {}),
    ...(accountServicerRef ? { accountServicerRef } : {}),
    amountMinor: amount?.minor ?? 0,
    currency: amount?.currency ?? '',
    creditDebit,
    reversal: text(ntry, 'RvslInd') === 'true' || text(ntry, 'RvslInd') === '1',
    status: (STATUSES.has(status) ? status : 'INFO') as EntryStatus,
    ...dates,
    ...(date ? { date } : {}),
    ...(batchCount !== undefined ? { batchCount } : {}),
    ...(entryCode ? { bankTransactionCode: entryCode } : {}),
    ...(additionalInfo ? { additionalInfo } : {}),
    fromDetails: !whole,
    transactions: transactions.map(({ amountMinor, ...t }) => ({ ...t, amountMinor: amountMinor ?? 0 })),
    rejected,
    review,
    notes,
  }
}

type TransactionDraft = Omit<CamtTransaction, 'bankTransactionId' | 'identity' | 'amountMinor'> & {
  amountMinor: number | undefined
}

interface EntryContext {
  single: boolean
  amount: CamtAmount | undefined
  creditDebit: 'CRDT' | 'DBIT'
  entryCode: string | undefined
  review(field: string, message: string): void
  notes(field: string, message: string): void
}

function readTransaction(tx: XmlNode, at: string, position: number, entry: EntryContext): TransactionDraft {
  const refs = kid(tx, 'Refs')
  const references: CamtReferences = {}
  const set = (key: keyof CamtReferences, value: string | undefined) => {
    const real = realReference(value)
    if (real) references[key] = real
  }
  set('accountServicer', text(refs, 'AcctSvcrRef'))
  set('endToEndId', text(refs, 'EndToEndId'))
  set('txId', text(refs, 'TxId'))
  set('instructionId', text(refs, 'InstrId'))
  set('mandateId', text(refs, 'MndtId'))
  set('paymentInformationId', text(refs, 'PmtInfId'))
  const prtry = kid(refs, 'Prtry')
  if (text(prtry, 'Ref'))
    set('proprietary', [text(prtry, 'Tp'), text(prtry, 'Ref')].filter(Boolean).join(': '))

  const cd = text(tx, 'CdtDbtInd')
  const creditDebit = cd === 'CRDT' || cd === 'DBIT' ? cd : entry.creditDebit
  const amountMinor = transactionAmount(tx, at, entry)
  const party = kid(tx, 'RltdPties')
  const remittance = readRemittance(kid(tx, 'RmtInf'))
  for (const s of remittance.structured) {
    if (s.scheme === 'BE' && !isValidBelgianReference(s.normalized)) {
      entry.notes(`${at}/RmtInf`, `Belgian structured reference ${s.ref} fails its mod-97 check`)
    }
  }
  const { documents, ...rest } = remittance
  const code = transactionCode(kid(tx, 'BkTxCd')) ?? entry.entryCode
  // 001.02-.07 name the debtor in Dbtr/Nm; 001.08 moved it to Dbtr/Pty/Nm.
  const debtorName = text(party, 'Dbtr', 'Nm') ?? text(party, 'Dbtr', 'Pty', 'Nm')
  const debtorIban = text(party, 'DbtrAcct', 'Id', 'IBAN')
  const returnReason = text(tx, 'RtrInf', 'Rsn', 'Cd') ?? text(tx, 'RtrInf', 'Rsn', 'Prtry')
  return {
    position,
    path: at,
    references,
    ...(references.endToEndId ? { endToEndId: references.endToEndId } : {}),
    amountMinor,
    currency: entry.amount?.currency ?? '',
    creditDebit,
    // Referred document numbers (invoice numbers) are matched like remittance text.
    remittance: { ...rest, unstructured: [...rest.unstructured, ...documents] },
    ...(debtorName ? { debtorName } : {}),
    ...(debtorIban ? { debtorIban } : {}),
    ...(returnReason ? { returnReason } : {}),
    ...(code ? { bankTransactionCode: code } : {}),
  }
}

// The transaction's amount in the entry's currency: TxDtls/Amt (001.03 on), else AmtDtls TxAmt,
// CntrValAmt or InstdAmt (001.02 has only these). A lone transaction may take the entry's amount.
function transactionAmount(tx: XmlNode, at: string, entry: EntryContext): number | undefined {
  const candidates: [string, XmlNode | undefined][] = [
    ['Amt', kid(tx, 'Amt')],
    ['AmtDtls/TxAmt/Amt', kid(tx, 'AmtDtls', 'TxAmt', 'Amt')],
    ['AmtDtls/CntrValAmt/Amt', kid(tx, 'AmtDtls', 'CntrValAmt', 'Amt')],
    ['AmtDtls/InstdAmt/Amt', kid(tx, 'AmtDtls', 'InstdAmt', 'Amt')],
  ]
  const present = candidates.filter(([, node]) => node !== undefined)
  const currency = entry.amount?.currency
  const foreign: string[] = []
  for (const [field, node] of present) {
    const read = readAmount(node)
    if (!read.ok) {
      entry.review(`${at}/${field}`, read.reason)
      return undefined
    }
    if (read.value.currency === currency) return read.value.minor
    foreign.push(showAmount(read.value))
  }
  if (entry.single && entry.amount) {
    const exchanged = ['TxAmt', 'CntrValAmt', 'InstdAmt'].some((k) => kid(tx, 'AmtDtls', k, 'CcyXchg'))
    if (foreign.length > 0 && !exchanged) {
      entry.review(
        `${at}/${present[0]?.[0] ?? 'Amt'}`,
        `the transaction is ${foreign[0]} and no exchange details give its value in ${currency}`,
      )
    }
    return entry.amount.minor
  }
  if (foreign.length > 0) {
    entry.review(
      `${at}/${present[0]?.[0] ?? 'Amt'}`,
      `the transaction is ${foreign[0]} and has no amount in the entry's ${currency}`,
    )
  } else entry.review(`${at}/Amt`, 'the amount is missing in a batch transaction')
  return undefined
}

// A batch whose details cannot be trusted, or an entry without details, is booked as one transaction.
function wholeEntry(
  path: string,
  amount: CamtAmount | undefined,
  creditDebit: 'CRDT' | 'DBIT',
  code: string | undefined,
  additionalInfo: string | undefined,
  details: TransactionDraft[],
): TransactionDraft {
  const names = new Set(details.flatMap((t) => t.debtorName ?? []))
  const ibans = new Set(details.flatMap((t) => t.debtorIban ?? []))
  const structured = details.flatMap((t) => t.remittance.structured)
  const rf = structured.find((s) => s.scheme === 'RF') ?? structured[0]
  const returnReason = details.find((t) => t.returnReason)?.returnReason
  const references = details.length === 1 && details[0] ? details[0].references : {}
  const [name] = names
  const [iban] = ibans
  return {
    position: 1,
    path,
    references,
    ...(references.endToEndId ? { endToEndId: references.endToEndId } : {}),
    amountMinor: amount?.minor ?? 0,
    currency: amount?.currency ?? '',
    creditDebit,
    remittance: {
      ...(rf ? { structuredReference: rf.ref } : {}),
      structured,
      unstructured: [
        ...details.flatMap((t) => t.remittance.unstructured),
        ...(details.length === 0 && additionalInfo ? [additionalInfo] : []),
      ],
    },
    ...(names.size === 1 && name ? { debtorName: name } : {}),
    ...(ibans.size === 1 && iban ? { debtorIban: iban } : {}),
    ...(returnReason ? { returnReason } : {}),
    ...(code ? { bankTransactionCode: code } : {}),
  }
}

/** `PMNT/RCDT/ESCT` from the ISO domain code, else the proprietary code (`NTRF+166+00900`). */
function transactionCode(bkTxCd: XmlNode | undefined): string | undefined {
  const domain = text(bkTxCd, 'Domn', 'Cd')
  if (domain) {
    return [domain, text(bkTxCd, 'Domn', 'Fmly', 'Cd'), text(bkTxCd, 'Domn', 'Fmly', 'SubFmlyCd')]
      .filter(Boolean)
      .join('/')
  }
  return text(bkTxCd, 'Prtry', 'Cd')
}
