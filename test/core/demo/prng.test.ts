import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Prng, streamSeed } from '../../../src/core/demo/prng.ts'

describe('demo prng', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: -50, max: 50 }), (seed, min) => {
        const a = new Prng(seed)
        const b = new Prng(seed)
        for (let i = 0; i < 50; i++) {
          const x = a.next()
          expect(x).toBe(b.next())
          expect(x >= 0 && x < 1).toBe(true)
          const n = a.int(min, min + 3)
          b.int(min, min + 3)
          expect(n >= min && n <= min + 3 && Number.isInteger(n)).toBe(true)
        }
      }),
    )
  })

  it('draws weighted items in proportion and never picks a zero weight', () => {
    const rng = new Prng(123)
    const counts = { a: 0, b: 0, c: 0 }
    for (let i = 0; i < 20_000; i++)
      counts[
        rng.weighted([
          ['a', 1],
          ['b', 3],
          ['c', 0],
        ] as const)
      ]++
    expect(counts.c).toBe(0)
    expect(counts.b / counts.a).toBeGreaterThan(2.7)
    expect(counts.b / counts.a).toBeLessThan(3.3)
  })

  it('gives unrelated streams to neighbouring indexes and seeds', () => {
    const seeds = new Set<number>()
    for (let seed = 0; seed < 20; seed++) for (let i = 0; i < 500; i++) seeds.add(streamSeed(seed, i))
    expect(seeds.size).toBe(10_000)
  })

  it('draws standard normals with mean near 0 and spread near 1', () => {
    const rng = new Prng(7)
    const xs = Array.from({ length: 20_000 }, () => rng.normal())
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(variance - 1)).toBeLessThan(0.05)
  })
})
