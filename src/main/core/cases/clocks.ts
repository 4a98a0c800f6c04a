import type { z } from 'zod'
import type { Calendar } from '../../../shared/domain/calendar'
import { daysBetween, todayInChina } from '../../../shared/domain/iso-date'
import { clockDue } from '../../../shared/domain/workflow/clocks'
import type { Clock, WorkflowDefinition } from '../../../shared/domain/workflow/types'
import type { ClockView } from '../../../shared/schemas/case'
import type { CaseClockData, ClockAdjustments } from './clock-data'

/** Within this many days a clock is shown as due soon (the 期限 board's "due in 3 days"). */
const DUE_SOON_DAYS = 3

const CHINA_OFFSET_MS = 8 * 3_600_000

/** Wall-clock time in China as 'YYYY-MM-DDTHH:mm', the form hour clocks are due in. */
export function chinaDateTime(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16)
}

/** Hour clocks need a time; a date alone counts from its start, the earlier due time. */
function startFor(clock: Clock, at: string): string {
  if (clock.unit === 'hours') return at.includes('T') ? at : `${at}T00:00`
  return at.slice(0, 10)
}

const NO_ADJUSTMENTS: ClockAdjustments = { pauses: [], extensions: [] }

/** The run clockDue counts: the start, and the pauses and extensions recorded on the clock. */
export function clockRun(clock: Clock, at: string, adjustments: ClockAdjustments) {
  return {
    start: startFor(clock, at),
    pauses: adjustments.pauses.map(({ from, to, reason }) => ({ from, to, reason })),
    extensions: adjustments.extensions.map(({ length, reason, approvedByName }) => ({
      length,
      reason,
      approvedBy: approvedByName || '—',
    })),
  }
}

/**
 * Every clock of the case's definition whose start event has happened, counted with the
 * organization's calendar (shipped years plus an administrator's overrides) and the pauses and
 * extensions recorded on it. The organization's own obligations and practice targets are done
 * once mediation is over (an ended or archived stage); clocks binding parties, agencies and
 * courts run on regardless of the case file.
 */
export function clockViews(
  definition: WorkflowDefinition,
  stage: string,
  data: CaseClockData,
  calendar: Calendar,
  now: Date,
): z.input<typeof ClockView>[] {
  const { events } = data
  const status = definition.stages.find((s) => s.id === stage)?.status
  const mediationOver = status === 'ended' || status === 'archived'
  const today = todayInChina(now)
  const nowInChina = chinaDateTime(now)
  return definition.clocks.flatMap((clock) => {
    const at = events.get(clock.startEvent)
    if (!at) return []
    const adjustments = data.adjustments.get(clock.id) ?? NO_ADJUSTMENTS
    const run = clockRun(clock, at, adjustments)
    const { start } = run
    // Adjustments were checked when recorded; if the definition has changed since, count the
    // plain period rather than hide the clock.
    const counted = clockDue(clock, run, calendar)
    const result = counted.ok ? counted : clockDue(clock, { start }, calendar)
    if (!result.ok) return []
    const { due } = result.value
    const daysLeft = daysBetween(today, due.slice(0, 10))
    const overdue = clock.unit === 'hours' ? nowInChina > due : daysLeft < 0
    const done = mediationOver && (clock.obligor === 'organization' || clock.kind === 'practice')
    return [
      {
        clockId: clock.id,
        source: clock.source,
        kind: clock.kind,
        obligor: clock.obligor,
        start,
        due,
        daysLeft,
        status: done
          ? 'done'
          : overdue
            ? 'overdue'
            : daysLeft <= DUE_SOON_DAYS
              ? 'dueSoon'
              : 'running',
        unit: clock.unit,
        pausable: clock.pausable,
        extendable: clock.extendable,
        maxExtension: clock.maxExtension ?? null,
        pauses: adjustments.pauses,
        extensions: adjustments.extensions,
      },
    ]
  })
}

/**
 * The list's deadline column: the earliest clock not done, and whether a statutory one is
 * overdue. A practice target (the one-month 调结 target) passed is a prompt, not a breach, so
 * it never marks a case overdue.
 */
export function deadlineSummary(views: readonly z.input<typeof ClockView>[]) {
  const open = views.filter((v) => v.status !== 'done')
  const nextDue = open.map((v) => v.due).sort()[0] ?? null
  return { nextDue, overdue: open.some((v) => v.status === 'overdue' && v.kind === 'statutory') }
}
