#!/usr/bin/env node
// `npm run bench -- NAME [options]`: runs a benchmark from bench/ (see bench/README.md).
import { register } from 'tsx/esm/api'

register()
await import('../bench/main.ts')
