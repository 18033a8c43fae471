/** Types of source-stamp.js (plain JavaScript so that bin/recoup.js can use it before any loader). */
export interface SourceStamp {
  readonly root: string
  readonly newest: number
  readonly files: number
  /** The entry file's name in dist/ (recorded by the build). */
  readonly entry?: string
}
export declare const ROOT: string
export declare function distDir(root?: string): string
export declare function sourceStamp(root?: string): SourceStamp
export declare function writeStamp(stamp: SourceStamp): void
export declare function freshDistEntry(root?: string): string | null
export declare function distIsFresh(root?: string): boolean
