/**
 * A small seeded pseudo-random generator (mulberry32) for demo data: fast, 32-bit state, and the same
 * sequence on every platform, which `Math.random` does not promise. Not for anything secret.
 */
export class Prng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** One element of a list of [item, weight] pairs, in proportion to the weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    // Index loops, not destructuring for-of: this runs several times per generated record.
    let total = 0
    for (let i = 0; i < items.length; i++) total += (items[i] as readonly [T, number])[1]
    let draw = this.next() * total
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as readonly [T, number]
      draw -= item[1]
      if (draw < 0) return item[0]
    }
    return (items[items.length - 1] as readonly [T, number])[0]
  }

  /** A standard normal variate (Box-Muller; the second variate is dropped to keep the stream simple). */
  normal(): number {
    const u = 1 - this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }

  /** `count` decimal digits as a string, leading zeros kept. */
  digits(count: number): string {
    let text = ''
    for (let i = 0; i < count; i++) text += Math.floor(this.next() * 10)
    return text
  }
}

function mix32(value: number): number {
  let z = value | 0
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad)
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97)
  return (z ^ (z >>> 15)) >>> 0
}

/**
 * The seed of stream `index` of a run seeded with `seed` (splitmix32 finaliser), so every debtor draws
 * from its own stream: a record depends only on (seed, index), never on how many came before it.
 */
export function streamSeed(seed: number, index: number): number {
  return mix32(mix32(seed) + Math.imul(index + 1, 0x9e3779b9))
}
