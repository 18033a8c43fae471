import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  BASE_FIELDS,
  HEADER_FIELDS,
  K1_FIELDS,
  TRAILER_FIELDS,
} from '../../../src/core/bureau/metro2-layout.ts'

const doc = readFileSync(new URL('../../../docs/metro2.md', import.meta.url), 'utf8')

describe('docs/metro2.md', () => {
  it.each([
    ['Header', HEADER_FIELDS],
    ['Base', BASE_FIELDS],
    ['K1', K1_FIELDS],
    ['Trailer', TRAILER_FIELDS],
  ] as const)('shows every %s field with its positions and length', (_, specs) => {
    const lines = doc.split('\n')
    for (const f of specs) {
      const row = `| ${f.start}-${f.start + f.length - 1} | ${f.length} | `
      expect(
        lines.some((line) => line.startsWith(row) && line.includes(` | ${f.name} | `)),
        `${row}${f.name}`,
      ).toBe(true)
    }
  })
})
