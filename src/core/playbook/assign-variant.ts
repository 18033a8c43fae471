/**
 * Champion/challenger assignment. The variant is a pure function of the playbook id, the segment
 * name and the account key, so an account never flips between runs and anyone can recompute it
 * (FNV-1a 32-bit over UTF-8 bytes plus MurmurHash3's finalizer is a few lines in SQL or Python).
 */
import type { VariantSpec } from './playbook-document.ts'

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** Hash buckets: percents have two decimals, so 100.00% is 10,000 buckets. */
export const VARIANT_BUCKETS = 10_000

/** FNV-1a 32-bit of the UTF-8 bytes of `text`, continuing from `seed` (a previous hash) if given. */
export function fnv1a32(text: string, seed: number = FNV_OFFSET): number {
  let h = seed
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i)
    if (c < 0x80) {
      h = Math.imul(h ^ c, FNV_PRIME)
      continue
    }
    // Encode to UTF-8 inline so the hash matches byte-oriented implementations elsewhere.
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00)
        i++
      }
    }
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), FNV_PRIME)
    } else if (c < 0x10000) {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), FNV_PRIME)
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME)
    } else {
      h = Math.imul(h ^ (0xf0 | (c >> 18)), FNV_PRIME)
      h = Math.imul(h ^ (0x80 | ((c >> 12) & 0x3f)), FNV_PRIME)
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME)
    }
    h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME)
  }
  return h >>> 0
}

/**
 * MurmurHash3's 32-bit finalizer. FNV-1a alone maps keys differing only in the last character
 * (ACC-1, ACC-2, …) to buckets in arithmetic progression; the finalizer spreads them, so assignment
 * does not correlate with the order in which accounts were numbered.
 */
export function fmix32(hash: number): number {
  let h = hash
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** Picks a variant name for an account key; compiled once per segment. */
export type VariantPicker = (accountKey: string) => string

/**
 * Compiles a segment's split: bucket = fmix32(fnv1a32(`${playbookId}|${segment}|${accountKey}`)) mod 10,000,
 * and the first variant whose cumulative share (percent × 100) exceeds the bucket wins. Percents must
 * sum to 100 (validate-playbook checks); the hash prefix is computed once here.
 */
export function compileVariantPicker(
  playbookId: string,
  segment: string,
  variants: readonly VariantSpec[],
): VariantPicker {
  const seed = fnv1a32(`${playbookId}|${segment}|`)
  const names = variants.map((v) => v.name)
  const bounds: number[] = []
  let total = 0
  for (const v of variants) {
    total += Math.round(v.percent * 100)
    bounds.push(total)
  }
  const last = names[names.length - 1] ?? ''
  return (accountKey) => {
    const bucket = fmix32(fnv1a32(accountKey, seed)) % VARIANT_BUCKETS
    for (let i = 0; i < bounds.length; i++) if (bucket < (bounds[i] as number)) return names[i] as string
    return last
  }
}

/** The variant of one account (convenience for tests and reports; the run uses a compiled picker). */
export function assignVariant(
  playbookId: string,
  segment: string,
  accountKey: string,
  variants: readonly VariantSpec[],
): string {
  return compileVariantPicker(playbookId, segment, variants)(accountKey)
}
