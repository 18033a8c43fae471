import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkCompliance } from '../../src/app/compliance/check-compliance.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { openStore } from '../../src/store/connect.ts'
import { runCli } from '../cli/run-cli.ts'
import { tempDir } from '../intake/import-fixtures.ts'
import { injectAs } from '../support/auth.ts'

const EXAMPLES = resolve(import.meta.dirname, '../../docs/examples/compliance')
const requests = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json') && !f.endsWith('.result.json'))

describe('one compliance-check use case behind the CLI and the API', () => {
  it('each example gets the same decision from the use case, `recoup compliance check` and POST /api/v1/compliance/check', {
    timeout: 240_000,
  }, async () => {
    const file = join(tempDir('recoup-check-'), 'unused.db')
    const store = await openStore({ kind: 'sqlite', file })
    const app = await buildServer(store, { logStream: { write: () => {} } })
    const api = await injectAs(app, store, 'check')
    try {
      expect(requests.length).toBeGreaterThan(2)
      for (const name of requests) {
        const path = join(EXAMPLES, name)
        const text = readFileSync(path, 'utf8')
        const direct = checkCompliance({ text, source: name })
        // The CLI starts a process (seconds each on a busy machine): two examples are enough for it.
        if (requests.indexOf(name) < 2) {
          const cli = runCli({ kind: 'sqlite', file }, ['compliance', 'check', path])
          expect(JSON.parse(cli.stdout), name).toEqual(direct)
        }
        const http = await api({
          method: 'POST',
          url: '/api/v1/compliance/check',
          headers: { 'content-type': 'application/json' },
          payload: text,
        })
        expect(http.statusCode, name).toBe(200)
        expect(http.json(), name).toEqual(direct)
      }
      // Bad input: the same code and the same problems on both surfaces.
      const bad = '{"action": {"kind": "contact"}}'
      let thrown: unknown
      try {
        checkCompliance({ text: bad, source: 'request body' })
      } catch (error) {
        thrown = error
      }
      const http = await api({
        method: 'POST',
        url: '/api/v1/compliance/check',
        headers: { 'content-type': 'application/json' },
        payload: bad,
      })
      expect(http.statusCode).toBe(400)
      expect(http.json().error.code).toBe((thrown as { code: string }).code)
      expect(http.json().error.message).toBe((thrown as Error).message)
    } finally {
      await app.close()
      await store.close()
    }
  })
})
