// The stamp of the TypeScript sources the compiled CLI in dist/ was built from: the newest
// modification time and the number of files under src/ (and package.json, whose dependencies the
// build leaves external), and the checkout's path. bin/recoup.js runs dist/ only while the stamp it
// was built with still matches, so an edited, added or removed source falls back to tsx: never stale.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Root of the repository. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Where the build writes the compiled CLI (and its stamp) under a checkout. */
export function distDir(root = ROOT) {
  return join(root, 'dist')
}

function stampFile(root) {
  return join(distDir(root), 'build-stamp.json')
}

/** The current stamp of a checkout's sources. */
export function sourceStamp(root = ROOT) {
  let newest = statSync(join(root, 'package.json')).mtimeMs
  let files = 0
  for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    files++
    const modified = statSync(join(entry.parentPath, entry.name)).mtimeMs
    if (modified > newest) newest = modified
  }
  return { root, newest, files }
}

/** Records that dist/ holds a build of the sources as they were at `stamp`. */
export function writeStamp(stamp) {
  writeFileSync(stampFile(stamp.root), `${JSON.stringify(stamp)}\n`)
}

/** True when dist/ was built from the sources as they are now. */
export function distIsFresh(root = ROOT) {
  let built
  try {
    built = JSON.parse(readFileSync(stampFile(root), 'utf8'))
  } catch {
    return false
  }
  const now = sourceStamp(root)
  return built.newest === now.newest && built.files === now.files && built.root === now.root
}
