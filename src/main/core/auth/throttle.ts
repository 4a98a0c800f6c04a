import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomic } from '../atomic-file'

/**
 * Failed unlock attempts: the first few are free (typos), then each waits twice as long as the
 * last, up to 30 s, and ten in a row lock sign-in for 15 minutes. The count lives in a file so
 * that restarting the app does not reset it. It is a speed bump for someone at the keyboard;
 * the real protection against offline guessing is the scrypt cost of every key slot.
 */
export const FREE_ATTEMPTS = 3
export const MAX_DELAY_SECONDS = 30
export const LOCKOUT_AFTER = 10
export const LOCKOUT_MINUTES = 15

export const Attempts = z.object({
  failures: z.number().int().min(0),
  lastFailureAt: z.number().nullable(),
})
export type Attempts = z.infer<typeof Attempts>

export const NO_FAILURES: Attempts = { failures: 0, lastFailureAt: null }

export type Gate =
  { kind: 'open' } | { kind: 'throttled'; seconds: number } | { kind: 'lockedOut'; minutes: number }

export function delaySeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0
  return Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS)
}

export function gate(attempts: Attempts, now: number): Gate {
  if (attempts.lastFailureAt === null) return { kind: 'open' }
  const since = now - attempts.lastFailureAt
  if (attempts.failures >= LOCKOUT_AFTER) {
    const left = LOCKOUT_MINUTES * 60_000 - since
    return left > 0 ? { kind: 'lockedOut', minutes: Math.ceil(left / 60_000) } : { kind: 'open' }
  }
  const left = delaySeconds(attempts.failures) * 1000 - since
  return left > 0 ? { kind: 'throttled', seconds: Math.ceil(left / 1000) } : { kind: 'open' }
}

export function recordFailure(attempts: Attempts, now: number): Attempts {
  return { failures: attempts.failures + 1, lastFailureAt: now }
}

export function loadAttempts(file: string): Attempts {
  try {
    return Attempts.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    return NO_FAILURES
  }
}

export function saveAttempts(file: string, attempts: Attempts): void {
  writeFileAtomic(file, JSON.stringify(attempts))
}
