/**
 * Aging buckets: contiguous days-past-due ranges. Bucket 0 is always "current" (not yet past due);
 * the last bucket is open-ended. Defined by their upper bounds so they can never overlap or leave gaps.
 */
export interface AgingBucket {
  readonly label: string
  /** Smallest DPD in the bucket; `null` for "current" (everything up to 0). */
  readonly minDays: number | null
  /** Largest DPD in the bucket; `null` for the open-ended last bucket. */
  readonly maxDays: number | null
}

/** Upper bounds of the default buckets: current, 1-30, 31-60, 61-90, 91-120, 121+. */
export const DEFAULT_BUCKET_BOUNDS: readonly number[] = [30, 60, 90, 120]

/** Builds buckets from strictly increasing positive upper bounds, e.g. [30, 60, 90] → current, 1-30, 31-60, 61-90, 91+. */
export function bucketsFromBounds(bounds: readonly number[] = DEFAULT_BUCKET_BOUNDS): AgingBucket[] {
  let previous = 0
  for (const bound of bounds) {
    if (!Number.isInteger(bound) || bound <= previous) {
      throw new RangeError(`bucket bounds must be increasing positive whole days; got ${bounds.join(',')}`)
    }
    previous = bound
  }
  const buckets: AgingBucket[] = [{ label: 'current', minDays: null, maxDays: 0 }]
  let lower = 1
  for (const bound of bounds) {
    buckets.push({ label: `${lower}-${bound}`, minDays: lower, maxDays: bound })
    lower = bound + 1
  }
  buckets.push({ label: `${lower}+`, minDays: lower, maxDays: null })
  return buckets
}

/** Parses "30,60,90,120" as given on a command line. */
export function parseBucketBounds(text: string): number[] {
  const bounds = text.split(',').map((part) => Number(part.trim()))
  bucketsFromBounds(bounds)
  return bounds
}

/** Index of the bucket that holds `daysPastDue`. */
export function bucketIndex(daysPastDue: number, bounds: readonly number[] = DEFAULT_BUCKET_BOUNDS): number {
  if (daysPastDue <= 0) return 0
  for (let i = 0; i < bounds.length; i++) {
    if (daysPastDue <= (bounds[i] as number)) return i + 1
  }
  return bounds.length + 1
}
