/**
 * Matches an incoming bank credit to one open account, or explains why not. Pure: the caller loads
 * the open accounts, indexes them once per statement and posts what this decides.
 */

/** What the matcher needs from one bank credit (a camt transaction, already in minor units). */
export interface BankCredit {
  amountMinor: number
  currency: string
  structuredReference?: string
  unstructured: readonly string[]
  debtorName?: string
}

/** An open account a credit may pay. */
export interface MatchCandidate {
  accountId: string
  /** Invoice or account number the debtor was told to quote. */
  externalId: string
  debtorName: string
  balanceMinor: number
  currency: string
  /** The RF creditor reference Recoup issued for this account, if any. */
  paymentReference?: string
}

/** The rule that matched, strongest first. */
export type MatchRule = 'structured_reference' | 'invoice_number' | 'name_and_amount'

/** A possible account for an unmatched credit, for a person to confirm. */
export interface MatchSuggestion {
  accountId: string
  score: number
  reason: string
}

/** Either one account, or up to `maxSuggestions` ranked guesses. */
export type MatchResult =
  | { status: 'matched'; accountId: string; rule: MatchRule; confidence: number }
  | { status: 'unmatched'; suggestions: MatchSuggestion[] }

/** Tuning for matching; the defaults suit invoice-style references. */
export interface MatchOptions {
  /** How many suggestions an unmatched credit gets (default 3). */
  maxSuggestions?: number
  /** Shorter invoice numbers are not searched in free text: "12" occurs in every date (default 3). */
  minInvoiceNumberLength?: number
  /** Suggestions scoring below this are noise and dropped (default 0.25). */
  minSuggestionScore?: number
}

const CONFIDENCE: Record<MatchRule, number> = {
  structured_reference: 1,
  invoice_number: 0.9,
  name_and_amount: 0.75,
}
// Postings lists this long are stop words ("ltd", a round 100.00): they cannot single anyone out.
const MAX_POSTINGS = 200
const SUFFIXES =
  'ab ag as asa bv co company corp corporation gmbh inc incorporated kg kft llc llp lp ltd limited'
const LEGAL_SUFFIXES = new Set(`${SUFFIXES} mbh nv oy oyj plc pty sa sarl sas se spa srl sro ug`.split(' '))
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', þ: 'th' }

/** ISO 11649: "RF", two check digits, 1 to 21 letters or digits; spaces and case are ignored. */
export function isValidCreditorReference(text: string): boolean {
  const ref = compact(text)
  return /^RF\d{2}[A-Z0-9]{1,21}$/.test(ref) && mod97(ref.slice(4) + ref.slice(0, 4)) === 1
}

/** The RF creditor reference for `accountKey` (1 to 21 letters or digits, spaces and case ignored). */
export function creditorReferenceFor(accountKey: string): string {
  const key = compact(accountKey)
  if (!/^[A-Z0-9]{1,21}$/.test(key)) throw new RangeError(`"${accountKey}" cannot be an RF reference body`)
  return `RF${String(98 - mod97(`${key}RF00`)).padStart(2, '0')}${key}`
}

/** Candidates pre-indexed once so each credit costs a few map look-ups, not a scan. */
export type CandidateIndex = ReturnType<typeof indexCandidates>

/** Builds the look-up tables for one statement's worth of matching. */
export function indexCandidates(candidates: readonly MatchCandidate[]) {
  const index = {
    byReference: new Map<string, MatchCandidate[]>(),
    byInvoice: new Map<string, MatchCandidate[]>(),
    byNameAmount: new Map<string, MatchCandidate[]>(),
    byNameToken: new Map<string, MatchCandidate[]>(),
    byAmount: new Map<number, MatchCandidate[]>(),
    byFragment: new Map<string, MatchCandidate[]>(),
    maxInvoiceTokens: 1,
  }
  for (const c of candidates) {
    if (c.paymentReference) push(index.byReference, compact(c.paymentReference), c)
    const invoice = tokens(c.externalId)
    index.maxInvoiceTokens = Math.max(index.maxInvoiceTokens, invoice.length)
    if (invoice.length) push(index.byInvoice, invoice.join(' '), c)
    const name = nameKey(c.debtorName)
    if (name) push(index.byNameAmount, `${name}|${c.currency}|${c.balanceMinor}`, c)
    for (const t of new Set(name.split(' '))) if (t) push(index.byNameToken, t, c)
    push(index.byAmount, c.balanceMinor, c)
    for (const f of fragments(`${c.externalId} ${c.paymentReference ?? ''}`)) push(index.byFragment, f, c)
  }
  return index
}

/** Decides which account a credit pays: RF reference, then invoice number in text, then name and amount. */
export function matchBankCredit(
  credit: BankCredit,
  candidates: CandidateIndex | readonly MatchCandidate[],
  options: MatchOptions = {},
): MatchResult {
  const index = Array.isArray(candidates) ? indexCandidates(candidates) : (candidates as CandidateIndex)
  const ref = credit.structuredReference ? compact(credit.structuredReference) : ''
  const byRef = isValidCreditorReference(ref) ? (index.byReference.get(ref) ?? []) : []
  const text = [...credit.unstructured, credit.structuredReference ?? '']
  const byInvoice = findInvoices(text, index, options.minInvoiceNumberLength ?? 3)
  const name = nameKey(credit.debtorName ?? '')
  const byName = (name && index.byNameAmount.get(`${name}|${credit.currency}|${credit.amountMinor}`)) || []
  const rules: [MatchRule, MatchCandidate[]][] = [
    ['structured_reference', byRef],
    ['invoice_number', byInvoice],
    ['name_and_amount', byName],
  ]
  for (const [rule, found] of rules) {
    if (found.length === 0) continue
    const fits = [...new Set(found)].filter((c) => c.currency === credit.currency)
    if (fits.length === 1 && fits[0]) {
      return { status: 'matched', accountId: fits[0].accountId, rule, confidence: CONFIDENCE[rule] }
    }
    // A stronger rule that found a conflict (other currency, two accounts) outranks a weaker rule's
    // answer: when in doubt a person decides, so stop and suggest.
    break
  }
  // Reference evidence per candidate, strongest first; a found reference is always worth showing.
  const evidence = new Map<MatchCandidate, [number, string]>()
  const note = (
    list: readonly MatchCandidate[] = [],
    score: number,
    reason: (c: MatchCandidate) => string,
  ) => {
    for (const c of list.length <= MAX_POSTINGS ? list : [])
      if (!evidence.has(c)) evidence.set(c, [score, reason(c)])
  }
  note(byRef, 1, () => 'structured reference matches')
  note(byInvoice, 0.9, (c) => `invoice number ${c.externalId} in remittance`)
  for (const f of fragments(text.join(' ')))
    note(index.byFragment.get(f), 0.5, () => 'reference fragment in remittance')
  const pool = new Set<MatchCandidate>([...evidence.keys(), ...byName])
  const add = (list: readonly MatchCandidate[] = []) => {
    if (list.length <= MAX_POSTINGS) for (const c of list) pool.add(c)
  }
  for (const t of name.split(' ')) if (t) add(index.byNameToken.get(t))
  add(index.byAmount.get(credit.amountMinor))
  const minScore = options.minSuggestionScore ?? 0.25
  const suggestions = [...pool]
    .map((c) => ({
      strong: (evidence.get(c)?.[0] ?? 0) >= 0.9,
      ...suggest(credit, c, name, evidence.get(c)),
    }))
    .filter((s) => s.strong || s.score >= minScore)
    .sort((a, b) => b.score - a.score || a.accountId.localeCompare(b.accountId))
    .map(({ accountId, score, reason }) => ({ accountId, score, reason }))
  return { status: 'unmatched', suggestions: suggestions.slice(0, options.maxSuggestions ?? 3) }
}

// Weights: a reference is the strongest hint, then the name; the amount alone identifies nobody.
function suggest(
  credit: BankCredit,
  c: MatchCandidate,
  name: string,
  ref?: [number, string],
): MatchSuggestion {
  const reasons = ref ? [ref[1]] : []
  const nameScore = name ? similarity(name, nameKey(c.debtorName)) : 0
  if (nameScore >= 0.5) reasons.push(`debtor name similar (${nameScore.toFixed(2)})`)
  const amountScore = closeness(credit.amountMinor, c.balanceMinor)
  if (amountScore === 1) reasons.push('amount equals balance')
  else if (amountScore > 0) {
    reasons.push(`amount is ${Math.round((credit.amountMinor / c.balanceMinor) * 100)}% of balance`)
  }
  let score = 0.45 * (ref?.[0] ?? 0) + 0.35 * nameScore + 0.2 * amountScore
  if (c.currency !== credit.currency) {
    reasons.push('currency differs')
    score /= 2
  }
  return { accountId: c.accountId, score: Math.round(score * 100) / 100, reason: reasons.join('; ') }
}

function findInvoices(text: string[], index: CandidateIndex, minLength: number): MatchCandidate[] {
  // Banks cut long remittance text into 140-character lines, possibly mid-number, so also read it glued.
  const words = [...tokens(text.join(' ')), ...tokens(text.join(''))]
  const found = new Set<MatchCandidate>()
  for (let n = 1; n <= index.maxInvoiceTokens; n++) {
    for (let i = 0; i + n <= words.length; i++) {
      const key = words.slice(i, i + n).join(' ')
      if (key.length >= minLength) for (const c of index.byInvoice.get(key) ?? []) found.add(c)
    }
  }
  return [...found]
}

/** A debtor name reduced to what survives bank retyping: no accents, case, word order or "GmbH". */
export function nameKey(name: string): string {
  const folded = name
    .toLowerCase()
    .replace(/[ßæøœłđþ]/g, (ch) => FOLD[ch] ?? ch)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    // "A/S", "S.A." and "Inc." must become the suffixes "as", "sa" and "inc", not loose letters.
    .replace(/[./]/g, '')
  const words = folded.split(/[^a-z0-9]+/).filter((w) => w && !LEGAL_SUFFIXES.has(w))
  // Banks print "SMITH JOHN" as often as "John Smith": word order carries no identity.
  return words.sort().join(' ')
}

function tokens(text: string): string[] {
  // Invoice numbers keep their inner punctuation ("INV-2024/07"); edges like "INV-1." or "(A12)" do not.
  return text.toUpperCase().match(/[A-Z0-9][A-Z0-9\-/._#]*[A-Z0-9]|[A-Z0-9]/g) ?? []
}

function fragments(text: string): Set<string> {
  return new Set((text.match(/\d{4,}/g) ?? []).map((d) => d.replace(/^0+/, '')).filter((d) => d.length >= 4))
}

// Dice coefficient over letter pairs: tolerant of typos and truncation ("DUPOND" for "Dupont").
function similarity(a: string, b: string): number {
  if (a === b) return 1
  const pairs = (s: string) => Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2))
  const left = pairs(a)
  const right = pairs(b)
  const pool = new Map<string, number>()
  for (const g of right) pool.set(g, (pool.get(g) ?? 0) + 1)
  let shared = 0
  for (const g of left) {
    const n = pool.get(g) ?? 0
    if (n === 0) continue
    shared++
    pool.set(g, n - 1)
  }
  return left.length + right.length === 0 ? 0 : (2 * shared) / (left.length + right.length)
}

function closeness(amount: number, balance: number): number {
  if (amount === balance) return 1
  if (balance <= 0 || amount <= 0) return 0
  return Math.max(0, 1 - Math.abs(balance - amount) / balance) * 0.8
}

function compact(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase()
}

function mod97(alphanumeric: string): number {
  let rest = 0
  for (const ch of alphanumeric) {
    const value = Number.parseInt(ch, 36)
    rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97
  }
  return rest
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
