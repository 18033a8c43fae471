import { readFileSync } from 'node:fs'

/** The running version, from package.json (read once; the binary runs from the source tree). */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version
