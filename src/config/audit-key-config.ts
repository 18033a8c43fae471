import { createPrivateKey, createPublicKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { AppError } from '../core/errors/index.ts'
import type { AnchorKey } from '../core/journal/journal-anchor.ts'

/** Shortest HMAC secret accepted: 32 characters, so a guessable word never signs an anchor. */
const MIN_SECRET_LENGTH = 32

/**
 * The key that signs and verifies journal anchors, read when an audit command needs it (never at
 * start-up: nothing else needs it).
 * - RECOUP_AUDIT_KEY: an HMAC-SHA256 secret of at least 32 characters.
 * - RECOUP_AUDIT_KEY_FILE: a file holding an Ed25519 private key (PEM, signs and verifies), an Ed25519
 *   public key (PEM, verifies only: give auditors this one) or an HMAC secret.
 * Neither set is an error, never an unsigned anchor; both set is an error too.
 */
export function auditKeyFromEnv(env: NodeJS.ProcessEnv = process.env): AnchorKey {
  const secret = env.RECOUP_AUDIT_KEY
  const file = env.RECOUP_AUDIT_KEY_FILE?.trim()
  if (secret !== undefined && file) {
    throw new AppError('invalid_configuration', 'set RECOUP_AUDIT_KEY or RECOUP_AUDIT_KEY_FILE, not both')
  }
  if (secret !== undefined) return hmacKey(secret.trim(), 'RECOUP_AUDIT_KEY')
  if (!file) {
    throw new AppError(
      'audit_key_missing',
      'no audit key configured: set RECOUP_AUDIT_KEY (an HMAC secret of 32+ characters) or RECOUP_AUDIT_KEY_FILE (an Ed25519 PEM key)',
    )
  }
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new AppError('invalid_configuration', `RECOUP_AUDIT_KEY_FILE ${file} cannot be read (${reason})`)
  }
  if (!text.includes('-----BEGIN')) return hmacKey(text.trim(), `RECOUP_AUDIT_KEY_FILE ${file}`)
  return ed25519Key(text, file)
}

function hmacKey(secret: string, source: string): AnchorKey {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new AppError(
      'invalid_configuration',
      `${source} is ${secret.length} characters; an audit secret needs at least ${MIN_SECRET_LENGTH}`,
    )
  }
  return { algorithm: 'HMAC-SHA256', secret: Buffer.from(secret, 'utf8') }
}

function ed25519Key(pem: string, file: string): AnchorKey {
  try {
    if (pem.includes('PRIVATE KEY')) {
      const privateKey = createPrivateKey(pem)
      if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(String(privateKey.asymmetricKeyType))
      return { algorithm: 'Ed25519', privateKey, publicKey: createPublicKey(privateKey) }
    }
    const publicKey = createPublicKey(pem)
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(String(publicKey.asymmetricKeyType))
    return { algorithm: 'Ed25519', privateKey: null, publicKey }
  } catch (error) {
    throw new AppError(
      'invalid_configuration',
      `RECOUP_AUDIT_KEY_FILE ${file} is not an Ed25519 PEM key (${(error as Error).message})`,
    )
  }
}
