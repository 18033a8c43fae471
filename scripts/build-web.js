// Builds the staff web app (web/index.html, served at /) and the debtor portal (web/pay.html, served
// at /pay/...) with Vite into dist/web/. Run by `npm run build` (and so by `npm install`), and by the
// browser tests' setup when the sources changed since the last build (see webIsFresh). Assets are
// named by content hash under dist/web/assets/; the stamp, written last, records the sources built.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './source-stamp.js'

export const WEB_SOURCE = join(ROOT, 'web')
export const WEB_OUT = join(ROOT, 'dist', 'web')
const STAMP = join(WEB_OUT, 'build-stamp.json')

/** The pure domain, which the pages import too (money, field lists, event types). */
const CORE_SOURCE = join(ROOT, 'src', 'core')

/** The newest modification time and file count of the web sources, src/core and package.json. */
export function webSourceStamp() {
  let newest = statSync(join(ROOT, 'package.json')).mtimeMs
  let files = 0
  for (const dir of [WEB_SOURCE, CORE_SOURCE])
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      files++
      const modified = statSync(join(entry.parentPath, entry.name)).mtimeMs
      if (modified > newest) newest = modified
    }
  return { newest, files }
}

/** True when dist/web holds a build of the web sources as they are now. */
export function webIsFresh() {
  try {
    const built = JSON.parse(readFileSync(STAMP, 'utf8'))
    const now = webSourceStamp()
    return built.newest === now.newest && built.files === now.files
  } catch {
    return false
  }
}

/** Builds both pages into dist/web (replacing what was there). */
export async function buildWeb({ quiet = false } = {}) {
  const stamp = webSourceStamp()
  const { build } = await import('vite')
  rmSync(WEB_OUT, { recursive: true, force: true })
  await build({
    configFile: false,
    root: WEB_SOURCE,
    base: '/',
    logLevel: quiet ? 'error' : 'warn',
    build: {
      outDir: WEB_OUT,
      emptyOutDir: true,
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 1500,
      rollupOptions: {
        input: { staff: join(WEB_SOURCE, 'index.html'), portal: join(WEB_SOURCE, 'pay.html') },
      },
    },
  })
  writeFileSync(`${STAMP}.${process.pid}`, `${JSON.stringify(stamp)}\n`)
  renameSync(`${STAMP}.${process.pid}`, STAMP)
  if (!quiet) console.error(`built dist/web from ${stamp.files} web source files`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildWeb()
