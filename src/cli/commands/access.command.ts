import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/auth/api-keys.ts'
import { createUser, disableUser, listUsers } from '../../app/auth/users.ts'
import { ROLES } from '../../core/auth/permissions.ts'
import { AppError } from '../../core/errors/index.ts'
import { withActor } from '../cli-context.ts'

const ROLE_HELP = `role: ${ROLES.join(', ')}`

/** The whole of standard input, less one trailing newline (`--password-stdin`). */
function passwordFromStdin(): string {
  const text = readFileSync(0, 'utf8')
  return text.replace(/\r?\n$/, '')
}

/** `recoup user create|list|disable`: staff users who log in to the API. */
export function registerUserCommand(program: Command): void {
  const user = program
    .command('user')
    .description('staff users: create, list, disable (they log in to the API)')
  user
    .command('create <email>')
    .description('create a user; prints a generated password once unless --password-stdin gives one')
    .requiredOption('--role <role>', ROLE_HELP)
    .option('--name <name>', 'display name (default: the part of the address before @)')
    .option('--client <id...>', 'agency tenants: limit the user to these clients (external ids)')
    .option('--password-stdin', 'read the password from standard input (12 to 256 characters)')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(
      async (
        email: string,
        o: { role: string; name?: string; client?: string[]; passwordStdin?: boolean; tenant?: string },
      ) => {
        const generated = o.passwordStdin ? undefined : randomBytes(15).toString('base64url')
        const password = generated ?? passwordFromStdin()
        const created = await withActor(o.tenant, (ctx) =>
          createUser(ctx, {
            email,
            role: o.role,
            password,
            ...(o.name !== undefined ? { name: o.name } : {}),
            ...(o.client !== undefined ? { clients: o.client } : {}),
          }),
        )
        const limits = created.clients ? ` limited to clients ${created.clients.join(', ')}` : ''
        console.log(`created user ${created.email} (${created.role}, id ${created.id})${limits}`)
        if (generated) console.log(`password (shown once): ${generated}`)
      },
    )
  user
    .command('list')
    .description("list the tenant's users")
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (o: { tenant?: string }) => {
      for (const u of await withActor(o.tenant, (ctx) => listUsers(ctx))) {
        const clients = u.clients ? u.clients.join(',') : 'all clients'
        console.log(
          `${u.id}\t${u.email}\t${u.role}\t${u.status}\t${clients}\t${u.lastLoginAt ?? 'never logged in'}`,
        )
      }
    })
  user
    .command('disable <email>')
    .description('disable a user: no more logins, open sessions end at once')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (email: string, o: { tenant?: string }) => {
      const disabled = await withActor(o.tenant, (ctx) => disableUser(ctx, { email }))
      console.log(`disabled user ${disabled.email}`)
    })
}

/** `recoup apikey create|list|revoke`: keys integrations send as `Authorization: Bearer <key>`. */
export function registerApiKeyCommand(program: Command): void {
  const apikey = program.command('apikey').description('API keys: create (shown once), list, revoke')
  apikey
    .command('create')
    .description('create an API key; prints it once (only its hash is kept)')
    .requiredOption('--name <name>', 'what the key is for, e.g. "ERP sync"')
    .requiredOption('--role <role>', ROLE_HELP)
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (o: { name: string; role: string; tenant?: string }) => {
      const created = await withActor(o.tenant, (ctx) => createApiKey(ctx, { name: o.name, role: o.role }))
      console.log(`created API key ${created.id} "${created.name}" (${created.role})`)
      console.log(`key (shown once): ${created.key}`)
    })
  apikey
    .command('list')
    .description("list the tenant's API keys (never the keys themselves)")
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (o: { tenant?: string }) => {
      for (const k of await withActor(o.tenant, (ctx) => listApiKeys(ctx))) {
        const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active'
        console.log(
          `${k.id}\t${k.prefix}…\t${k.name}\t${k.role}\t${state}\tlast used ${k.lastUsedAt ?? 'never'}`,
        )
      }
    })
  apikey
    .command('revoke <id>')
    .description('revoke an API key by id: it stops working at once')
    .option('--tenant <slug>', 'tenant (default: default)')
    .action(async (id: string, o: { tenant?: string }) => {
      if (!/^[1-9]\d{0,15}$/.test(id))
        throw new AppError('invalid_option', `key id must be a whole number, not "${id}"`)
      const revoked = await withActor(o.tenant, (ctx) => revokeApiKey(ctx, { id: Number(id) }))
      console.log(`revoked API key ${revoked.id} "${revoked.name}"`)
    })
}
