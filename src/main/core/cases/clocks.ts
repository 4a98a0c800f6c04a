import type { z } from 'zod'
import { officialCalendar } from '../../../shared/domain/holidays'
import { daysBetween, todayInChina } from '../../../shared/domain/iso-date'
import { clockDue } from '../../../shared/domain/workflow/clocks'
import type { Clock, WorkflowDefinition } from '../../../shared/domain/workflow/types'
import type { ClockView } from '../../../shared/schemas/case'

/** The shipped holiday years; an administrator's corrections come with the calendar settings. */
const CALENDAR = officialCalendar([], [])

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

/**
 * Every clock of the case's definition whose start event has happened. The organization's own
 * obligations and practice targets are done once mediation is over (an ended or archived
 * stage); clocks binding parties, agencies and courts run on regardless of the case file.
 */
export function clockViews(
  definition: WorkflowDefinition,
  stage: string,
  events: ReadonlyMap<string, string>,
  now: Date,
): z.input<typeof ClockView>[] {
  const status = definition.stages.find((s) => s.id === stage)?.status
  const mediationOver = status === 'ended' || status === 'archived'
  const today = todayInChina(now)
  const nowInChina = chinaDateTime(now)
  return definition.clocks.flatMap((clock) => {
    const at = events.get(clock.startEvent)
    if (!at) return []
    const start = startFor(clock, at)
    const result = clockDue(clock, { start }, CALENDAR)
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
