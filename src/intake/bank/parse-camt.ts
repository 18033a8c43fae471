import { XMLValidator } from 'fast-xml-parser'
import { AppError } from '../../core/errors/index.ts'
import { isCurrencyCode } from '../../core/money/currencies.ts'
import { assignIdentities, rejectDuplicateIdentities } from './camt-identity.ts'
import { kid, kids, parseXmlTree, stripPrefix, text, type XmlNode } from './camt-tree.ts'
import type { CamtAccountStatement, CamtEntry, CamtStatement } from './camt-types.ts'
import { readIsoDate } from './read-camt-amount.ts'
import { readEntry } from './read-camt-entry.ts'

export type * from './camt-types.ts'

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.(053|054)\.001\.(0[2-8])$/
const BLOCKS = {
  '053': ['BkToCstmrStmt', 'Stmt', 'stmt'],
  '054': ['BkToCstmrDbtCdtNtfctn', 'Ntfctn', 'ntfctn'],
} as const

/**
 * Decodes a statement file's bytes: UTF-8 unless the XML declaration names another encoding (some
 * banks still send ISO-8859-1). Binary data is refused here, so its bytes are never echoed.
 */
export function decodeCamtBytes(bytes: Uint8Array, fileName: string): string {
  if (bytes.length === 0) throw new AppError('empty_file', `${fileName}: the file is empty`)
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new AppError('binary_file', `${fileName}: binary data, not an XML bank statement`)
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200))
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]
  const encoding = declared?.toLowerCase() ?? 'utf-8'
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch {
    throw new AppError(
      'invalid_encoding',
      `${fileName}: the bytes are not valid ${declared ?? 'UTF-8'}${declared ? ' (as the XML declaration says)' : ''}`,
    )
  }
}

/**
 * Parses an ISO 20022 camt.053 or camt.054 (versions 001.02 to 001.08) file into integer-minor-unit
 * entries. Only a file that cannot be read as a whole (malformed XML, another message, a DOCTYPE, no
 * statement block) throws, with one `invalid_bank_statement` line naming the file. A problem in one
 * entry stays with that entry (`rejected`, `review`, `notes`, each naming the entry and the field),
 * so the other entries still import.
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
  const tree = parseXmlTree(source)
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
  const [messageName, blockName, label] = BLOCKS[kind as keyof typeof BLOCKS]
  const message = kid(root, messageName)
  const blocks = kids(message, blockName)
  if (blocks.length === 0) fail(`no ${blockName} block in ${messageName}`, {})
  const messageDate = dateOf(text(message, 'GrpHdr', 'CreDtTm'))
  const messagePage = text(message, 'GrpHdr', 'MsgPgntn', 'PgNb')
  const statements = blocks.map((block, i) =>
    readStatement(block, `${blockName}[${i + 1}]`, label, messageDate, messagePage),
  )
  rejectDuplicateIdentities(statements.flatMap((s) => s.entries))
  return {
    fileName,
    message: `camt.${kind}` as CamtStatement['message'],
    version: Number(version),
    messageId: text(message, 'GrpHdr', 'MsgId') ?? '',
    createdAt: text(message, 'GrpHdr', 'CreDtTm') ?? '',
    statements,
  }
}

/** True when an entry may be posted: booked (pending entries can still change or vanish) and readable. */
export function isPostableEntry(entry: CamtEntry): boolean {
  return entry.status === 'BOOK' && entry.rejected.length === 0
}

function dateOf(value: string | undefined) {
  const read = value ? readIsoDate(value) : undefined
  return read?.ok ? read.value : undefined
}

function readStatement(
  block: XmlNode,
  path: string,
  label: string,
  messageDate: string | undefined,
  messagePage: string | undefined,
): CamtAccountStatement {
  const declared = text(block, 'Acct', 'Ccy')
  // An unknown account currency is ignored (entries carry their own); it cannot reject the file.
  const currency = declared !== undefined && isCurrencyCode(declared) ? declared : undefined
  const id = text(block, 'Id')
  const iban = text(block, 'Acct', 'Id', 'IBAN')?.replace(/\s+/g, '').toUpperCase()
  const otherAccountId = text(block, 'Acct', 'Id', 'Othr', 'Id')
  const createdAt = text(block, 'CreDtTm')
  // Pages of one statement share its Id and restart their entries at 1: the page keeps them apart.
  const page = text(block, 'StmtPgntn', 'PgNb') ?? messagePage
  const context = {
    path,
    ...(currency ? { accountCurrency: currency } : {}),
    ...((dateOf(createdAt) ?? messageDate)
      ? { fallbackDate: (dateOf(createdAt) ?? messageDate) as string }
      : {}),
  }
  const drafts = kids(block, 'Ntry').map((ntry, i) => readEntry(ntry, i + 1, context))
  const entries = assignIdentities(drafts, {
    account: iban ?? otherAccountId ?? '-',
    block: id === undefined ? undefined : `${label} ${id}${page && page !== '1' ? ` page ${page}` : ''}`,
    blockPath: `${path}/Id`,
  })
  if (declared !== undefined && currency === undefined) {
    for (const e of entries) {
      e.notes.push({
        entry: e.path,
        field: `${path}/Acct/Ccy`,
        message: `account currency "${declared}" is not ISO 4217; ignored`,
      })
    }
  }
  return {
    id: id ?? '',
    ...(iban ? { iban } : {}),
    ...(otherAccountId ? { otherAccountId } : {}),
    ...(currency ? { currency } : {}),
    ...(createdAt ? { createdAt } : {}),
    entries,
  }
}
