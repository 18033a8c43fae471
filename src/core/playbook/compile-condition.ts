import type { AccountFacts } from './account-facts.ts'
import {
  CONDITION_FACTS,
  CONDITION_OPS,
  type Condition,
  type ConditionOp,
  type FactCondition,
} from './playbook-document.ts'

/** A compiled condition: called once per account, so it must not parse or allocate. */
export type FactTest = (facts: AccountFacts) => boolean

/** A condition turned into a closure plus the text decision traces quote. */
export interface CompiledCondition {
  test: FactTest
  text: string
}

type FactRecord = Record<string, string | number | boolean | null>

const ALWAYS: CompiledCondition = { test: () => true, text: 'always' }

/** The single operator of a validated fact condition. */
export function conditionOp(condition: FactCondition): ConditionOp | undefined {
  let found: ConditionOp | undefined
  for (const op of Object.keys(CONDITION_OPS) as ConditionOp[]) {
    if (op in condition) {
      if (found) return undefined
      found = op
    }
  }
  return found
}

function compareFact(key: string, op: ConditionOp, value: unknown): FactTest {
  // Facts are read through a plain record view; a null fact fails every comparison except `eq: null`.
  if (op === 'eq' && value === null) return (f) => (f as unknown as FactRecord)[key] === null
  if (op === 'ne' && value === null) return (f) => (f as unknown as FactRecord)[key] !== null
  switch (op) {
    case 'eq':
      return (f) => (f as unknown as FactRecord)[key] === value
    case 'ne':
      return (f) => {
        const x = (f as unknown as FactRecord)[key]
        return x !== null && x !== value
      }
    case 'gt':
      return (f) => {
        const x = (f as unknown as FactRecord)[key]
        return x !== null && (x as number) > (value as number)
      }
    case 'gte':
      return (f) => {
        const x = (f as unknown as FactRecord)[key]
        return x !== null && (x as number) >= (value as number)
      }
    case 'lt':
      return (f) => {
        const x = (f as unknown as FactRecord)[key]
        return x !== null && (x as number) < (value as number)
      }
    case 'lte':
      return (f) => {
        const x = (f as unknown as FactRecord)[key]
        return x !== null && (x as number) <= (value as number)
      }
    case 'in': {
      const set = new Set(value as unknown[])
      return (f) => {
        const x = (f as unknown as FactRecord)[key]
        return x !== null && x !== undefined && set.has(x)
      }
    }
  }
}

/** A list fact tested by membership: eq contains, ne does not contain, in contains any of. */
function compareList(key: string, op: ConditionOp, value: unknown): FactTest {
  const list = (f: AccountFacts) => (f as unknown as Record<string, readonly string[]>)[key] ?? []
  switch (op) {
    case 'eq':
      return (f) => list(f).includes(value as string)
    case 'ne':
      return (f) => !list(f).includes(value as string)
    case 'in': {
      const wanted = new Set(value as string[])
      return (f) => list(f).some((x) => wanted.has(x))
    }
    default:
      throw new Error(`"${op}" cannot test the list fact ${key}`)
  }
}

function allOf(tests: FactTest[]): FactTest {
  const [a, b] = tests
  if (tests.length === 1 && a) return a
  if (tests.length === 2 && a && b) return (f) => a(f) && b(f)
  return (f) => {
    for (const t of tests) if (!t(f)) return false
    return true
  }
}

function anyOf(tests: FactTest[]): FactTest {
  const [a, b] = tests
  if (tests.length === 1 && a) return a
  if (tests.length === 2 && a && b) return (f) => a(f) || b(f)
  return (f) => {
    for (const t of tests) if (t(f)) return true
    return false
  }
}

/**
 * Compiles a validated condition once into a closure and its trace text (`daysPastDue >= 30`).
 * An absent condition compiles to "always". Throws on a shape validation should have rejected.
 */
export function compileCondition(condition: Condition | undefined): CompiledCondition {
  if (condition === undefined) return ALWAYS
  if ('all' in condition) {
    const parts = condition.all.map((c) => compileCondition(c))
    return { test: allOf(parts.map((p) => p.test)), text: `(${parts.map((p) => p.text).join(' and ')})` }
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => compileCondition(c))
    return { test: anyOf(parts.map((p) => p.test)), text: `(${parts.map((p) => p.text).join(' or ')})` }
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not)
    const t = inner.test
    return { test: (f) => !t(f), text: `not ${inner.text}` }
  }
  const op = conditionOp(condition)
  if (!op) throw new Error(`condition on ${condition.fact} needs exactly one operator`)
  const value = condition[op]
  return {
    test:
      CONDITION_FACTS[condition.fact] === 'string list'
        ? compareList(condition.fact, op, value)
        : compareFact(condition.fact, op, value),
    text: `${condition.fact} ${CONDITION_OPS[op]} ${JSON.stringify(value)}`,
  }
}

/**
 * The facts that time alone changes, and how: +1 a day (days past due, days since the last response)
 * or -1 a day (days until the limitation date). Every other fact changes only with an event.
 */
export const TIME_FACTS = { daysPastDue: 1, daysSinceLastResponse: 1, daysUntilLimitation: -1 } as const
export type TimeFact = keyof typeof TIME_FACTS

/**
 * For each time fact, the values at which some comparison in `condition` may answer differently than it
 * did at the value one below: `x >= 30` changes at 30, `x > 30` and `x <= 30` at 31, `x = 30` at 30
 * and 31. Between two change points every comparison on the fact keeps its answer, so the condition
 * does too. Comparisons with null (`eq: null`) do not depend on time: a null fact stays null until an event.
 */
export function collectChangePoints(
  condition: Condition | undefined,
  into: Map<TimeFact, Set<number>>,
): void {
  if (condition === undefined) return
  if ('all' in condition) {
    for (const c of condition.all) collectChangePoints(c, into)
    return
  }
  if ('any' in condition) {
    for (const c of condition.any) collectChangePoints(c, into)
    return
  }
  if ('not' in condition) {
    collectChangePoints(condition.not, into)
    return
  }
  if (!(condition.fact in TIME_FACTS)) return
  const op = conditionOp(condition)
  if (!op) return
  const value = condition[op]
  const points = into.get(condition.fact as TimeFact) ?? new Set<number>()
  into.set(condition.fact as TimeFact, points)
  const exact = (v: unknown) => {
    if (typeof v === 'number' && Number.isInteger(v)) points.add(v).add(v + 1)
  }
  if (typeof value === 'number') {
    if (op === 'gte' || op === 'lt') points.add(Math.ceil(value))
    else if (op === 'gt' || op === 'lte') points.add(Math.floor(value) + 1)
    else exact(value)
  } else if (Array.isArray(value)) for (const v of value) exact(v)
}
