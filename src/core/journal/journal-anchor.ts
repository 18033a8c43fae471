import { createHash, createHmac, type KeyObject, sign, timingSafeEqual, verify } from 'node:crypto'
import { AppError } from '../errors/index.ts'

/**
 * The key anchors are signed with. HMAC needs the same secret to verify; Ed25519 lets an auditor
 * verify with the public key alone (a key pair's private half signs).
 */
export type AnchorKey =
  | { readonly algorithm: 'HMAC-SHA256'; readonly secret: Buffer }
  | { readonly algorithm: 'Ed25519'; readonly privateKey: KeyObject | null; readonly publicKey: KeyObject }

/** One tenant's chain head when the anchor was taken. */
export interface AnchoredHead {
  readonly tenant: string
  readonly tenantId: number
  readonly seq: number
  readonly hash: string
  /** When the head event happened (null for a tenant without events). */
  readonly occurredAt: string | null
}

/** A signed record of every chain head at one moment, kept outside the database. */
export interface JournalAnchor {
  readonly format: typeof ANCHOR_FORMAT
  readonly createdAt: string
  readonly algorithm: AnchorKey['algorithm']
  /** Fingerprint of the verifying key, so a wrong key is told apart from a forged anchor. */
  readonly keyId: string
  readonly heads: readonly AnchoredHead[]
  readonly signature: string
}

export const ANCHOR_FORMAT = 'recoup.journal-anchor.v1'

/** A short public fingerprint of the key (of the public key for Ed25519, of the secret's hash for HMAC). */
export function anchorKeyId(key: AnchorKey): string {
  const material =
    key.algorithm === 'HMAC-SHA256' ? key.secret : key.publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update('recoup-anchor-key:').update(material).digest('hex').slice(0, 16)
}

/** The exact text signed: every field but the signature, in a fixed order (never the file's own order). */
function signingText(anchor: Omit<JournalAnchor, 'signature'>): string {
  return JSON.stringify([
    anchor.format,
    anchor.createdAt,
    anchor.algorithm,
    anchor.keyId,
    anchor.heads.map((h) => [h.tenant, h.tenantId, h.seq, h.hash, h.occurredAt]),
  ])
}

/** Signs the heads with the key; a verify-only key (an Ed25519 public key) cannot sign. */
export function signAnchor(heads: readonly AnchoredHead[], key: AnchorKey, createdAt: Date): JournalAnchor {
  const body = {
    format: ANCHOR_FORMAT,
    createdAt: createdAt.toISOString(),
    algorithm: key.algorithm,
    keyId: anchorKeyId(key),
    heads,
  } as const
  const text = Buffer.from(signingText(body))
  if (key.algorithm === 'HMAC-SHA256') {
    return { ...body, signature: createHmac('sha256', key.secret).update(text).digest('hex') }
  }
  if (!key.privateKey) {
    throw new AppError(
      'audit_key_missing',
      'the configured audit key is a public key: it verifies but cannot sign',
    )
  }
  return { ...body, signature: sign(null, text, key.privateKey).toString('hex') }
}

/** Whether the anchor's signature is valid under the key (the caller has checked its shape). */
export function anchorSignatureValid(anchor: JournalAnchor, key: AnchorKey): boolean {
  if (anchor.algorithm !== key.algorithm) return false
  const text = Buffer.from(signingText(anchor))
  const signature = Buffer.from(anchor.signature, 'hex')
  if (key.algorithm === 'HMAC-SHA256') {
    const expected = createHmac('sha256', key.secret).update(text).digest()
    return signature.length === expected.length && timingSafeEqual(signature, expected)
  }
  return verify(null, text, key.publicKey, signature)
}

const isHex = (value: unknown, length?: number): value is string =>
  typeof value === 'string' && /^[0-9a-f]+$/.test(value) && (length === undefined || value.length === length)

/** Reads an anchor file's text, refusing anything that is not a well-formed anchor; names what is wrong. */
export function parseAnchor(text: string, source: string): JournalAnchor {
  const fail = (what: string): never => {
    throw new AppError('invalid_anchor', `${source} is not a journal anchor: ${what}`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return fail('it is not JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('it is not a JSON object')
  const anchor = value as Record<string, unknown>
  if (anchor.format !== ANCHOR_FORMAT) fail(`"format" must be "${ANCHOR_FORMAT}"`)
  if (typeof anchor.createdAt !== 'string' || Number.isNaN(Date.parse(anchor.createdAt)))
    fail('"createdAt" is not an instant')
  if (anchor.algorithm !== 'HMAC-SHA256' && anchor.algorithm !== 'Ed25519')
    fail('"algorithm" must be HMAC-SHA256 or Ed25519')
  if (!isHex(anchor.keyId, 16)) fail('"keyId" is not 16 hex digits')
  if (!isHex(anchor.signature)) fail('"signature" is not hex')
  if (!Array.isArray(anchor.heads)) return fail('"heads" is not a list')
  anchor.heads.forEach((head: unknown, i) => {
    const h = (head ?? {}) as Record<string, unknown>
    const at = `heads[${i}]`
    if (typeof h.tenant !== 'string') fail(`${at}.tenant is not a slug`)
    if (!Number.isSafeInteger(h.tenantId)) fail(`${at}.tenantId is not an integer`)
    if (!Number.isSafeInteger(h.seq) || (h.seq as number) < 0) fail(`${at}.seq is not a whole number`)
    if (!isHex(h.hash, 64)) fail(`${at}.hash is not a SHA-256 hex digest`)
    if (h.occurredAt !== null && typeof h.occurredAt !== 'string') fail(`${at}.occurredAt is not an instant`)
  })
  return anchor as unknown as JournalAnchor
}
