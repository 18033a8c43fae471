import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { auditKeyFromEnv } from '../../src/config/audit-key-config.ts'
import { anchorSignatureValid, parseAnchor, signAnchor } from '../../src/core/journal/journal-anchor.ts'

const HEADS = [
  { tenant: 'acme', tenantId: 1, seq: 12, hash: 'a'.repeat(64), occurredAt: '2026-01-01T00:00:00.000Z' },
]
const AT = new Date('2026-03-01T10:00:00Z')
const dir = mkdtempSync(join(tmpdir(), 'recoup-anchor-'))

describe('journal anchors', () => {
  it('signs with HMAC and verifies only with the same secret and unaltered heads', () => {
    const key = auditKeyFromEnv({ RECOUP_AUDIT_KEY: 's'.repeat(32) })
    const anchor = signAnchor(HEADS, key, AT)
    const parsed = parseAnchor(JSON.stringify(anchor), 'a.json')
    expect(anchorSignatureValid(parsed, key)).toBe(true)
    expect(anchorSignatureValid(parsed, auditKeyFromEnv({ RECOUP_AUDIT_KEY: 't'.repeat(32) }))).toBe(false)
    const altered = { ...anchor, heads: [{ ...HEADS[0]!, seq: 11 }] }
    expect(anchorSignatureValid(altered, key)).toBe(false)
    expect(anchorSignatureValid({ ...anchor, createdAt: '2026-03-02T10:00:00.000Z' }, key)).toBe(false)
  })

  it('signs with an Ed25519 private key and verifies with the public key alone', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const privateFile = join(dir, 'private.pem')
    const publicFile = join(dir, 'public.pem')
    writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }))
    writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }))
    const signer = auditKeyFromEnv({ RECOUP_AUDIT_KEY_FILE: privateFile })
    const verifier = auditKeyFromEnv({ RECOUP_AUDIT_KEY_FILE: publicFile })
    const anchor = signAnchor(HEADS, signer, AT)
    expect(anchor).toMatchObject({ algorithm: 'Ed25519', keyId: signAnchor(HEADS, signer, AT).keyId })
    expect(anchorSignatureValid(anchor, verifier)).toBe(true)
    expect(() => signAnchor(HEADS, verifier, AT)).toThrow(
      expect.objectContaining({ code: 'audit_key_missing' }),
    )
    expect(anchorSignatureValid({ ...anchor, heads: [] }, verifier)).toBe(false)
  })

  it('never signs without a key, and refuses weak or conflicting key settings', () => {
    expect(() => auditKeyFromEnv({})).toThrow(expect.objectContaining({ code: 'audit_key_missing' }))
    expect(() => auditKeyFromEnv({ RECOUP_AUDIT_KEY: 'short' })).toThrow(/at least 32/)
    expect(() => auditKeyFromEnv({ RECOUP_AUDIT_KEY: 's'.repeat(32), RECOUP_AUDIT_KEY_FILE: 'x' })).toThrow(
      /not both/,
    )
    expect(() => auditKeyFromEnv({ RECOUP_AUDIT_KEY_FILE: join(dir, 'absent') })).toThrow(/ENOENT/)
    const rsa = join(dir, 'rsa.pem')
    writeFileSync(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    )
    expect(() => auditKeyFromEnv({ RECOUP_AUDIT_KEY_FILE: rsa })).toThrow(/not an Ed25519 PEM key/)
  })

  it.each([
    ['not JSON', 'nope', 'not JSON'],
    ['another format', '{"format":"x"}', '"format"'],
    [
      'a bad head',
      JSON.stringify({
        ...signAnchor(HEADS, { algorithm: 'HMAC-SHA256', secret: Buffer.alloc(32) }, AT),
        heads: [{ tenant: 'a', tenantId: 1, seq: -1, hash: 'x', occurredAt: null }],
      }),
      'heads[0].seq',
    ],
  ])('refuses an anchor file that is %s, naming the file', (_, text, what) => {
    expect(() => parseAnchor(text, 'anchor.json')).toThrow(
      expect.objectContaining({
        code: 'invalid_anchor',
        message: expect.stringMatching(/^anchor\.json is not a journal anchor/),
      }),
    )
    expect(() => parseAnchor(text, 'anchor.json')).toThrow(what)
  })
})
