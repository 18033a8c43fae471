/**
 * Semantic checks the JSON Schema cannot express: references between stages, variant shares, fact
 * names and the kinds of the values compared with them. Runs on a schema-valid document and lists
 * every problem with a JSON Pointer, so the loader can point at the line.
 */
import { conditionOp } from './compile-condition.ts'
import {
  CONDITION_FACTS,
  CONDITION_OPS,
  type Condition,
  type ConditionFact,
  DEFAULT_VARIANT,
  type FactKind,
  NULLABLE_FACTS,
  type PlaybookDocument,
} from './playbook-document.ts'

/** One problem in a playbook document; `path` is a JSON Pointer (`/stages/2/exits/0/to`). */
export interface PlaybookProblem {
  path: string
  message: string
}

const CONNECTIVES = ['all', 'any', 'not', 'fact'] as const
const OPS = Object.keys(CONDITION_OPS)

function describeKind(kind: FactKind): string {
  if (kind === 'string list') return 'a list of strings (eq: contains, ne: does not contain, in: any of)'
  return typeof kind === 'string' ? `a ${kind}` : `one of ${kind.map((k) => JSON.stringify(k)).join(', ')}`
}

function valueFits(kind: FactKind, value: unknown): boolean {
  if (kind === 'string list') return typeof value === 'string'
  return typeof kind === 'string' ? typeof value === kind : kind.includes(value as string)
}

function checkCondition(c: Condition, path: string, out: PlaybookProblem[]): void {
  const present = CONNECTIVES.filter((k) => k in c)
  if (present.length !== 1) {
    out.push({ path, message: 'a condition needs exactly one of "all", "any", "not" or "fact"' })
    return
  }
  if ('all' in c || 'any' in c) {
    const [key, list] = 'all' in c ? ['all', c.all] : ['any', c.any]
    const extra = Object.keys(c).find((k) => k !== key)
    if (extra) out.push({ path: `${path}/${extra}`, message: `"${extra}" cannot stand beside "${key}"` })
    list.forEach((inner, i) => {
      checkCondition(inner, `${path}/${key}/${i}`, out)
    })
    return
  }
  if ('not' in c) {
    const extra = Object.keys(c).find((k) => k !== 'not')
    if (extra) out.push({ path: `${path}/${extra}`, message: `"${extra}" cannot stand beside "not"` })
    checkCondition(c.not, `${path}/not`, out)
    return
  }
  const fact = c.fact as string
  if (!Object.hasOwn(CONDITION_FACTS, fact)) {
    const known = Object.keys(CONDITION_FACTS).join(', ')
    out.push({ path: `${path}/fact`, message: `unknown fact "${fact}"; known facts: ${known}` })
    return
  }
  const op = conditionOp(c)
  if (!op) {
    out.push({ path, message: `a fact condition needs exactly one operator of ${OPS.join(', ')}` })
    return
  }
  const kind: FactKind = CONDITION_FACTS[fact as ConditionFact]
  const value = c[op]
  const at = `${path}/${op}`
  if (value === null) {
    if (op !== 'eq' && op !== 'ne') out.push({ path: at, message: `"${op}" cannot compare with null` })
    else if (!NULLABLE_FACTS.has(fact as ConditionFact))
      out.push({ path: at, message: `${fact} is never null` })
    return
  }
  if (op !== 'eq' && op !== 'ne' && op !== 'in' && kind !== 'number') {
    out.push({ path: at, message: `"${op}" needs a number fact; ${fact} is ${describeKind(kind)}` })
    return
  }
  const values = op === 'in' ? (value as unknown[]) : [value]
  values.forEach((v, i) => {
    if (!valueFits(kind, v)) {
      const where = op === 'in' ? `${at}/${i}` : at
      out.push({ path: where, message: `${fact} is ${describeKind(kind)}; got ${JSON.stringify(v)}` })
    }
  })
}

function checkSegments(doc: PlaybookDocument, out: PlaybookProblem[]): Set<string> {
  const variantNames = new Set<string>()
  const segmentNames = new Map<string, number>()
  ;(doc.segments ?? []).forEach((s, i) => {
    const at = `/segments/${i}`
    const first = segmentNames.get(s.name)
    if (first !== undefined)
      out.push({ path: `${at}/name`, message: `duplicate segment "${s.name}" (first at segments[${first}])` })
    else segmentNames.set(s.name, i)
    if (s.when) checkCondition(s.when, `${at}/when`, out)
    if (!s.variants) {
      variantNames.add(DEFAULT_VARIANT)
      return
    }
    const seen = new Set<string>()
    let total = 0
    s.variants.forEach((v, j) => {
      if (seen.has(v.name))
        out.push({ path: `${at}/variants/${j}/name`, message: `duplicate variant "${v.name}"` })
      seen.add(v.name)
      variantNames.add(v.name)
      const hundredths = Math.round(v.percent * 100)
      if (Math.abs(hundredths - v.percent * 100) > 1e-6)
        out.push({ path: `${at}/variants/${j}/percent`, message: 'percent has at most two decimals' })
      total += hundredths
    })
    if (total !== 10_000)
      out.push({ path: `${at}/variants`, message: `variant percents sum to ${total / 100}, not 100` })
  })
  if (!doc.segments?.length) variantNames.add(DEFAULT_VARIANT)
  return variantNames
}

/** Lists every semantic problem of a schema-valid playbook document (empty when it is sound). */
export function validatePlaybook(doc: PlaybookDocument): PlaybookProblem[] {
  const out: PlaybookProblem[] = []
  if (doc.appliesTo) checkCondition(doc.appliesTo, '/appliesTo', out)
  const variantNames = checkSegments(doc, out)
  const stageIndex = new Map<string, number>()
  doc.stages.forEach((s, i) => {
    const first = stageIndex.get(s.key)
    if (first !== undefined)
      out.push({
        path: `/stages/${i}/key`,
        message: `duplicate stage key "${s.key}" (first at stages[${first}])`,
      })
    else stageIndex.set(s.key, i)
  })
  doc.stages.forEach((s, i) => {
    const at = `/stages/${i}`
    if (s.entry) checkCondition(s.entry, `${at}/entry`, out)
    if (i === 0 && s.escalation)
      out.push({
        path: `${at}/escalation`,
        message: 'the first stage is entered directly and cannot be gated',
      })
    ;(s.exits ?? []).forEach((e, j) => {
      checkCondition(e.when, `${at}/exits/${j}/when`, out)
      if (!stageIndex.has(e.to)) out.push({ path: `${at}/exits/${j}/to`, message: `no stage "${e.to}"` })
      else if (e.to === s.key)
        out.push({ path: `${at}/exits/${j}/to`, message: 'an exit cannot lead back to its own stage' })
    })
    let previous = 0
    s.steps.forEach((step, j) => {
      if (step.afterDays < previous)
        out.push({
          path: `${at}/steps/${j}/afterDays`,
          message: `afterDays ${step.afterDays} is before the previous step's ${previous}; list steps in time order`,
        })
      previous = Math.max(previous, step.afterDays)
      if (step.when) checkCondition(step.when, `${at}/steps/${j}/when`, out)
      ;(step.variants ?? []).forEach((v, k) => {
        if (!variantNames.has(v))
          out.push({ path: `${at}/steps/${j}/variants/${k}`, message: `no segment declares variant "${v}"` })
      })
    })
  })
  return out
}
