#!/usr/bin/env node
// The `recoup` binary. It runs the compiled CLI in dist/ (built by `npm install`, or `npm run build`)
// while that was built from the sources as they are; after any edit it runs the TypeScript sources
// through tsx's loader instead, so there is no build step between an edit and a run (see
// docs/ARCHITECTURE.md). RECOUP_FROM_SOURCE=1 forces the sources.
import { pathToFileURL } from 'node:url'
import { freshDistEntry } from '../scripts/source-stamp.js'

const compiled = process.env.RECOUP_FROM_SOURCE === '1' ? null : freshDistEntry()
if (compiled) {
  await import(pathToFileURL(compiled).href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}
