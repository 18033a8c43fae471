import { isTimeZone } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { isCurrencyCode } from '../../core/money/currencies.ts'
import type { Store } from '../../store/connect.ts'
import { ensureTenant, findTenantBySlug, type Tenant } from '../../store/tenant.repository.ts'

export interface CreateTenantInput {
  readonly slug: string
  /** Display name (default: the slug). */
  readonly name?: string
  readonly kind?: string
  /** IANA zone in which days past due are counted (default UTC). */
  readonly timeZone?: string
  /** Default ISO 4217 currency (default USD). */
  readonly currency?: string
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/
const MAX_NAME_CHARS = 200

/** Refuses a malformed tenant slug (`invalid_slug`): slugs appear in URLs and on the command line. */
export function checkTenantSlug(slug: string): void {
  if (!SLUG.test(slug)) {
    throw new AppError(
      'invalid_slug',
      `tenant slug ${JSON.stringify(slug.slice(0, 80))} is not 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit`,
    )
  }
}

/**
 * Creates a tenant (a creditor, or an agency collecting for clients) with its journal. It takes the
 * store, not an AppContext: there is no tenant to act for until this returns. `tenant_exists` when
 * the slug is taken, so a typo never silently reuses someone else's books.
 */
export async function createTenant(store: Store, input: CreateTenantInput): Promise<Tenant> {
  checkTenantSlug(input.slug)
  const kind = input.kind ?? 'creditor'
  if (kind !== 'creditor' && kind !== 'agency') {
    throw new AppError('invalid_kind', `kind must be creditor or agency, not "${kind}"`)
  }
  const timeZone = input.timeZone ?? 'UTC'
  if (!isTimeZone(timeZone)) throw new AppError('invalid_time_zone', `"${timeZone}" is not an IANA time zone`)
  const currency = (input.currency ?? 'USD').toUpperCase()
  if (!isCurrencyCode(currency)) {
    throw new AppError('invalid_currency', `"${currency}" is not an ISO 4217 currency`)
  }
  const name = (input.name ?? input.slug).trim()
  if (name === '' || name.length > MAX_NAME_CHARS) {
    throw new AppError('invalid_option', `the tenant name must be 1 to ${MAX_NAME_CHARS} characters`)
  }
  if (await findTenantBySlug(store.db, input.slug)) {
    throw new AppError('tenant_exists', `tenant "${input.slug}" already exists`)
  }
  return ensureTenant(store.db, { slug: input.slug, name, kind, timeZone, defaultCurrency: currency })
}
