import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

/** One request a receiver took: its headers, body and whether the signature verified. */
export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders
  readonly body: string
  readonly verified: boolean
  readonly payload: { type: string; timestamp: string; data: Record<string, unknown> } | null
}

/** How the receiver answers: 204, 500, or not before `slowMs`. */
export type ReceiverMode = 'ok' | 'error' | { slowMs: number }

/**
 * A real HTTP receiver on loopback that verifies every request with standardwebhooks' `verify`
 * against `secret` (set it once the endpoint exists) and answers as `mode` says; a request whose
 * signature does not verify gets 400.
 */
export async function startReceiver(mode: ReceiverMode = 'ok') {
  const received: ReceivedWebhook[] = []
  const state = { secret: '', mode }
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      let payload: ReceivedWebhook['payload'] = null
      try {
        payload = new Webhook(state.secret).verify(
          body,
          request.headers as Record<string, string>,
        ) as typeof payload
      } catch {
        payload = null
      }
      received.push({ headers: request.headers, body, verified: payload !== null, payload })
      const answer = () => {
        if (response.destroyed) return
        response.statusCode = payload === null ? 400 : state.mode === 'error' ? 500 : 204
        response.end(state.mode === 'error' ? 'receiver broke' : undefined)
      }
      if (typeof state.mode === 'object') setTimeout(answer, state.mode.slowMs).unref()
      else answer()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A URL on loopback where nothing listens (connection refused). */
export async function refusingUrl(): Promise<string> {
  const receiver = await startReceiver()
  await receiver.close()
  return receiver.url
}
