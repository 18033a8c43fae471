import { AppError } from '../core/errors/index.ts'

/** Parses a whole-number option or setting, or fails with a message naming it. */
export function wholeNumberOption(option: string, text: string, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text)
  if (!/^\d+$/.test(text.trim()) || value > max) {
    throw new AppError('invalid_option', `${option} must be a whole number from 0 to ${max}, not "${text}"`)
  }
  return value
}
