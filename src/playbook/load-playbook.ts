/**
 * Reads a playbook file (JSON or YAML), checks it against playbook.schema.json and the semantic rules,
 * and reports every problem with the file, line, column and field path, so an author fixes it in one go.
 * JSON is parsed a second time as YAML (JSON is YAML) only to map field paths to lines.
 */
import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import { AppError } from '../core/errors/index.ts'
import type { PlaybookDocument } from '../core/playbook/playbook-document.ts'
import { type PlaybookProblem, validatePlaybook } from '../core/playbook/validate-playbook.ts'

/** One problem in a playbook file, as listed in the `invalid_playbook` error's details. */
export interface PlaybookFileProblem {
  file: string
  line: number
  column: number
  /** The field, e.g. `stages[2].exits[0].to` (empty for syntax errors). */
  path: string
  message: string
}

let validator: ValidateFunction | undefined

function schemaValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(new URL('./playbook.schema.json', import.meta.url), 'utf8'))
    const ajv = new Ajv2020({ allErrors: true, discriminator: true, verbose: true, strict: false })
    validator = ajv.compile(schema)
  }
  return validator
}

/** `/stages/2/exits/0/to` → `stages[2].exits[0].to`. */
function displayPath(pointer: string): string {
  let out = ''
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    out += /^\d+$/.test(seg) ? `[${seg}]` : out === '' ? seg : `.${seg}`
  }
  return out
}

/**
 * Offset of the deepest node on `pointer` that exists (a missing field points at its parent); with
 * `atKey`, the last segment's key rather than its value (for unknown properties).
 */
function offsetOf(doc: Document, pointer: string, atKey: boolean): number {
  let node: unknown = doc.contents
  let offset = 0
  const segments = pointer.split('/').slice(1)
  for (const [i, raw] of segments.entries()) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (isAlias(node)) node = node.resolve(doc)
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg)
      if (!pair) break
      const keyOffset = (isScalar(pair.key) && pair.key.range?.[0]) || offset
      if (atKey && i === segments.length - 1) return keyOffset
      node = pair.value ?? pair.key
      offset = keyOffset
    } else if (isSeq(node)) {
      node = node.items[Number(seg)]
      if (node === undefined) break
    } else break
    const range = (node as { range?: [number, number] } | null)?.range
    if (range) offset = range[0]
  }
  return offset
}

type LocatedProblem = PlaybookProblem & { atKey?: boolean }

function ajvProblem(e: ErrorObject): LocatedProblem {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}).join(', ')
      const message = `unknown property "${p.additionalProperty}"${known ? `; expected one of ${known}` : ''}`
      return { path: `${e.instancePath}/${p.additionalProperty}`, message, atKey: true }
    }
    case 'required':
      return { path: `${e.instancePath}/${p.missingProperty}`, message: 'is required' }
    case 'enum':
      return { path: e.instancePath, message: `must be one of ${(p.allowedValues as unknown[]).join(', ')}` }
    case 'discriminator':
      return { path: `${e.instancePath}/type`, message: `unknown action type ${JSON.stringify(p.tagValue)}` }
    default:
      return { path: e.instancePath, message: e.message ?? e.keyword }
  }
}

function fail(file: string, problems: PlaybookFileProblem[]): AppError {
  const lines = problems.map((p) => `  ${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`)
  return new AppError('invalid_playbook', `${file} is not a valid playbook:\n${lines.join('\n')}`, problems)
}

function located(file: string, doc: Document, lc: LineCounter, problems: LocatedProblem[]): AppError {
  const seen = new Set<string>()
  const out: PlaybookFileProblem[] = []
  for (const p of problems) {
    const key = `${p.path}\n${p.message}`
    if (seen.has(key)) continue
    seen.add(key)
    const pos = lc.linePos(offsetOf(doc, p.path, p.atKey === true))
    out.push({ file, line: pos.line, column: pos.col, path: displayPath(p.path), message: p.message })
  }
  return fail(file, out)
}

function looksLikeJson(text: string, fileName: string): boolean {
  if (/\.json$/i.test(fileName)) return true
  if (/\.ya?ml$/i.test(fileName)) return false
  return text.trimStart().startsWith('{')
}

/** Parses and validates playbook text (JSON or YAML, by extension or content); throws `invalid_playbook`. */
export function parsePlaybookText(text: string, fileName: string): PlaybookDocument {
  const lc = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true })
  let value: unknown
  if (looksLikeJson(text, fileName)) {
    try {
      value = JSON.parse(text)
    } catch (error) {
      const message = (error as Error).message
      const at = /position (\d+)/.exec(message)?.[1]
      const offset = at === undefined ? (doc.errors[0]?.pos[0] ?? 0) : Number(at)
      const pos = lc.linePos(offset)
      throw fail(fileName, [{ file: fileName, line: pos.line, column: pos.col, path: '', message }])
    }
  } else {
    if (doc.errors.length > 0) {
      const problems = doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0])
        return { file: fileName, line: pos.line, column: pos.col, path: '', message: e.message }
      })
      throw fail(fileName, problems)
    }
    try {
      value = doc.toJS({ maxAliasCount: 1000 })
    } catch (error) {
      // Too many alias expansions (a "billion laughs" document) and the like: the text's fault.
      throw fail(fileName, [
        { file: fileName, line: 1, column: 1, path: '', message: (error as Error).message },
      ])
    }
  }
  const validate = schemaValidator()
  if (!validate(value)) throw located(fileName, doc, lc, (validate.errors ?? []).map(ajvProblem))
  const playbook = value as PlaybookDocument
  const problems = validatePlaybook(playbook)
  if (problems.length > 0) throw located(fileName, doc, lc, problems)
  return playbook
}

/** Reads and validates one playbook file; throws AppError('invalid_playbook') with located details. */
export function loadPlaybookFile(path: string): PlaybookDocument {
  return parsePlaybookText(readFileSync(path, 'utf8'), path)
}
