import { expect, it } from 'vitest'
import { isLoopback } from '../../src/cli/commands/serve.command.ts'

it('tells loopback listen addresses from ones other machines reach (serve warns on those)', () => {
  for (const host of ['127.0.0.1', '127.0.0.53', '::1', 'localhost'])
    expect(isLoopback(host), host).toBe(true)
  for (const host of ['0.0.0.0', '::', '192.168.1.10', 'recoup.example.com'])
    expect(isLoopback(host), host).toBe(false)
})
