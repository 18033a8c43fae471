import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AppError, ERROR_CATALOGUE, ERROR_KINDS, type ErrorCode } from '../../../src/core/errors/index.ts'

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8')

describe('the error catalogue', () => {
  it('documents every code in docs/errors.md with its kind', () => {
    for (const [code, spec] of Object.entries(ERROR_CATALOGUE)) {
      expect(doc, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${spec.kind}`))
    }
  })

  it('gives each error the status and exit code of its kind', () => {
    const notFound = new AppError('account_not_found', 'no account "X"')
    expect([notFound.httpStatus, notFound.exitCode]).toEqual([404, 4])
    expect(new AppError('method_not_allowed').httpStatus).toBe(405)
    expect(new AppError('idempotency_conflict').exitCode).toBe(ERROR_KINDS.conflict.exitCode)
  })

  it('falls back to the summary when no message is given, and serialises to the wire format', () => {
    const code: ErrorCode = 'tenant_not_found'
    expect(new AppError(code).toJSON()).toEqual({ error: { code, message: 'no such tenant' } })
  })

  it('keeps exit codes distinct per kind', () => {
    const codes = Object.values(ERROR_KINDS).map((k) => k.exitCode)
    expect(new Set(codes).size).toBe(codes.length)
  })
})
