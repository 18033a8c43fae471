import { join, resolve } from 'node:path'
import { AppError } from '../core/errors/index.ts'

/**
 * Outreach configuration: where email and SMS go and how replies come back. Without any of it a
 * development install sends email to the built-in mail sink (which `recoup serve` runs on loopback)
 * and keeps SMS in the sink folder, so nothing reaches a real person until a provider is configured.
 */
export interface OutreachConfig {
  /** RECOUP_SMTP_URL: `smtp://user:pass@host:port` or `smtps://...` (default: the local sink). */
  readonly smtpUrl: string
  /** RECOUP_MAIL_FROM: the From header (default `Recoup <collections@recoup.localhost>`). */
  readonly mailFrom: string
  /** RECOUP_REPLY_DOMAIN: domain of the per-message reply addresses `reply+TOKEN@DOMAIN`. */
  readonly replyDomain: string
  /** RECOUP_PUBLIC_URL: base of the opt-out and portal links in messages (default: this machine at PORT). */
  readonly publicUrl: string
  /** RECOUP_MAIL_SINK_PORT: the port of the mail sink `recoup serve` runs (default 2525; 0: none). */
  readonly mailSinkPort: number
  /** RECOUP_SINK_DIR: folder where the sinks keep what they receive (default `./data/sink`). */
  readonly sinkDir: string
  /**
   * RECOUP_SMS_URL, RECOUP_SMS_ACCOUNT_SID, RECOUP_SMS_AUTH_TOKEN, RECOUP_SMS_FROM: a Twilio-compatible
   * REST API (base URL, account, token, sending number); without RECOUP_SMS_URL texts go to the sink.
   */
  readonly sms: { url: string; accountSid: string; authToken: string; from: string } | null
  /** RECOUP_DISPATCH_INTERVAL: seconds between the dispatcher passes inside `recoup serve` (default 10; 0: off). */
  readonly dispatchIntervalSeconds: number
  /**
   * RECOUP_MAIL_ATTACHMENTS: `on` (default) attaches the account statement (and a first notice's
   * validation notice) as PDFs to every email; `off` sends the text and HTML only.
   */
  readonly mailAttachments: boolean
  /**
   * RECOUP_LETTERS: `on` (default) prints due letters into the day's print-and-mail batch under
   * RECOUP_SINK_DIR/letters, which records them as mailed; `off` leaves letter rows in the outbox (for a
   * deployment whose letters go out another way, or not yet).
   */
  readonly letters: boolean
}

/** The RECOUP_* variables this file reads. */
export const OUTREACH_VARIABLES = [
  'RECOUP_SMTP_URL',
  'RECOUP_MAIL_FROM',
  'RECOUP_REPLY_DOMAIN',
  'RECOUP_PUBLIC_URL',
  'RECOUP_MAIL_SINK_PORT',
  'RECOUP_SINK_DIR',
  'RECOUP_SMS_URL',
  'RECOUP_SMS_ACCOUNT_SID',
  'RECOUP_SMS_AUTH_TOKEN',
  'RECOUP_SMS_FROM',
  'RECOUP_DISPATCH_INTERVAL',
  'RECOUP_MAIL_ATTACHMENTS',
  'RECOUP_LETTERS',
]

const invalid = (message: string) => new AppError('invalid_configuration', message)

function url(env: NodeJS.ProcessEnv, name: string, fallback: string, schemes: readonly string[]): string {
  const text = env[name]?.trim() || fallback
  let parsed: URL
  try {
    parsed = new URL(text)
  } catch {
    throw invalid(`${name} must be a URL (${schemes.join(' or ')}), not "${text}"`)
  }
  if (!schemes.includes(parsed.protocol.replace(/:$/, '')))
    throw invalid(`${name} must use ${schemes.join(' or ')}, not "${parsed.protocol}"`)
  return text
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const text = env[name]?.trim() ?? ''
  if (text === '') return fallback
  if (!/^\d+$/.test(text) || Number(text) > max)
    throw invalid(`${name} must be a whole number from 0 to ${max}, not "${env[name]}"`)
  return Number(text)
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const text = env[name]?.trim().toLowerCase() ?? ''
  if (text === '') return fallback
  if (text === 'on') return true
  if (text === 'off') return false
  throw invalid(`${name} must be on or off, not "${env[name]}"`)
}

/** Parses the outreach variables of `env`; throws `invalid_configuration` naming the variable. */
export function parseOutreachConfig(env: NodeJS.ProcessEnv): OutreachConfig {
  const mailSinkPort = whole(env, 'RECOUP_MAIL_SINK_PORT', 2525, 65_535)
  const smsUrl = env.RECOUP_SMS_URL?.trim() ?? ''
  let sms: OutreachConfig['sms'] = null
  if (smsUrl !== '') {
    const missing = ['RECOUP_SMS_ACCOUNT_SID', 'RECOUP_SMS_AUTH_TOKEN', 'RECOUP_SMS_FROM'].filter(
      (n) => (env[n]?.trim() ?? '') === '',
    )
    if (missing.length > 0) throw invalid(`RECOUP_SMS_URL is set but ${missing.join(', ')} is not`)
    sms = {
      url: url(env, 'RECOUP_SMS_URL', '', ['http', 'https']),
      accountSid: env.RECOUP_SMS_ACCOUNT_SID?.trim() ?? '',
      authToken: env.RECOUP_SMS_AUTH_TOKEN?.trim() ?? '',
      from: env.RECOUP_SMS_FROM?.trim() ?? '',
    }
  }
  const replyDomain = env.RECOUP_REPLY_DOMAIN?.trim() || 'replies.recoup.localhost'
  if (!/^[a-z0-9.-]+$/i.test(replyDomain))
    throw invalid(`RECOUP_REPLY_DOMAIN must be a domain, not "${replyDomain}"`)
  return {
    smtpUrl: url(env, 'RECOUP_SMTP_URL', `smtp://127.0.0.1:${mailSinkPort || 2525}`, ['smtp', 'smtps']),
    mailFrom: env.RECOUP_MAIL_FROM?.trim() || 'Recoup <collections@recoup.localhost>',
    replyDomain,
    publicUrl: url(env, 'RECOUP_PUBLIC_URL', defaultPublicUrl(env), ['http', 'https']),
    mailSinkPort,
    sinkDir: resolve(env.RECOUP_SINK_DIR?.trim() || './data/sink'),
    sms,
    dispatchIntervalSeconds: whole(env, 'RECOUP_DISPATCH_INTERVAL', 10, 86_400),
    mailAttachments: onOff(env, 'RECOUP_MAIL_ATTACHMENTS', true),
    letters: onOff(env, 'RECOUP_LETTERS', true),
  }
}

/** The folders the development sinks keep what they capture in; null: that sink is not in use. */
export interface SinkFolders {
  /** `.eml` files of the mail sink (RECOUP_SINK_DIR/mail), when email goes to it. */
  readonly mail: string | null
  /** One JSON file per text (RECOUP_SINK_DIR/sms), when no SMS provider is configured. */
  readonly sms: string | null
}

/** No sink: a server whose mail and texts go to real providers. */
export const NO_SINKS: SinkFolders = { mail: null, sms: null }

/** Whether email goes to the mail sink `recoup serve` runs (the default development setup). */
export function mailGoesToSink(config: OutreachConfig): boolean {
  return config.mailSinkPort > 0 && config.smtpUrl === `smtp://127.0.0.1:${config.mailSinkPort}`
}

/** The sink folders in use under this configuration (what GET .../sink/messages reads). */
export function sinkFoldersOf(config: OutreachConfig): SinkFolders {
  return {
    mail: mailGoesToSink(config) ? join(config.sinkDir, 'mail') : null,
    sms: config.sms ? null : join(config.sinkDir, 'sms'),
  }
}

/** Links point at this machine on the port `recoup serve` listens on when RECOUP_PUBLIC_URL is unset. */
export function defaultPublicUrl(env: NodeJS.ProcessEnv): string {
  const port = env.PORT?.trim()
  return `http://127.0.0.1:${port && /^\d{1,5}$/.test(port) ? port : '3000'}`
}
