// The stamp of the TypeScript sources the compiled CLI in dist/ was built from: the newest
// modification time and the number of files under src/ (and package.json, whose dependencies the
// build leaves external), and the checkout's path. bin/recoup.js runs dist/ only while the stamp it
// was built with still matches, so an edited, added or removed source falls back to tsx: never stale.
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
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

/** Records (atomically) that dist/ holds a build, with entry file `stamp.entry`, of the sources at `stamp`. */
export function writeStamp(stamp) {
  const file = stampFile(stamp.root)
  writeFileSync(`${file}.${process.pid}`, `${JSON.stringify(stamp)}\n`)
  renameSync(`${file}.${process.pid}`, file)
}

/** The entry file of the build in dist/ when it was built from the sources as they are now, else null. */
export function freshDistEntry(root = ROOT) {
  let built
  try {
    built = JSON.parse(readFileSync(stampFile(root), 'utf8'))
  } catch {
    return null
  }
  const now = sourceStamp(root)
  const fresh = built.newest === now.newest && built.files === now.files && built.root === now.root
  return fresh && typeof built.entry === 'string' ? join(distDir(root), built.entry) : null
}

/** True when dist/ was built from the sources as they are now. */
export function distIsFresh(root = ROOT) {
  return freshDistEntry(root) !== null
}
