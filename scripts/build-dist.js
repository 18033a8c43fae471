// `npm run build` (run by `npm install` as the prepare script): compiles the CLI into dist/ so that
// `recoup` starts without transpiling TypeScript. One esbuild bundle with a chunk per lazily loaded
// command module; npm packages stay external (they load from node_modules as usual).

import { rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { build } from 'esbuild'
import { distDir, ROOT, sourceStamp, writeStamp } from './source-stamp.js'

const DIST = distDir()

// Taken before compiling: a source edited during the build leaves the stamp behind, so dist/ is stale.
const stamp = sourceStamp()

/**
 * Source files locate their assets (JSON schemas, playbooks, package.json) relative to
 * `import.meta.url`; in a bundle that would be the chunk's URL, so each file's own is substituted,
 * expressed relative to dist/ so the checkout can move.
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\/src\/.*\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8')
      const own = `new URL(${JSON.stringify(relative(DIST, path))}, import.meta.url).href`
      return { contents: text.replaceAll('import.meta.url', own), loader: 'ts' }
    })
  },
}

rmSync(DIST, { recursive: true, force: true })
await build({
  absWorkingDir: ROOT,
  entryPoints: { recoup: 'src/cli/main.ts' },
  outdir: DIST,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [keepModuleUrls],
})
writeStamp(stamp)
console.error(`built ${relative(ROOT, join(DIST, 'recoup.js'))} from ${stamp.files} source files`)
