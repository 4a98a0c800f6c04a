import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { isChannel } from '../../shared/contract'
import { ErrorCode } from '../../shared/errors'
import type { CoreOptions } from '../core/router'

export type LogEvent = Parameters<NonNullable<CoreOptions['log']>>[0]

/** What the shell itself reports besides contract channels. */
const SHELL_EVENTS = new Set(['backup.exit', 'core.close', 'window.load'])
/** Error class names ('SqliteError', 'TypeError'), never messages. */
const CAUSE = /^[A-Za-z][A-Za-z0-9]{0,39}$/

/**
 * One log line. Events carry codes and channel names only; payloads hold personal data and are
 * never logged. The line is built from allow-lists so that a caller passing something else (a
 * channel name the renderer made up, an error message as cause) writes '?' instead of it.
 */
export function logLine(event: LogEvent, at: Date): string {
  const channel = isChannel(event.channel) || SHELL_EVENTS.has(event.channel) ? event.channel : '?'
  const line = {
    at: at.toISOString(),
    level: event.level === 'error' ? 'error' : 'warn',
    channel,
    code: ErrorCode.safeParse(event.code).success ? event.code : 'INTERNAL',
    ...(event.cause === undefined ? {} : { cause: CAUSE.test(event.cause) ? event.cause : '?' }),
  }
  return `${JSON.stringify(line)}\n`
}

export interface RotatingLogOptions {
  dir: string
  /** Size at which the current file is rotated. */
  maxBytes?: number
  /** Files kept: concord.log, concord.1.log … concord.(files-1).log. */
  files?: number
}

export const LOG_FILE = 'concord.log'

/**
 * A size-limited rotating log in `dir`: when concord.log would pass `maxBytes` it becomes
 * concord.1.log, the older ones move up one, and the oldest is deleted. Writing never throws:
 * a full disk must not take the app down with it.
 */
export function rotatingLog({ dir, maxBytes = 1024 * 1024, files = 5 }: RotatingLogOptions) {
  const name = (n: number) => join(dir, n === 0 ? LOG_FILE : `concord.${n}.log`)
  const sizeOf = (file: string) => {
    try {
      return statSync(file).size
    } catch {
      return 0
    }
  }
  const rotate = () => {
    rmSync(name(files - 1), { force: true })
    for (let n = files - 2; n >= 0; n--) {
      if (sizeOf(name(n)) > 0) renameSync(name(n), name(n + 1))
    }
  }
  return (event: LogEvent, at = new Date()): void => {
    const line = logLine(event, at)
    try {
      mkdirSync(dir, { recursive: true })
      if (sizeOf(name(0)) + Buffer.byteLength(line) > maxBytes) rotate()
      appendFileSync(name(0), line)
    } catch {
      // Nothing to report to: this is the report channel.
    }
  }
}

let fileSink: ReturnType<typeof rotatingLog> | null = null

/** Sends the shell's log to rotating files in `dir` (the app's logs folder) from now on. */
export function startFileLog(dir: string): void {
  fileSink = rotatingLog({ dir })
}

/** The shell's one log sink: stderr, and the log files once startFileLog ran. */
export function log(event: LogEvent): void {
  fileSink?.(event)
  // eslint-disable-next-line no-console -- the terminal the app was started from, if any
  console.error(logLine(event, new Date()).trimEnd())
}

/** The error's class, never its message: messages can quote SQL values or file paths. */
export function causeOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
