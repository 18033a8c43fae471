import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

/** Where `npm run build` (scripts/build-web.js) writes the staff app and the portal. */
export const WEB_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url))

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/** One built file, with its compressed forms made on first use. */
export interface WebAsset {
  readonly type: string
  readonly body: Buffer
  readonly compressed: Map<'br' | 'gzip', Buffer>
}

/**
 * The built web app held in memory: the two pages and the hashed files under assets/. Only names that
 * are in this map are ever served (no path from a request reaches the file system). Null when the app
 * has not been built (`npm run build`).
 */
export interface WebBundle {
  readonly staffPage: WebAsset
  readonly portalPage: WebAsset
  readonly assets: ReadonlyMap<string, WebAsset>
}

function asset(path: string): WebAsset {
  return {
    type: TYPES[extname(path)] ?? 'application/octet-stream',
    body: readFileSync(path),
    compressed: new Map(),
  }
}

/** Reads dist/web, or answers null when it was never built. */
export function loadWebBundle(dir = WEB_DIST): WebBundle | null {
  let names: string[]
  try {
    names = readdirSync(join(dir, 'assets'))
  } catch {
    return null
  }
  const assets = new Map<string, WebAsset>()
  for (const name of names) assets.set(name, asset(join(dir, 'assets', name)))
  try {
    return { staffPage: asset(join(dir, 'index.html')), portalPage: asset(join(dir, 'pay.html')), assets }
  } catch {
    return null
  }
}

/** The body to send for an Accept-Encoding: brotli or gzip for text over 1 KiB, else as built. */
export function encodedBody(
  file: WebAsset,
  acceptEncoding: string | undefined,
): { body: Buffer; encoding?: 'br' | 'gzip' } {
  if (file.body.length < 1024 || !/^(text\/|image\/svg|application\/json)/.test(file.type))
    return { body: file.body }
  const accepts = acceptEncoding ?? ''
  const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : undefined
  if (!encoding) return { body: file.body }
  let body = file.compressed.get(encoding)
  if (!body) {
    body =
      encoding === 'br'
        ? brotliCompressSync(file.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
        : gzipSync(file.body, { level: 9 })
    file.compressed.set(encoding, body)
  }
  return { body, encoding }
}
