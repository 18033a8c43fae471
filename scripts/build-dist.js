// `npm run build` (run by `npm install` as the prepare script): compiles the CLI into dist/ so that
// `recoup` starts without transpiling TypeScript. One esbuild bundle with a chunk per lazily loaded
// command module; npm packages stay external (they load from node_modules as usual). Every output
// file is named by its content hash and the stamp, written last and atomically, names the entry: a
// `recoup` started during a rebuild keeps running the build it started with.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import { build } from 'esbuild'
import { buildWeb } from './build-web.js'
import { distDir, ROOT, sourceStamp, writeStamp } from './source-stamp.js'

const DIST = distDir()
/** Files of earlier builds are removed once this old (a running `recoup` may still load them). */
const KEEP_OLD_MS = 60 * 60 * 1000

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

// Taken before compiling: a source edited during the build leaves the stamp behind, so dist/ is stale.
const stamp = sourceStamp()
mkdirSync(DIST, { recursive: true })
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { recoup: 'src/cli/main.ts' },
  outdir: DIST,
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [keepModuleUrls],
})
const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file))
const entry = Object.entries(result.metafile.outputs).find(
  ([, output]) => output.entryPoint === 'src/cli/main.ts',
)?.[0]
if (!entry) throw new Error('esbuild produced no entry file')
writeStamp({ ...stamp, entry: basename(entry) })
for (const file of readdirSync(DIST)) {
  const path = join(DIST, file)
  if (outputs.includes(file) || file === 'build-stamp.json' || file === 'web') continue
  if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { force: true })
}
console.error(`built dist/${basename(entry)} from ${stamp.files} source files`)
await buildWeb()
