import type { CoreOptions } from '../core/router'

export type LogEvent = Parameters<NonNullable<CoreOptions['log']>>[0]

/** Events carry codes and channel names only; payloads hold personal data and are never logged. */
export function log(event: LogEvent): void {
  // eslint-disable-next-line no-console -- the shell's one log sink
  console.error(JSON.stringify(event))
}

/** The error's class, never its message: messages can quote SQL values or file paths. */
export function causeOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
