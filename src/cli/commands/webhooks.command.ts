import type { Command } from 'commander'
import { deliverWebhooks } from '../../app/webhooks/deliver-webhooks.ts'
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
} from '../../app/webhooks/manage-webhook-endpoints.ts'
import { delivererOptions } from '../../app/webhooks/start-webhook-deliverer.ts'
import { listWebhookDeliveries, replayWebhookDelivery } from '../../app/webhooks/webhook-deliveries.ts'
import type { WebhookEndpointView } from '../../app/webhooks/webhook-views.ts'
import { appConfig } from '../../config/app-config.ts'
import { AppError } from '../../core/errors/index.ts'
import { withActor, withStore } from '../cli-context.ts'

const TENANT = ['--tenant <slug>', 'tenant (default: default)'] as const

function idArgument(name: string, text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text))
    throw new AppError('invalid_option', `${name} must be a whole number, not "${text}"`, { field: name })
  return Number(text)
}

function instantOption(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined
  const at = new Date(text)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at.getTime()))
    throw new AppError(
      'invalid_instant',
      `--at must be an ISO instant like 2026-03-03T15:00:00Z, not "${text}"`,
    )
  return at
}

const events = (text: string | undefined) =>
  text === undefined
    ? undefined
    : text
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== '')

function line(e: WebhookEndpointView): string {
  const state = e.status === 'enabled' ? 'enabled' : `DISABLED (${e.disabledReason ?? 'no reason'})`
  return `${e.id}\t${e.url}\t${e.eventTypes.length ? e.eventTypes.join(',') : 'all events'}\t${state}`
}

/** `recoup webhooks ...`: endpoints that receive signed events, their delivery log, the deliverer. */
export function registerWebhooksCommand(program: Command): void {
  const webhooks = program
    .command('webhooks')
    .description('outbound webhooks: endpoints (secret shown once), delivery log, replay, deliverer')
  webhooks
    .command('create')
    .description('register an endpoint; prints its signing secret once')
    .requiredOption('--url <url>', 'where to POST events (http or https)')
    .option('--events <types>', 'comma-separated event types (default: every event)')
    .option('--description <text>', 'what the endpoint is for')
    .option(...TENANT)
    .action(async (o: { url: string; events?: string; description?: string; tenant?: string }) => {
      const created = await withActor(o.tenant, (ctx) =>
        createWebhookEndpoint(ctx, {
          url: o.url,
          ...(o.events === undefined ? {} : { events: events(o.events) ?? [] }),
          ...(o.description === undefined ? {} : { description: o.description }),
        }),
      )
      console.log(`created webhook endpoint ${line(created)}`)
      console.log(`signing secret (shown once): ${created.secret}`)
    })
  webhooks
    .command('list')
    .description("list the tenant's endpoints with their status (a disabled one says why)")
    .option(...TENANT)
    .action(async (o: { tenant?: string }) => {
      for (const e of await withActor(o.tenant, (ctx) => listWebhookEndpoints(ctx))) console.log(line(e))
    })
  webhooks
    .command('update <id>')
    .description('change an endpoint: --url, --events, --enable / --disable')
    .option('--url <url>', 'new URL')
    .option('--events <types>', 'comma-separated event types ("" for every event)')
    .option('--enable', 'enable it (clears the failure count; waiting deliveries go out)')
    .option('--disable', 'disable it (deliveries wait)')
    .option(...TENANT)
    .action(
      async (
        id: string,
        o: { url?: string; events?: string; enable?: boolean; disable?: boolean; tenant?: string },
      ) => {
        if (o.enable && o.disable)
          throw new AppError('conflicting_options', '--enable and --disable contradict each other')
        const updated = await withActor(o.tenant, (ctx) =>
          updateWebhookEndpoint(ctx, {
            id: idArgument('id', id),
            ...(o.url === undefined ? {} : { url: o.url }),
            ...(o.events === undefined ? {} : { events: events(o.events) ?? [] }),
            ...(o.enable ? { enabled: true } : o.disable ? { enabled: false } : {}),
          }),
        )
        console.log(`updated webhook endpoint ${line(updated)}`)
      },
    )
  webhooks
    .command('delete <id>')
    .description('delete an endpoint and its delivery log')
    .option(...TENANT)
    .action(async (id: string, o: { tenant?: string }) => {
      await withActor(o.tenant, (ctx) => deleteWebhookEndpoint(ctx, { id: idArgument('id', id) }))
      console.log(`deleted webhook endpoint ${id}`)
    })
  webhooks
    .command('deliveries <endpoint>')
    .description("an endpoint's delivery log, newest first")
    .option('--limit <n>', 'rows per page', '50')
    .option('--cursor <cursor>', 'the next page (printed after a full page)')
    .option(...TENANT)
    .action(async (endpoint: string, o: { limit: string; cursor?: string; tenant?: string }) => {
      const page = await withActor(o.tenant, (ctx) =>
        listWebhookDeliveries(ctx, {
          endpointId: idArgument('endpoint', endpoint),
          limit: idArgument('--limit', o.limit),
          ...(o.cursor === undefined ? {} : { cursor: o.cursor }),
        }),
      )
      for (const d of page.items)
        console.log(
          `${d.id}\t${d.eventType}\t${d.status}\t${d.attempts} attempt(s)\t${d.lastStatusCode ?? '-'}\t${d.lastError ?? ''}`,
        )
      if (page.nextCursor) console.log(`next page: --cursor ${page.nextCursor}`)
    })
  webhooks
    .command('replay <endpoint> <delivery>')
    .description('send a delivery again (same webhook-id, fresh attempts)')
    .option(...TENANT)
    .action(async (endpoint: string, delivery: string, o: { tenant?: string }) => {
      const replayed = await withActor(o.tenant, (ctx) =>
        replayWebhookDelivery(ctx, {
          endpointId: idArgument('endpoint', endpoint),
          deliveryId: idArgument('delivery', delivery),
        }),
      )
      console.log(`delivery ${replayed.id} (${replayed.eventType}) queued again`)
    })
  webhooks
    .command('deliver')
    .description('POST the due deliveries of every tenant once (or keep going with --watch)')
    .option('--watch', 'keep delivering every RECOUP_WEBHOOK_INTERVAL seconds until stopped')
    .option('--at <instant>', 'act as if it were this ISO instant (tests)')
    .action(async (o: { watch?: boolean; at?: string }) => {
      const at = instantOption(o.at)
      const config = appConfig().webhooks
      const abort = new AbortController()
      const stop = () => abort.abort()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      const describe = (c: { delivered: number; failed: number; dead: number; disabled: number }) =>
        `webhooks: ${c.delivered} delivered, ${c.failed} to retry, ${c.dead} dead, ${c.disabled} endpoint(s) disabled`
      try {
        const total = await withStore((store) =>
          deliverWebhooks(store, {
            ...delivererOptions(config),
            ...(at ? { now: () => at } : {}),
            signal: abort.signal,
            ...(o.watch
              ? {
                  watch: { intervalMs: Math.max(1, config.intervalSeconds) * 1000 },
                  onPass: (c) => console.log(describe(c)),
                }
              : {}),
          }),
        )
        console.log(describe(total))
      } finally {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
      }
    })
}
