/** The longest payment reference accepted (bank references are at most 35 characters; providers' longer). */
export const MAX_REFERENCE_LENGTH = 200

export type NormalizedReference = { ok: true; reference: string } | { ok: false; reason: string }

/**
 * The ONE normalisation of a payment's source reference, used on every path (CLI, HTTP, CSV, camt,
 * reversal look-ups): Unicode NFC, surrounding whitespace trimmed. Without it " DUP-1 " and "DUP-1"
 * would be two payments. Inner characters are kept: they may be significant to the bank.
 */
export function normalizeReference(text: string): NormalizedReference {
  const reference = text.normalize('NFC').trim()
  if (reference === '') return { ok: false, reason: 'the reference is empty' }
  if (reference.length > MAX_REFERENCE_LENGTH)
    return { ok: false, reason: `the reference is longer than ${MAX_REFERENCE_LENGTH} characters` }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(reference))
    return { ok: false, reason: 'the reference contains control characters' }
  return { ok: true, reference }
}

/** The normalised reference, or the text trimmed when it is not acceptable (the caller reports why). */
export function referenceKey(text: string): string {
  const normalized = normalizeReference(text)
  return normalized.ok ? normalized.reference : text.trim()
}
