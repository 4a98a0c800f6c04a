import type { ErrorCode } from '../../shared/errors'

/**
 * A failure the user should be told about. Only a code and non-personal parameters travel:
 * the router turns it into a localized AppError; anything else thrown becomes INTERNAL.
 */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params?: Record<string, string | number>,
    readonly fields?: { path: string; rule: string }[],
  ) {
    super(code)
    this.name = 'CoreError'
  }
}
