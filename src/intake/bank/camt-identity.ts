import type { CamtEntry, CamtIssue, CamtTransaction } from './camt-types.ts'
import type { EntryDraft } from './read-camt-entry.ts'

/** Where a statement block's entries sit: what positional identities are built from. */
export interface IdentityScope {
  /** The account's IBAN, else its other id, else "-". */
  account: string
  /** `stmt <Stmt/Id>` or `ntfctn <Ntfctn/Id>`, plus ` page <n>` for pages after the first. */
  block: string | undefined
  /** The XML path of the block's Id, for the problem when it is missing. */
  blockPath: string
}

/**
 * Gives every transaction of a block its identity, the key that makes imports idempotent:
 *
 * - the bank's reference: `<account>|ref <AcctSvcrRef>`, the transaction's own, else the entry's;
 *   `|tx <n>` is added when the reference is shared inside a batch (or is the batch's);
 * - otherwise its place: `<account>|stmt <Id>|entry <n>|tx <n>` (`ntfctn` for camt.054; no `|tx`
 *   for an entry booked as a whole).
 *
 * End-to-end ids, TxIds and proprietary references are the payer's or a clearing system's and repeat
 * (`NOTPROVIDED` in every line of a batch), so they are never identities.
 */
export function assignIdentities(drafts: EntryDraft[], scope: IdentityScope): CamtEntry[] {
  return drafts.map((draft) => {
    const { fromDetails, transactions, ...entry } = draft
    const rejected: CamtIssue[] = [...entry.rejected]
    const positional = (suffix: string) => {
      if (scope.block === undefined) return undefined
      return `${scope.account}|${scope.block}|entry ${entry.position}${suffix}`
    }
    const byRef = (ref: string, suffix = '') => `${scope.account}|ref ${ref}${suffix}`
    const ownRef = transactions.length === 1 ? transactions[0]?.references.accountServicer : undefined
    const entryRef = entry.accountServicerRef ?? (fromDetails ? undefined : ownRef)
    const entryKey = entryRef ? byRef(entryRef) : positional('')
    const shared = new Map<string, number>()
    for (const t of transactions) {
      const base = t.references.accountServicer ?? entry.accountServicerRef
      if (base) shared.set(base, (shared.get(base) ?? 0) + 1)
    }
    const keyed: CamtTransaction[] = transactions.map((t) => {
      if (!fromDetails)
        return { ...t, bankTransactionId: entryKey ?? '', identity: entryRef ? 'bank_reference' : 'position' }
      const own = t.references.accountServicer
      const base = own ?? entry.accountServicerRef
      if (base) {
        const qualify = (shared.get(base) ?? 0) > 1 || (!own && transactions.length > 1)
        return {
          ...t,
          bankTransactionId: byRef(base, qualify ? `|tx ${t.position}` : ''),
          identity: 'bank_reference',
        }
      }
      return { ...t, bankTransactionId: positional(`|tx ${t.position}`) ?? '', identity: 'position' }
    })
    if (keyed.some((t) => t.bankTransactionId === '')) {
      rejected.push({
        entry: entry.path,
        field: scope.blockPath,
        message: 'no bank reference (AcctSvcrRef) and no statement Id to identify it by position',
      })
    }
    return { ...entry, rejected, entryKey: entryKey ?? '', transactions: keyed }
  })
}

/**
 * Rejects a booked entry whose identity an earlier entry of the file already took (the same bank
 * reference twice, or a statement repeated in one file): importing both would post one payment twice.
 */
export function rejectDuplicateIdentities(entries: CamtEntry[]): void {
  const owner = new Map<string, string>()
  for (const entry of entries) {
    if (entry.status !== 'BOOK' || entry.rejected.length > 0) continue
    const clash = entry.transactions.find((t) => owner.has(t.bankTransactionId))
    if (clash) {
      entry.rejected.push({
        entry: entry.path,
        field: clash.references.accountServicer
          ? `${clash.path}/Refs/AcctSvcrRef`
          : entry.accountServicerRef
            ? `${entry.path}/AcctSvcrRef`
            : entry.path,
        message: `duplicate bank transaction id "${clash.bankTransactionId}": already used by ${owner.get(clash.bankTransactionId)}`,
      })
      continue
    }
    for (const t of entry.transactions) owner.set(t.bankTransactionId, entry.path)
  }
}
