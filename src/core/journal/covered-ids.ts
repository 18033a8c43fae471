import type { IdRanges } from './row-digest.ts'

/**
 * The ids the journal vouches for in one table, kept as ranges (a bulk batch is one range), so a
 * tenant's whole history fits in memory proportional to its batches, not its rows. Rows are then
 * streamed in id order and each must fall in a range: a row inserted behind the journal's back fails.
 */
export class CoveredIds {
  private ranges: [number, number][] = []
  private merged = true
  private cursor = 0

  /** Records the ranges of one cover. */
  add(ranges: IdRanges): void {
    for (const [from, to] of ranges) this.ranges.push([from, to])
    this.merged = false
  }

  /**
   * Whether `id` is covered. Ids must be asked in ascending order (the verifier streams rows by id),
   * which lets one forward cursor answer every question.
   */
  has(id: number): boolean {
    if (!this.merged) this.merge()
    while (this.cursor < this.ranges.length && (this.ranges[this.cursor]?.[1] ?? 0) < id) this.cursor++
    const range = this.ranges[this.cursor]
    return range !== undefined && range[0] <= id
  }

  private merge(): void {
    this.ranges.sort((a, b) => a[0] - b[0])
    const merged: [number, number][] = []
    for (const [from, to] of this.ranges) {
      const last = merged[merged.length - 1]
      if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to)
      else merged.push([from, to])
    }
    this.ranges = merged
    this.merged = true
    this.cursor = 0
  }
}
