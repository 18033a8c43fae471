// The text of a new playbook version (YAML or JSON): checked by POST /playbooks/validate, each problem
// shown beside the text with its line and field (and marked in the line numbers), saved inactive by
// POST /playbooks/versions.
import { useRef, useState } from 'react'
import { ApiError, api } from '../../shared/api.ts'
import { ErrorMessage } from '../../shared/ui.tsx'

interface Problem {
  file?: string
  line?: number
  column?: number
  path?: string
  message: string
}

export interface SavedVersion {
  id: number
  playbookId: string
  version: number
  active: boolean
}

function problemsOf(error: unknown): Problem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'invalid_playbook' || !Array.isArray(error.details))
    return null
  return error.details as Problem[]
}

export function PlaybookEditor(props: {
  text: string
  onText: (text: string) => void
  validatePath: string
  savePath: string
  canSave: boolean
  onSaved: (version: SavedVersion) => void
}) {
  const area = useRef<HTMLTextAreaElement>(null)
  const gutter = useRef<HTMLPreElement>(null)
  const [problems, setProblems] = useState<Problem[] | null>(null)
  const [error, setError] = useState<unknown>()
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const lines = props.text.split('\n')
  const badLines = new Set((problems ?? []).map((p) => p.line).filter((line) => line !== undefined))

  const send = async (path: string, save: boolean) => {
    setBusy(true)
    setError(undefined)
    setStatus(null)
    try {
      const answer = await api<
        { id: string | number; version: number; stages?: string[] } & Partial<SavedVersion>
      >(path, { method: 'POST', body: { document: props.text } })
      setProblems([])
      if (save) {
        setStatus(
          `Saved as version ${answer.version} of ${answer.playbookId} (stored version ${answer.id}), inactive.`,
        )
        props.onSaved(answer as SavedVersion)
      } else {
        setStatus(`Valid: ${answer.id} version ${answer.version}, ${answer.stages?.length ?? 0} stages.`)
      }
    } catch (failure) {
      const found = problemsOf(failure)
      setProblems(found)
      if (!found) setError(failure)
    } finally {
      setBusy(false)
    }
  }

  /** Puts the caret on a problem's line and column. */
  const goTo = (problem: Problem) => {
    const element = area.current
    if (!element || !problem.line) return
    const start = lines.slice(0, problem.line - 1).reduce((sum, line) => sum + line.length + 1, 0)
    const end = start + (lines[problem.line - 1]?.length ?? 0)
    element.focus({ preventScroll: true })
    element.setSelectionRange(start + Math.max((problem.column ?? 1) - 1, 0), end)
    // The box around the text scrolls (the text area is as tall as the text): bring the line into view.
    const box = element.parentElement
    const number = gutter.current?.children[problem.line - 1]
    if (box && number)
      box.scrollTop +=
        number.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3
  }

  return (
    <div className="editor">
      <div>
        <label htmlFor="playbook-text">
          <strong>Playbook text</strong> (YAML or JSON, docs/playbooks.md)
        </label>
        <div className="editor-text">
          <pre className="gutter" aria-hidden="true" ref={gutter}>
            {lines.map((_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one number per line
              <span key={index} className={badLines.has(index + 1) ? 'bad' : undefined}>
                {index + 1}
                {'\n'}
              </span>
            ))}
          </pre>
          <textarea
            id="playbook-text"
            ref={area}
            value={props.text}
            rows={lines.length + 1}
            wrap="off"
            spellCheck={false}
            aria-invalid={problems && problems.length > 0 ? true : undefined}
            aria-describedby="playbook-problems"
            onChange={(event) => {
              props.onText(event.target.value)
              setStatus(null)
            }}
          />
        </div>
        <div className="actions" style={{ marginTop: '0.5rem' }}>
          <button
            type="button"
            className="secondary"
            disabled={busy || !props.text.trim()}
            onClick={() => void send(props.validatePath, false)}
          >
            Validate
          </button>
          {props.canSave ? (
            <button
              type="button"
              disabled={busy || !props.text.trim()}
              onClick={() => void send(props.savePath, true)}
            >
              Save as a new version
            </button>
          ) : null}
        </div>
      </div>
      <div id="playbook-problems" aria-live="polite">
        <h3>Problems</h3>
        {status ? (
          <p className="success" role="status">
            {status}
          </p>
        ) : null}
        <ErrorMessage error={error} />
        {problems === null ? (
          <p className="muted">Validate to check the text.</p>
        ) : problems.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ol className="problems">
            {problems.map((problem, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems are listed in the server's order
              <li key={index}>
                <button type="button" className="secondary" onClick={() => goTo(problem)}>
                  Line {problem.line ?? '?'}
                  {problem.column ? `, column ${problem.column}` : ''}
                </button>{' '}
                {problem.path ? <code>{problem.path}</code> : null}: {problem.message}
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  )
}
