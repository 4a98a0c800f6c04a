import { z } from 'zod'
import type { Calendar } from '../calendar'
import { Extension, Pause, periodDue, type PeriodDue } from '../period'
import type { Clock } from './types'

/**
 * A clock of a definition, started on a case: when its start event happened, and the pauses
 * and extensions recorded since. The clock's own rules decide which of those are allowed.
 */
export const ClockRun = z.object({
  /** A date, or for a clock in hours a date and time ('2026-03-02T15:30'). */
  start: z.string(),
  pauses: z.array(Pause).default([]),
  extensions: z.array(Extension).default([]),
})
export type ClockRun = z.input<typeof ClockRun>

export const ClockProblem = z.enum(['notPausable', 'notExtendable', 'extensionTooLong'])
export type ClockProblem = z.infer<typeof ClockProblem>

export type ClockDue =
  | { readonly ok: true; readonly value: PeriodDue }
  | { readonly ok: false; readonly problem: ClockProblem }

export function clockDue(clock: Clock, input: ClockRun, calendar: Calendar): ClockDue {
  const run = ClockRun.parse(input)
  if (run.pauses.length > 0 && !clock.pausable) return { ok: false, problem: 'notPausable' }
  if (run.extensions.length > 0 && !clock.extendable) {
    return { ok: false, problem: 'notExtendable' }
  }
  const extended = run.extensions.reduce((sum, e) => sum + e.length, 0)
  if (clock.maxExtension !== undefined && extended > clock.maxExtension) {
    return { ok: false, problem: 'extensionTooLong' }
  }
  const value =
    clock.unit === 'hours'
      ? periodDue(
          { unit: 'hours', start: run.start, length: clock.length, extensions: run.extensions },
          calendar,
        )
      : periodDue(
          {
            unit: clock.unit,
            start: run.start,
            length: clock.length,
            direction: clock.direction,
            pauses: run.pauses,
            extensions: run.extensions,
          },
          calendar,
        )
  return { ok: true, value }
}
