import { kid, kids, text, type XmlNode } from './camt-tree.ts'
import type { CamtTransaction, StructuredReference } from './camt-types.ts'

/** Reads `RmtInf`: every `Ustrd` line, every structured creditor reference and referred document number. */
export function readRemittance(rmtInf: XmlNode | undefined): CamtTransaction['remittance'] & {
  documents: string[]
} {
  const unstructured = kids(rmtInf, 'Ustrd').flatMap((u) => text(u) ?? [])
  const structured: StructuredReference[] = []
  const documents: string[] = []
  for (const strd of kids(rmtInf, 'Strd')) {
    for (const info of kids(strd, 'CdtrRefInf')) {
      const ref = text(info, 'Ref')
      if (ref) structured.push(classify(ref, kid(info, 'Tp')))
    }
    for (const doc of kids(strd, 'RfrdDocInf')) {
      const number = text(doc, 'Nb')
      if (number) documents.push(number)
    }
    // Free text some banks put in the structured block (AddtlRmtInf, up to three lines).
    for (const line of kids(strd, 'AddtlRmtInf'))
      unstructured.push(...(text(line) ? [text(line) as string] : []))
  }
  const rf = structured.find((s) => s.scheme === 'RF')
  const first = rf ?? structured[0]
  return { ...(first ? { structuredReference: first.ref } : {}), structured, unstructured, documents }
}

// Each scheme is recognised by its type code or, when banks omit it, by its shape.
function classify(ref: string, tp: XmlNode | undefined): StructuredReference {
  const type = text(tp, 'CdOrPrtry', 'Cd') ?? text(tp, 'CdOrPrtry', 'Prtry')
  const issuer = text(tp, 'Issr')
  const compact = ref.replace(/\s+/g, '').toUpperCase()
  const digits = ref.replace(/\D/g, '')
  const base = { ref, ...(type ? { type } : {}), ...(issuer ? { issuer } : {}) }
  if (/^RF\d{2}[A-Z0-9]{1,21}$/.test(compact)) return { ...base, scheme: 'RF', normalized: compact }
  // Belgian structured communication (OGM/VCS): 12 digits, often written +++123/4567/89002+++.
  if (
    issuer?.toUpperCase() === 'BBA' ||
    /^\+{3}\d{3}\/\d{4}\/\d{5}\+{3}$|^\*{3}\d{3}\/\d{4}\/\d{5}\*{3}$/.test(compact)
  ) {
    return { ...base, scheme: 'BE', normalized: digits }
  }
  const upper = type?.toUpperCase() ?? ''
  if (upper === 'QRR' || (upper === '' && /^\d{27}$/.test(compact)))
    return { ...base, scheme: 'QRR', normalized: digits }
  if (upper === 'ISR' || upper === 'ESR' || upper.startsWith('ISR '))
    return { ...base, scheme: 'ISR', normalized: digits }
  return { ...base, scheme: 'other', normalized: compact.replace(/[^A-Z0-9]/g, '') }
}

/** True when a Belgian structured communication's last two digits are the mod-97 check of the first ten. */
export function isValidBelgianReference(normalized: string): boolean {
  if (!/^\d{12}$/.test(normalized)) return false
  const check = Number(BigInt(normalized.slice(0, 10)) % 97n) || 97
  return check === Number(normalized.slice(10))
}
