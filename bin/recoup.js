#!/usr/bin/env node
// The `recoup` binary: runs the TypeScript sources through tsx's loader, so there is no build step
// between an edit and a run (see docs/ARCHITECTURE.md).
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
