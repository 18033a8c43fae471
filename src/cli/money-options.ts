import type { AppContext } from '../app/app-context.ts'
import { parseLocalDate } from '../core/calendar/local-date.ts'
import { AppError } from '../core/errors/index.ts'
import { withActor } from './cli-context.ts'

/** Prints a command's result as JSON (the money commands are meant for scripts as much as for people). */
export const printJson = (value: unknown): void => console.log(JSON.stringify(value, null, 2))

/** A required option's value, or `missing_option` (exit 2, like every other bad input). */
export function required(option: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '')
    throw new AppError('missing_option', `${option} is required`)
  return value
}

/** A YYYY-MM-DD option, or `invalid_date` naming the option. */
export function dateOption(option: string, text: string): string {
  const parsed = parseLocalDate(text)
  if (!parsed.ok) throw new AppError('invalid_date', `${option}: ${parsed.reason}; use YYYY-MM-DD`)
  return parsed.date
}

/** The same for an optional date option. */
export function optionalDate(option: string, text: string | undefined): string | undefined {
  return text === undefined ? undefined : dateOption(option, text)
}

/** Runs a money use case for `--tenant` as the CLI actor and prints its result as JSON. */
export async function runMoneyStep(
  tenantSlug: string | undefined,
  useCase: (ctx: AppContext) => Promise<unknown>,
): Promise<void> {
  printJson(await withActor(tenantSlug, useCase))
}
