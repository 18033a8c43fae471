import { isIP } from 'node:net'

/**
 * Checks an endpoint URL before it is stored. SSRF stance: only http(s), no credentials in the URL,
 * and no loopback, private, link-local or unspecified address literal (nor `localhost`) unless
 * `allowPrivate` (RECOUP_WEBHOOK_ALLOW_PRIVATE=1, for development and tests). Host names are not
 * resolved here: a name that resolves to a private address is the operator's network policy to block.
 * Returns the problem as a sentence, or null when the URL may be used.
 */
export function webhookUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'is not an absolute URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https'
  if (url.username !== '' || url.password !== '') return 'must not hold a user name or password'
  if (url.hash !== '') return 'must not have a #fragment'
  if (allowPrivate) return null
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost'))
    return 'points at this machine (set RECOUP_WEBHOOK_ALLOW_PRIVATE=1 to allow private addresses)'
  if (isPrivateAddress(host))
    return 'points at a private or loopback address (set RECOUP_WEBHOOK_ALLOW_PRIVATE=1 to allow it)'
  return null
}

/** Whether an IP literal is loopback, private (RFC 1918, ULA), link-local, CGNAT or unspecified. */
export function isPrivateAddress(host: string): boolean {
  const family = isIP(host)
  if (family === 4) {
    const [a = 0, b = 0] = host.split('.').map(Number)
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    )
  }
  if (family === 6) {
    if (host === '::' || host === '::1') return true
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)
    if (mapped?.[1]) return isPrivateAddress(mapped[1])
    // The URL parser writes an IPv4-mapped address in hex (::ffff:a00:1 for 10.0.0.1).
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host)
    if (hex?.[1] && hex[2]) {
      const high = Number.parseInt(hex[1], 16)
      const low = Number.parseInt(hex[2], 16)
      return isPrivateAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`)
    }
    return /^f[cd]/.test(host) || /^fe[89ab]/.test(host)
  }
  return false
}
