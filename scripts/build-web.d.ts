/** scripts/build-web.js, for the TypeScript tests that rebuild the web app when it is stale. */
export const WEB_SOURCE: string
export const WEB_OUT: string
export function webSourceStamp(): { newest: number; files: number }
export function webIsFresh(): boolean
export function buildWeb(options?: { quiet?: boolean }): Promise<void>
