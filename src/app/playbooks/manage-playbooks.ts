import { AppError } from '../../core/errors/index.ts'
import { type Page, pageOf, pageRequest } from '../../core/paging/page-cursor.ts'
import { compilePlaybook } from '../../core/playbook/compile-playbook.ts'
import type { PlaybookDocument } from '../../core/playbook/playbook-document.ts'
import type { SimulationReport } from '../../engine/simulate-playbook.ts'
import { loadDefaultPlaybooks } from '../../playbook/default-playbooks.ts'
import { parsePlaybookText } from '../../playbook/load-playbook.ts'
import { mergePlaybooks, tenantPlaybooks } from '../../playbook/tenant-playbooks.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import {
  findPlaybookVersion,
  findPlaybookVersionByNumber,
  insertPlaybookVersion,
  listActivePlaybookVersions,
  listPlaybookVersionRows,
  lockPlaybookVersions,
  markPlaybookVersionActive,
  type PlaybookVersionRow,
} from '../../store/playbooks/playbook-version.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { simulatePlaybooks } from '../engine/simulate-playbooks.ts'

/** One stored playbook version as listings show it. */
export interface PlaybookVersionView {
  readonly id: number
  readonly playbookId: string
  readonly version: number
  readonly description: string | null
  readonly stages: readonly string[]
  readonly active: boolean
  readonly createdBy: string
  readonly createdAt: string
  readonly activatedAt: string | null
  readonly activatedBy: string | null
}

/** One stored version with the text it was saved from. */
export interface PlaybookVersionDetail extends PlaybookVersionView {
  readonly source: string
}

/** One playbook the daily run applies, and where it comes from. */
export interface EffectivePlaybookView {
  readonly playbookId: string
  readonly version: number
  readonly description: string | null
  readonly stages: readonly string[]
  readonly origin: 'shipped' | 'tenant'
  readonly versionId: number | null
  /** The whole document (segments, stages with entry, exits and steps), for drawing it. */
  readonly document: PlaybookDocument
}

const MAX_PLAYBOOK_CHARS = 1_000_000
const SORT_FIELDS = ['id'] as const

function parseDocument(
  text: string,
  format: 'yaml' | 'json' | undefined,
  maxChars = MAX_PLAYBOOK_CHARS,
): PlaybookDocument {
  if (text.length > maxChars)
    throw new AppError('invalid_playbook', `the playbook is over ${MAX_PLAYBOOK_CHARS} characters`, {
      field: 'document',
    })
  const name = format === 'json' ? 'playbook.json' : format === 'yaml' ? 'playbook.yaml' : 'playbook'
  const document = parsePlaybookText(text, name)
  // What the engine will do with it: a document that cannot compile is refused now, not at 6 a.m.
  compilePlaybook(document)
  return document
}

/**
 * Saves a playbook version from YAML or JSON text, inactive. The version is the document's own
 * `id` and `version`: saving the same document again answers the stored version (`created: false`);
 * another document under a stored id and version is `playbook_version_exists` (raise `version:`).
 */
export async function savePlaybookVersion(
  ctx: AppContext,
  input: { readonly text: string; readonly format?: 'yaml' | 'json' },
): Promise<{ created: boolean; version: PlaybookVersionView }> {
  authorize(ctx.actor, 'playbooks.manage')
  requireAllClients(ctx.actor, 'manage playbooks')
  const document = parseDocument(input.text, input.format)
  const tenantId = ctx.actor.tenant.id
  const json = JSON.stringify(document)
  // What is stored is what the engine compiles: a value JSON cannot hold (YAML's .inf, .nan) would
  // come back as null and break every later decision, so the stored form is checked too.
  parseDocument(json, 'json', MAX_PLAYBOOK_CHARS * 2)
  const shipped = loadDefaultPlaybooks().find((p) => p.id === document.id && p.version === document.version)
  if (shipped && JSON.stringify(shipped) !== json)
    throw new AppError(
      'playbook_version_exists',
      `${document.id}@${document.version} is a shipped playbook with other content; raise its version`,
      { field: 'document.version', playbook: document.id, version: document.version },
    )
  return inTransaction(ctx, async (trx) => {
    // Concurrent saves and activations of one playbook id take turns (PostgreSQL row locks).
    await lockPlaybookVersions(trx, tenantId, document.id)
    const existing = await findPlaybookVersionByNumber(trx, tenantId, document.id, document.version)
    if (existing) {
      if (existing.document === json) return { created: false, version: viewOf(existing) }
      throw new AppError(
        'playbook_version_exists',
        `${document.id}@${document.version} is already stored with other content; raise its version`,
        {
          field: 'document.version',
          playbook: document.id,
          version: document.version,
          id: Number(existing.id),
        },
      )
    }
    const row = await insertPlaybookVersion(trx, {
      tenantId,
      playbookId: document.id,
      version: document.version,
      description: document.description ?? null,
      document: json,
      source: input.text,
      createdBy: actorLabel(ctx.actor),
    })
    await appendJournalEvent(trx, {
      tenantId,
      type: 'playbook.saved',
      actor: actorLabel(ctx.actor),
      payload: { id: Number(row.id), playbook: document.id, version: document.version },
    })
    return { created: true, version: viewOf(row) }
  })
}

/** One page of the tenant's stored versions, newest first (`sort=id` for oldest first). */
export async function listPlaybookVersions(
  ctx: AppContext,
  input: { playbook?: string; limit?: number; cursor?: string; sort?: string } = {},
): Promise<Page<PlaybookVersionView>> {
  authorize(ctx.actor, 'playbooks.read')
  const page = pageRequest(input, SORT_FIELDS, { field: 'id', direction: 'desc' })
  const rows = await listPlaybookVersionRows(ctx.store.db, ctx.actor.tenant.id, page, {
    ...(input.playbook !== undefined ? { playbookId: input.playbook } : {}),
  })
  const cut = pageOf(rows, page, (row) => ({ value: Number(row.id), id: Number(row.id) }))
  return { items: cut.items.map(viewOf), nextCursor: cut.nextCursor }
}

/** One stored version with its source text. */
export async function getPlaybookVersion(
  ctx: AppContext,
  input: { id: number },
): Promise<PlaybookVersionDetail> {
  authorize(ctx.actor, 'playbooks.read')
  const row = await requireVersion(ctx, input.id)
  return { ...viewOf(row), source: row.source }
}

/**
 * Makes a stored version its playbook's active one (the previous active version of that id goes
 * inactive). It applies from the tenant's next daily run on. Journaled; activating the active
 * version again changes nothing.
 */
export async function activatePlaybookVersion(
  ctx: AppContext,
  input: { id: number; now?: Date },
): Promise<PlaybookVersionView> {
  authorize(ctx.actor, 'playbooks.manage')
  requireAllClients(ctx.actor, 'activate playbooks')
  const tenantId = ctx.actor.tenant.id
  return inTransaction(ctx, async (trx) => {
    const found = await findPlaybookVersion(trx, tenantId, input.id)
    if (!found)
      throw new AppError('playbook_version_not_found', `no playbook version ${input.id} in this tenant`)
    // Concurrent activations of one playbook id take turns; the rows are read again under the lock.
    await lockPlaybookVersions(trx, tenantId, found.playbook_id)
    const row = (await findPlaybookVersion(trx, tenantId, input.id)) as PlaybookVersionRow
    const at = (input.now ?? new Date()).toISOString()
    const previous = (await listActivePlaybookVersions(trx, tenantId)).find(
      (r) => r.playbook_id === row.playbook_id,
    )
    if (await markPlaybookVersionActive(trx, row, at, actorLabel(ctx.actor)))
      await appendJournalEvent(trx, {
        tenantId,
        type: 'playbook.activated',
        actor: actorLabel(ctx.actor),
        payload: {
          id: Number(row.id),
          playbook: row.playbook_id,
          version: row.version,
          replaced: previous && previous.id !== row.id ? Number(previous.id) : null,
        },
      })
    return viewOf((await findPlaybookVersion(trx, tenantId, input.id)) as PlaybookVersionRow)
  })
}

/** The playbooks the tenant's next daily run applies, shipped or the tenant's own. */
export async function listEffectivePlaybooks(ctx: AppContext): Promise<EffectivePlaybookView[]> {
  authorize(ctx.actor, 'playbooks.read')
  return (await tenantPlaybooks(ctx.store.db, ctx.actor.tenant.id)).map((p) => ({
    playbookId: p.document.id,
    version: p.document.version,
    description: p.document.description ?? null,
    stages: p.document.stages.map((s) => s.key),
    origin: p.origin,
    versionId: p.versionId,
    document: p.document,
  }))
}

/**
 * Replays a stored version over past days as if it were active: the tenant's effective set with this
 * version in place of its playbook id. Sends and writes nothing.
 */
export async function simulatePlaybookVersion(
  ctx: AppContext,
  input: { id: number; from: string; to: string },
): Promise<SimulationReport> {
  authorize(ctx.actor, 'playbooks.simulate')
  const row = await requireVersion(ctx, input.id)
  const active = (await listActivePlaybookVersions(ctx.store.db, ctx.actor.tenant.id)).filter(
    (r) => r.playbook_id !== row.playbook_id,
  )
  const playbooks = mergePlaybooks(loadDefaultPlaybooks(), [...active, row]).map((p) => p.document)
  return simulatePlaybooks(ctx, { from: input.from, to: input.to, playbooks })
}

async function requireVersion(ctx: AppContext, id: number): Promise<PlaybookVersionRow> {
  const row = await findPlaybookVersion(ctx.store.db, ctx.actor.tenant.id, id)
  if (!row) throw new AppError('playbook_version_not_found', `no playbook version ${id} in this tenant`)
  return row
}

function viewOf(row: PlaybookVersionRow): PlaybookVersionView {
  const document = JSON.parse(row.document) as PlaybookDocument
  return {
    id: Number(row.id),
    playbookId: row.playbook_id,
    version: row.version,
    description: row.description,
    stages: document.stages.map((s) => s.key),
    active: row.active === 1,
    createdBy: row.created_by,
    createdAt: String(row.created_at),
    activatedAt: row.activated_at,
    activatedBy: row.activated_by,
  }
}
