import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  assignVariant,
  compileVariantPicker,
  fmix32,
  fnv1a32,
} from '../../../src/core/playbook/assign-variant.ts'

describe('fnv1a32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('matches the published FNV-1a vector for %j', (text, hash) => {
    expect(fnv1a32(text)).toBe(hash)
  })

  it('hashes UTF-8 bytes, so non-ASCII keys match byte-oriented implementations', () => {
    const bytes = new TextEncoder().encode('Zoë-😀')
    let h = 0x811c9dc5
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0
    expect(fnv1a32('Zoë-😀')).toBe(h)
  })

  it('continues from a seed exactly like hashing the concatenation', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => fnv1a32(b, fnv1a32(a)) === fnv1a32(a + b)))
  })
})

describe('variant assignment', () => {
  const split = [
    { name: 'champion', percent: 80 },
    { name: 'challenger', percent: 20 },
  ]

  it.each([
    [[80, 20], 0.02],
    [[50, 50], 0.02],
    [[90, 9.5, 0.5], 0.01],
  ])('spreads 10,000 keys by percent %j within tolerance', (percents, tolerance) => {
    const variants = percents.map((percent, i) => ({ name: `v${i}`, percent }))
    const pick = compileVariantPicker('b2b-invoice', 'standard', variants)
    const counts = new Map<string, number>()
    for (let i = 0; i < 10_000; i++) {
      const v = pick(`ACC-${i}`)
      counts.set(v, (counts.get(v) ?? 0) + 1)
    }
    percents.forEach((percent, i) => {
      expect(Math.abs((counts.get(`v${i}`) ?? 0) / 10_000 - percent / 100)).toBeLessThan(tolerance)
    })
  })

  it('is a pure function of playbook, segment and key (stable between runs and pickers)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (id, segment, key) => {
        const a = compileVariantPicker(id, segment, split)(key)
        const b = compileVariantPicker(id, segment, split)(key)
        return a === b && a === assignVariant(id, segment, key, split)
      }),
    )
  })

  it('never picks a variant with 0 percent, and a 100 percent variant always', () => {
    const pick = compileVariantPicker('p', 's', [
      { name: 'off', percent: 0 },
      { name: 'on', percent: 100 },
    ])
    fc.assert(fc.property(fc.string(), (key) => pick(key) === 'on'))
  })

  it('keeps a pinned assignment (changing the hash would reshuffle running experiments)', () => {
    const keys = ['ACC-1', 'ACC-2', 'ACC-3', 'ACC-4', 'ACC-5', 'ACC-6', 'ACC-7', 'ACC-8']
    expect(keys.map((k) => assignVariant('b2b-invoice', 'standard', k, split))).toEqual([
      'champion',
      'champion',
      'champion',
      'champion',
      'challenger',
      'champion',
      'champion',
      'challenger',
    ])
  })

  it('does not correlate with key order: consecutive keys share an arm as often as chance says', () => {
    const pick = compileVariantPicker('p', 's', split)
    let same = 0
    for (let i = 0; i < 10_000; i++) if (pick(`ACC-${i}`) === pick(`ACC-${i + 1}`)) same++
    // Independent 80/20 draws agree with probability 0.8² + 0.2² = 0.68 (plain FNV-1a gives 0.61).
    expect(Math.abs(same / 10_000 - 0.68)).toBeLessThan(0.02)
  })

  it('finalizes with MurmurHash3 fmix32', () => {
    expect([fmix32(0), fmix32(1)]).toEqual([0, 0x514e28b7])
  })
})
