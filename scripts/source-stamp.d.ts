/** Types of source-stamp.js (plain JavaScript so that bin/recoup.js can use it before any loader). */
export interface SourceStamp {
  readonly root: string
  readonly newest: number
  readonly files: number
}
export declare const ROOT: string
export declare function distDir(root?: string): string
export declare function sourceStamp(root?: string): SourceStamp
export declare function writeStamp(stamp: SourceStamp): void
export declare function distIsFresh(root?: string): boolean
