import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { AppError } from '../../core/errors/index.ts'

/**
 * Password hashing (argon2id, the OWASP-recommended parameters: 19 MiB, 2 passes, 1 lane) and the
 * random tokens of sessions and API keys. Tokens carry 256 random bits, so one SHA-256 is all their
 * storage needs (a slow hash protects guessable secrets, not random ones); passwords get argon2id.
 */
const ARGON2 = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const

export const MIN_PASSWORD_CHARS = 12
const MAX_PASSWORD_CHARS = 256

/** Refuses a password shorter than 12 or longer than 256 characters (`weak_password`). */
export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_CHARS || password.length > MAX_PASSWORD_CHARS) {
    throw new AppError(
      'weak_password',
      `the password must be ${MIN_PASSWORD_CHARS} to ${MAX_PASSWORD_CHARS} characters`,
      { field: 'password' },
    )
  }
}

/** The argon2id hash of a password, PHC string format. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2)
}

/** Whether `password` matches the stored hash (false, never a throw, for a malformed hash). */
export async function passwordMatches(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password)
  } catch {
    return false
  }
}

/** A hash to verify against when the user does not exist, so that case takes as long as a wrong password. */
let decoy: Promise<string> | undefined
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'))
  return decoy
}

/** A new random token with a recognisable prefix: "rcp_s_..." (session) or "rcp_k_..." (API key). */
export function newToken(kind: 's' | 'k'): string {
  return `rcp_${kind}_${randomBytes(32).toString('base64url')}`
}

/** How a token is stored and looked up: SHA-256, hex. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
