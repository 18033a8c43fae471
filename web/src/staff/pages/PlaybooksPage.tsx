// Playbooks: the ones the next daily run applies, each drawn as its stage flow; the tenant's stored
// versions; an editor for a new version (validated on the server, problems beside the text); a
// simulation of a stored version over past days; and activation (docs/playbooks.md, "Stored versions").
import { useState } from 'react'
import { api, type Page } from '../../shared/api.ts'
import { count, instant } from '../../shared/format.ts'
import { Badge, Card, ErrorMessage, Loading, PageHeader } from '../../shared/ui.tsx'
import { useApi } from '../../shared/use-api.ts'
import { may, useSession, useTenantPath } from '../session.tsx'
import { PlaybookEditor } from './PlaybookEditor.tsx'
import { type PlaybookDocument, PlaybookFlow } from './PlaybookFlow.tsx'
import { PlaybookSimulation } from './PlaybookSimulation.tsx'
import './screens.css'

interface EffectivePlaybook {
  playbookId: string
  version: number
  description: string | null
  stages: string[]
  origin: 'shipped' | 'tenant'
  versionId: number | null
  document: PlaybookDocument
}

export interface PlaybookVersion {
  id: number
  playbookId: string
  version: number
  description: string | null
  stages: string[]
  active: boolean
  createdBy: string
  createdAt: string
  activatedAt: string | null
  activatedBy: string | null
}

export function PlaybooksPage() {
  const session = useSession()
  const t = useTenantPath()
  const effective = useApi<EffectivePlaybook[]>(t('/playbooks'))
  const versions = useApi<Page<PlaybookVersion>>(t('/playbooks/versions?limit=50'))
  const [text, setText] = useState('')
  const [simulated, setSimulated] = useState<number | null>(null)
  const [error, setError] = useState<unknown>()
  const [notice, setNotice] = useState<string | null>(null)
  const manage = may(session, 'playbooks.manage')
  const simulate = may(session, 'playbooks.simulate')

  const startFrom = (playbook: EffectivePlaybook) => {
    // The document as JSON is a valid playbook text; the next version number is the one to save.
    setText(`${JSON.stringify({ ...playbook.document, version: playbook.version + 1 }, null, 2)}\n`)
    document.getElementById('playbook-text')?.focus()
  }
  const edit = async (version: PlaybookVersion) => {
    setError(undefined)
    try {
      const stored = await api<{ source: string }>(t(`/playbooks/versions/${version.id}`))
      setText(stored.source)
      document.getElementById('playbook-text')?.focus()
    } catch (failure) {
      setError(failure)
    }
  }
  const activate = async (version: PlaybookVersion) => {
    if (
      !window.confirm(
        `Activate ${version.playbookId} version ${version.version}? It applies from the next daily run.`,
      )
    )
      return
    setError(undefined)
    try {
      await api(t(`/playbooks/versions/${version.id}/activate`), { method: 'POST' })
      setNotice(`${version.playbookId} version ${version.version} is active from the next daily run.`)
      versions.reload()
      effective.reload()
    } catch (failure) {
      setError(failure)
    }
  }

  return (
    <>
      <PageHeader
        title="Playbooks"
        subtitle="The collection strategies the daily run applies, stage by stage."
      />
      <Card title="In use">
        {effective.error ? <ErrorMessage error={effective.error} /> : null}
        {effective.data ? (
          effective.data.map((playbook) => (
            <section key={playbook.playbookId} aria-labelledby={`playbook-${playbook.playbookId}`}>
              <div className="card-head">
                <h3 id={`playbook-${playbook.playbookId}`}>
                  {playbook.playbookId} version {playbook.version}{' '}
                  <Badge tone={playbook.origin === 'tenant' ? 'info' : 'neutral'}>{playbook.origin}</Badge>
                </h3>
                {manage ? (
                  <button type="button" className="secondary" onClick={() => startFrom(playbook)}>
                    Edit a copy of {playbook.playbookId}
                  </button>
                ) : null}
              </div>
              {playbook.description ? <p className="muted">{playbook.description}</p> : null}
              <PlaybookFlow document={playbook.document} />
            </section>
          ))
        ) : effective.loading ? (
          <Loading />
        ) : null}
      </Card>

      <Card title="Stored versions">
        {versions.error ? <ErrorMessage error={versions.error} /> : null}
        <ErrorMessage error={error} />
        {notice ? (
          <p className="success" role="status">
            {notice}
          </p>
        ) : null}
        {versions.data ? (
          versions.data.items.length === 0 ? (
            <p className="muted">No stored version yet: the shipped playbooks apply.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Playbook</th>
                    <th scope="col" className="num">
                      Version
                    </th>
                    <th scope="col" className="num">
                      Stages
                    </th>
                    <th scope="col">Saved</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {versions.data.items.map((version) => (
                    <tr key={version.id}>
                      <td>{version.playbookId}</td>
                      <td className="num">{version.version}</td>
                      <td className="num">{count(version.stages.length)}</td>
                      <td>
                        {instant(version.createdAt)} by {version.createdBy}
                      </td>
                      <td>
                        {version.active ? (
                          <Badge tone="good">active since {instant(version.activatedAt)}</Badge>
                        ) : (
                          <Badge>inactive</Badge>
                        )}
                      </td>
                      <td>
                        <div className="actions">
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => void edit(version)}
                            aria-label={`Edit a copy of ${version.playbookId} version ${version.version}`}
                          >
                            Edit a copy
                          </button>
                          {simulate ? (
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => setSimulated(version.id)}
                              aria-label={`Simulate ${version.playbookId} version ${version.version}`}
                            >
                              Simulate
                            </button>
                          ) : null}
                          {manage && !version.active ? (
                            <button
                              type="button"
                              onClick={() => void activate(version)}
                              aria-label={`Activate ${version.playbookId} version ${version.version}`}
                            >
                              Activate
                            </button>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : versions.loading ? (
          <Loading />
        ) : null}
      </Card>

      {simulate && versions.data && versions.data.items.length > 0 ? (
        <PlaybookSimulation versions={versions.data.items} selected={simulated} onSelect={setSimulated} />
      ) : null}

      <Card title="New version">
        <PlaybookEditor
          text={text}
          onText={setText}
          validatePath={t('/playbooks/validate')}
          savePath={t('/playbooks/versions')}
          canSave={manage}
          onSaved={(saved) => {
            versions.reload()
            setSimulated(saved.id)
          }}
        />
      </Card>
    </>
  )
}
