import type { z } from 'zod'
import { contract, isChannel, type Access, type Channel } from '../../shared/contract'
import type { AppError, ErrorCode, Result } from '../../shared/errors'
import { createI18n } from '../../shared/i18n'
import { audited, auditRefusal, recordSessionEnd } from './audit/record'
import type { CoreContext } from './context'
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './crypto/kdf'
import type { PdfRenderer } from './documents/pdf'
import { CoreError } from './errors'
import { handlers, type Handler } from './handlers'
import { casePaths } from './paths'
import { loadPreferences } from './preferences'
import { Vault } from './vault'
import { runExitBackup, runScheduledBackup } from './services/backup'

export interface CoreRequest {
  channel: unknown
  payload?: unknown
}

export interface Core {
  /** The only entry point: validates, checks access, runs the handler, never throws. */
  handle(request: CoreRequest): Promise<Result<unknown>>
  /** Locks the case base and stops timers. */
  close(): Promise<void>
  /** The backup on exit (when set and a user is signed in); the shell awaits it before close. */
  backupOnExit(): Promise<void>
}

/** The core in this thread, for in-process tools (the demo seed, benchmarks); never over IPC. */
export interface LocalCore extends Core {
  /** Runs `work` with the core's context, queued after pending requests like one of them. */
  run<T>(work: (ctx: CoreContext) => Promise<T>): Promise<T>
}

export interface CoreOptions {
  dataDir: string
  scryptCost?: ScryptCost
  now?: () => Date
  /** Receives error codes and channel names only, never payloads. */
  log?: (event: {
    level: 'warn' | 'error'
    channel: string
    code: ErrorCode
    cause?: string
  }) => void
  idleCheckMs?: number
  /** How often the backup scheduler looks at the clock (services/backup.ts). */
  backupCheckMs?: number
  /** The platform's HTML-to-PDF printer (documents/pdf.ts). */
  pdf?: PdfRenderer
}

/** Channels a user who must change their password may still use. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<Channel>(['auth.changePassword'])

export function checkAccess(ctx: CoreContext, channel: Channel, access: Access): void {
  if (access.kind === 'anyone') return
  if (access.kind === 'recovery') {
    if (ctx.vault.mode !== 'recovery') throw new CoreError('NOT_AUTHENTICATED')
    return
  }
  const user = ctx.vault.user
  if (!user) throw new CoreError('NOT_AUTHENTICATED')
  if (!access.roles.includes(user.role)) throw new CoreError('FORBIDDEN')
  if (user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(channel)) {
    throw new CoreError('PASSWORD_CHANGE_REQUIRED')
  }
}

export function createCore(options: CoreOptions): LocalCore {
  const paths = casePaths(options.dataDir)
  const preferences = loadPreferences(paths.preferences)
  const now = options.now ?? (() => new Date())
  const ctx: CoreContext = {
    paths,
    cost: options.scryptCost ?? DEFAULT_SCRYPT_COST,
    vault: new Vault(),
    i18n: createI18n(preferences.language),
    pdf: options.pdf ?? null,
    now,
    preferences,
    pendingSetup: null,
    org: null,
    lastActivity: now().getTime(),
    audit: null,
  }

  function toAppError(error: unknown, requested: string): AppError {
    // A channel the contract does not know is whatever the sender typed: never logged.
    const channel = isChannel(requested) ? requested : '?'
    if (error instanceof CoreError) {
      options.log?.({ level: 'warn', channel, code: error.code })
      return {
        code: error.code,
        message: ctx.i18n.t(`errors.${error.code}`, error.params ?? {}),
        ...(error.params ? { params: error.params } : {}),
        ...(error.fields ? { fields: error.fields } : {}),
      }
    }
    // The cause is the error's class only: messages can quote SQL values or file paths.
    const cause = error instanceof Error ? error.name : typeof error
    options.log?.({ level: 'error', channel, code: 'INTERNAL', cause })
    return { code: 'INTERNAL', message: ctx.i18n.t('errors.INTERNAL') }
  }

  /** Locks the case base once the organization's idle time has passed without a user request. */
  async function expireIdleSession(): Promise<void> {
    if (!ctx.vault.isOpen) return
    const idleMs = (ctx.org?.idleLockMinutes ?? 10) * 60_000
    if (now().getTime() - ctx.lastActivity >= idleMs) {
      await recordSessionEnd(ctx, 'auth.idleLock')
      await ctx.vault.close()
      ctx.org = null
    }
  }

  async function run(request: CoreRequest): Promise<Result<unknown>> {
    const channelName = typeof request?.channel === 'string' ? request.channel.slice(0, 64) : '?'
    try {
      if (!isChannel(request?.channel)) throw new CoreError('UNKNOWN_CHANNEL')
      const channel = request.channel
      const def = contract[channel]
      await expireIdleSession()
      checkAccess(ctx, channel, def.access)
      const parsed = def.input.safeParse(request.payload)
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          rule:
            issue.code === 'custom' || issue.code === 'invalid_format' ? issue.message : issue.code,
        }))
        throw new CoreError('VALIDATION', undefined, fields)
      }
      if (!('passive' in def) && ctx.vault.isOpen) ctx.lastActivity = now().getTime()
      const handler = handlers[channel] as Handler<typeof channel>
      const value: unknown = await audited(ctx, channel, parsed.data, () =>
        handler(parsed.data as never, ctx),
      )
      // Parsing the output strips any field the contract does not declare.
      return { ok: true, value: (def.output as z.ZodType).parse(value) }
    } catch (error) {
      const reported = await auditRefusal(ctx, channelName, request?.payload, error)
      return { ok: false, error: toAppError(reported, channelName) }
    }
  }

  // better-sqlite3 is synchronous but handlers await scrypt; one request at a time keeps a
  // lock from racing an unlock, and an edit from racing another edit.
  let queue: Promise<unknown> = Promise.resolve()
  const handle = (request: CoreRequest): Promise<Result<unknown>> => {
    const next = queue.then(() => run(request))
    queue = next
    return next
  }

  const timer = setInterval(() => {
    queue = queue.then(expireIdleSession).catch(() => undefined)
  }, options.idleCheckMs ?? 15_000)
  timer.unref()

  // Queued like a request: a scheduled backup never runs in the middle of an edit.
  const backupTimer = setInterval(() => {
    queue = queue.then(() => runScheduledBackup(ctx)).catch(() => undefined)
  }, options.backupCheckMs ?? 60_000)
  backupTimer.unref()

  return {
    handle,
    run<T>(work: (ctx: CoreContext) => Promise<T>): Promise<T> {
      const next = queue.then(() => work(ctx))
      queue = next.catch(() => undefined)
      return next
    },
    backupOnExit() {
      const next = queue.then(() => runExitBackup(ctx)).catch(() => undefined)
      queue = next
      return next
    },
    async close() {
      clearInterval(timer)
      clearInterval(backupTimer)
      await queue
      ctx.pendingSetup?.key.fill(0)
      await ctx.vault.close()
    },
  }
}
