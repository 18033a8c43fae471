/**
 * The commands that may create the database (a missing SQLite file and its folder): the ones that
 * put data in. Every other command needs one that exists, so that a read-only command run in the
 * wrong folder or with a mistyped DATABASE_URL says so instead of leaving an empty ./data/ behind.
 */
export const COMMANDS_THAT_CREATE_THE_DATABASE: readonly string[] = [
  'serve',
  'import',
  'demo',
  'tenant create',
]

let running = ''

/** Records the command being run (its path below `recoup`, e.g. "tenant create"); main does it once. */
export function setRunningCommand(path: string): void {
  running = path
}

/** Whether the running command may create the database. */
export function mayCreateDatabase(): boolean {
  return COMMANDS_THAT_CREATE_THE_DATABASE.includes(running)
}
