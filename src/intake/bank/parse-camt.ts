import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { type LocalDate, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { isCurrencyCode } from '../../core/money/currencies.ts'
import { parseAmount } from '../../core/money/money.ts'

/** BOOK is final; PDNG, INFO and FUTR may still change or vanish, so only BOOK entries are postable. */
export type EntryStatus = 'BOOK' | 'PDNG' | 'INFO' | 'FUTR'

/** One payment inside an entry: a TxDtls, or the entry itself when the bank sent no details. */
export interface CamtTransaction {
  bankTransactionId: string
  endToEndId?: string
  amountMinor: number
  currency: string
  remittance: { structuredReference?: string; unstructured: string[] }
  debtorName?: string
  debtorIban?: string
  returnReason?: string
}

/** One booking line (Ntry) on the account; a batch entry carries several transactions. */
export interface CamtEntry {
  entryRef?: string
  amountMinor: number
  currency: string
  creditDebit: 'CRDT' | 'DBIT'
  reversal: boolean
  status: EntryStatus
  bookingDate?: LocalDate
  valueDate?: LocalDate
  transactions: CamtTransaction[]
}

/** A Stmt (camt.053) or Ntfctn (camt.054) block: the entries of one account. */
export interface CamtAccountStatement {
  id: string
  iban?: string
  otherAccountId?: string
  currency?: string
  createdAt?: string
  entries: CamtEntry[]
}

/** A whole bank-to-customer file; a file may hold several accounts' statements. */
export interface CamtStatement {
  fileName: string
  message: 'camt.053' | 'camt.054'
  version: number
  messageId: string
  createdAt: string
  statements: CamtAccountStatement[]
}

/** A problem found in the file, with the XML path where it sits (`Stmt[0]/Ntry[3]/Amt`). */
export interface CamtProblem {
  path: string
  message: string
}

type Node = { [key: string]: unknown }
const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.(053|054)\.001\.(0[2-8])$/
const BLOCKS = { '053': ['BkToCstmrStmt', 'Stmt'], '054': ['BkToCstmrDbtCdtNtfctn', 'Ntfctn'] } as const
const STATUSES = new Set(['BOOK', 'PDNG', 'INFO', 'FUTR'])
// Every element becomes an array and every text a '#text' string, so one walker reads all versions.
const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  alwaysCreateTextNode: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_tag, _path, _leaf, isAttribute) => !isAttribute,
})

const kids = (node: Node | undefined, name: string) => (node?.[name] as Node[] | undefined) ?? []
const kid = (node: Node | undefined, ...names: string[]) =>
  names.reduce<Node | undefined>((n, name) => kids(n, name)[0], node)
const text = (node: Node | undefined, ...names: string[]) => {
  const value = kid(node, ...names)?.['#text']
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * Parses an ISO 20022 camt.053 or camt.054 (versions 001.02 to 001.08) file into integer-minor-unit
 * entries. Any problem throws one AppError('invalid_bank_statement') listing all of them with their
 * XML paths; a file is never returned half-read, so nothing can be half-posted.
 */
export function parseCamtStatement(xml: string, fileName: string): CamtStatement {
  const source = xml.replace(/^\uFEFF/, '')
  const fail = (message: string, details: object): never => {
    throw new AppError('invalid_bank_statement', `${fileName}: ${message}`, { fileName, ...details })
  }
  // ISO 20022 messages never need a DTD; refusing one rules out entity-expansion tricks.
  if (/<!DOCTYPE/i.test(source)) fail('a DOCTYPE is not allowed in a bank statement', {})
  const valid = XMLValidator.validate(source)
  if (valid !== true) {
    const { msg, line, col } = valid.err
    fail(`malformed XML${line ? ` at line ${line}${col ? `, column ${col}` : ''}` : ''}: ${msg}`, {
      line,
      column: col,
    })
  }
  const tree = parser.parse(source) as Node
  const roots = Object.keys(tree)
  const rootName = roots[0] ?? ''
  const prefix = rootName.includes(':') ? rootName.slice(0, rootName.indexOf(':')) : ''
  const root = stripPrefix(kids(tree, rootName)[0], prefix)
  const namespace = root?.[prefix ? `@_xmlns:${prefix}` : '@_xmlns']
  const match = NAMESPACE.exec(typeof namespace === 'string' ? namespace : '')
  if (roots.length !== 1 || rootName.replace(/^.*:/, '') !== 'Document' || !match) {
    const found = typeof namespace === 'string' ? `namespace "${namespace}"` : 'no namespace'
    fail(`not a camt.053 or camt.054 (001.02-001.08) document: found <${rootName}> with ${found}`, {
      namespace,
    })
  }
  const [, kind = '053', version = '0'] = match ?? []
  const [messageName, blockName] = BLOCKS[kind as keyof typeof BLOCKS]
  const message = kid(root, messageName)
  const problems: CamtProblem[] = []
  const report: Report = (path, message) => void problems.push({ path, message })
  const statements = kids(message, blockName).map((block, i) =>
    readStatement(block, `${blockName}[${i}]`, report),
  )
  if (statements.length === 0) report(messageName, `no ${blockName}`)
  checkDuplicateIds(statements, blockName, report)
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`)
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''
    fail(`${problems.length} problem(s), nothing imported: ${shown.join('; ')}${more}`, { problems })
  }
  return {
    fileName,
    message: `camt.${kind}` as CamtStatement['message'],
    version: Number(version),
    messageId: text(message, 'GrpHdr', 'MsgId') ?? '',
    createdAt: text(message, 'GrpHdr', 'CreDtTm') ?? '',
    statements,
  }
}

/** True when an entry may be posted: booked (pending entries can still change or vanish). */
export function isPostableEntry(entry: CamtEntry): boolean {
  return entry.status === 'BOOK'
}

// Prefixed documents (<camt:Document>) are rare but valid; dropping the prefix lets one walker read both.
function stripPrefix(node: Node | undefined, prefix: string): Node | undefined {
  if (!prefix || !node) return node
  const out: Node = {}
  for (const [key, value] of Object.entries(node)) {
    const name = key.startsWith(`${prefix}:`) ? key.slice(prefix.length + 1) : key
    out[name] = Array.isArray(value) ? value.map((v) => stripPrefix(v as Node, prefix)) : value
  }
  return out
}

// Returns undefined so a reader can `return report(...)` in place of its missing value.
type Report = (path: string, message: string) => undefined

function readStatement(block: Node, path: string, report: Report): CamtAccountStatement {
  const currency = text(block, 'Acct', 'Ccy')
  if (currency !== undefined && !isCurrencyCode(currency)) {
    report(`${path}/Acct/Ccy`, `"${currency}" is not an ISO 4217 currency code`)
  }
  const id = text(block, 'Id')
  if (id === undefined) report(`${path}/Id`, 'statement id is missing')
  return {
    id: id ?? '',
    iban: text(block, 'Acct', 'Id', 'IBAN'),
    otherAccountId: text(block, 'Acct', 'Id', 'Othr', 'Id'),
    currency,
    createdAt: text(block, 'CreDtTm'),
    entries: kids(block, 'Ntry').map((ntry, i) => readEntry(ntry, `${path}/Ntry[${i}]`, currency, report)),
  }
}

function readEntry(ntry: Node, path: string, accountCcy: string | undefined, report: Report): CamtEntry {
  const amount = readAmount(kid(ntry, 'Amt'), `${path}/Amt`, accountCcy, 'account', report)
  const creditDebit = text(ntry, 'CdtDbtInd')
  if (creditDebit !== 'CRDT' && creditDebit !== 'DBIT') report(`${path}/CdtDbtInd`, 'must be CRDT or DBIT')
  // 001.02-.05 write <Sts>BOOK</Sts>; 001.06+ wrap the code: <Sts><Cd>BOOK</Cd></Sts>.
  const status = text(ntry, 'Sts', 'Cd') ?? text(ntry, 'Sts') ?? ''
  if (!STATUSES.has(status)) report(`${path}/Sts`, `status "${status}" is not BOOK, PDNG, INFO or FUTR`)
  const details = kids(ntry, 'NtryDtls').flatMap((d, i) =>
    kids(d, 'TxDtls').map((tx, j) => ({ tx, at: `${path}/NtryDtls[${i}]/TxDtls[${j}]` })),
  )
  // An entry without TxDtls is its own single transaction (fees, simple bookings).
  const parts = details.length > 0 ? details : [{ tx: undefined, at: path }]
  const context = { ntry, single: parts.length === 1, amount, creditDebit, report }
  const read = parts.map(({ tx, at }) => readTransaction(tx, at, context))
  if (amount && details.length > 0 && read.every((t) => t.signed !== undefined)) {
    const sum = read.reduce((total, t) => total + (t.signed ?? 0), 0)
    if (sum !== amount.minor) {
      report(`${path}/Amt`, `entry amount ${amount.minor} differs from its transactions' sum ${sum}`)
    }
  }
  return {
    entryRef: text(ntry, 'NtryRef'),
    amountMinor: amount?.minor ?? 0,
    currency: amount?.currency ?? '',
    creditDebit: creditDebit === 'DBIT' ? 'DBIT' : 'CRDT',
    reversal: text(ntry, 'RvslInd') === 'true' || text(ntry, 'RvslInd') === '1',
    status: status as EntryStatus,
    bookingDate: readDate(kid(ntry, 'BookgDt'), `${path}/BookgDt`, report),
    valueDate: readDate(kid(ntry, 'ValDt'), `${path}/ValDt`, report),
    transactions: read.map((t) => t.transaction),
  }
}

/** What a transaction needs from its entry. */
interface EntryContext {
  ntry: Node
  single: boolean
  amount: Amount | undefined
  creditDebit: string | undefined
  report: Report
}

function readTransaction(tx: Node | undefined, at: string, entry: EntryContext) {
  const { ntry, single, amount: entryAmount, creditDebit, report } = entry
  const refs = kid(tx, 'Refs')
  // NOTPROVIDED is the scheme's placeholder for "the payer gave none": not an id.
  const endToEndId = text(refs, 'EndToEndId') === 'NOTPROVIDED' ? undefined : text(refs, 'EndToEndId')
  // The bank's own reference is unique per booking; TxId and EndToEndId come from the payer's side and
  // may repeat. The entry's reference names the whole entry, so it stands for a lone transaction only.
  const id =
    text(refs, 'AcctSvcrRef') ??
    (single ? text(ntry, 'AcctSvcrRef') : undefined) ??
    text(refs, 'TxId') ??
    endToEndId
  if (id === undefined) report(at, 'no AcctSvcrRef, TxId or EndToEndId to identify it')
  // 001.02 may give the amount only in AmtDtls/TxAmt; a lone transaction may omit it altogether.
  const amtNode = kid(tx, 'Amt') ?? kid(tx, 'AmtDtls', 'TxAmt', 'Amt')
  if (!amtNode && !single) report(`${at}/Amt`, 'amount is missing in a batch entry')
  const own = amtNode ? readAmount(amtNode, `${at}/Amt`, entryAmount?.currency, 'entry', report) : entryAmount
  const sign = text(tx, 'CdtDbtInd') && text(tx, 'CdtDbtInd') !== creditDebit ? -1 : 1
  const party = kid(tx, 'RltdPties')
  return {
    signed: own ? sign * own.minor : undefined,
    transaction: {
      bankTransactionId: id ?? '',
      endToEndId,
      amountMinor: own?.minor ?? 0,
      currency: own?.currency ?? '',
      remittance: {
        structuredReference: text(tx, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref'),
        unstructured: kids(kid(tx, 'RmtInf'), 'Ustrd').flatMap((u) => text(u) ?? []),
      },
      // 001.02-.07 name the debtor in Dbtr/Nm; 001.08 moved it to Dbtr/Pty/Nm.
      debtorName: text(party, 'Dbtr', 'Nm') ?? text(party, 'Dbtr', 'Pty', 'Nm'),
      debtorIban: text(party, 'DbtrAcct', 'Id', 'IBAN'),
      returnReason: text(tx, 'RtrInf', 'Rsn', 'Cd'),
    },
  }
}

type Amount = { minor: number; currency: string }

function readAmount(
  node: Node | undefined,
  at: string,
  expected: string | undefined,
  of: string,
  report: Report,
) {
  const value = text(node)
  const currency = node?.['@_Ccy']
  if (value === undefined) return report(at, 'amount is missing')
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
    return report(at, `currency "${String(currency ?? '')}" is not an ISO 4217 code`)
  }
  // XML decimals have no sign (CdtDbtInd carries it) and no thousands separators.
  if (!/^\d+(\.\d+)?$/.test(value)) return report(at, `"${value}" is not an unsigned decimal amount`)
  const parsed = parseAmount(value, currency)
  if (!parsed.ok) return report(at, parsed.reason)
  if (expected !== undefined && currency !== expected) {
    return report(at, `amount is in ${currency} but the ${of} is in ${expected}`)
  }
  return { minor: parsed.minor, currency } satisfies Amount
}

function readDate(node: Node | undefined, at: string, report: Report): LocalDate | undefined {
  const value = text(node, 'Dt') ?? text(node, 'DtTm')?.slice(0, 10)
  if (value === undefined) return undefined
  const parsed = parseLocalDate(value)
  if (!parsed.ok) return report(at, parsed.reason)
  return parsed.date
}

function checkDuplicateIds(statements: CamtAccountStatement[], blockName: string, report: Report) {
  const seen = new Map<string, string[]>()
  statements.forEach((s, i) => {
    s.entries.forEach((e, j) => {
      for (const { bankTransactionId: id } of e.transactions) {
        if (id) seen.set(id, [...(seen.get(id) ?? []), `${blockName}[${i}]/Ntry[${j}]`])
      }
    })
  })
  for (const [id, paths] of seen) {
    if (paths.length > 1)
      report(paths[1] ?? '', `duplicate bank transaction id "${id}" at ${paths.join(', ')}`)
  }
}
