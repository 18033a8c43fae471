import { formatAmount } from '../../core/money/money.ts'
import type { TimelineKind } from '../../core/timeline/timeline-page.ts'
import type { TimelineSourceRow } from '../../store/records/account-timeline.repository.ts'

/** One item of an account's timeline as the API shows it (the schema: timeline.schema.ts). */
export interface TimelineItem {
  /** Unique in the timeline: `<kind>:<row id>`, a dispute's events `dispute.<event>:<row id>`. */
  readonly id: string
  readonly kind: TimelineKind
  readonly at: string
  readonly title: string
  readonly status: string | null
  readonly amountMinor: number | null
  readonly currency: string | null
  readonly details: Record<string, unknown>
}

/** What the items need of the account besides its rows. */
export interface TimelineAccount {
  readonly tenantSlug: string
  readonly externalId: string
  readonly currency: string
  readonly jurisdiction: string
  /** Today in the tenant's zone: instalments past their day are overdue. */
  readonly today: string
  /** The tenant's zone: the day a letter was mailed is counted there. */
  readonly timeZone: string
}

/** A source row of one kind. */
export type Row<K extends TimelineKind> = TimelineSourceRow<K>

/** A JSON object stored as text, or {} when it is not one. */
export function parse(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {}
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

/** A reason of a compliance result: the rule, its citation and what it said. */
export interface Reason {
  ruleId: string
  citation: string | null
  message: string
}

/** The well-formed reasons of a stored compliance result. */
export function reasonsOf(value: unknown): Reason[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((r) =>
    typeof r === 'object' && r !== null && typeof (r as Reason).ruleId === 'string'
      ? [
          {
            ruleId: (r as Reason).ruleId,
            citation: typeof (r as Reason).citation === 'string' ? (r as Reason).citation : null,
            message: typeof (r as Reason).message === 'string' ? (r as Reason).message : '',
          },
        ]
      : [],
  )
}

/** An amount in words for a title: "12.50 USD" (never signed). */
export const money = (minor: number, currency: string) =>
  `${formatAmount(Math.abs(minor), currency)} ${currency}`

/** A string field of parsed JSON, or null. */
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
