import { z } from 'zod'
import type { Calendar } from './calendar'
import { IsoDate, IsoDateTime, addDays, addHours, addMonths, daysBetween, yearOf } from './iso-date'

/**
 * Counting a legal period (期间) — Civil Code Arts. 200–204, and Civil Procedure Law Art. 85,
 * which says the same for court periods:
 * - Art. 201: in days, months or years the day of the triggering event is not counted; the
 *   period starts the next day. In hours it starts at the stated time.
 * - Art. 202: in months or years it ends on the corresponding day of the final month, or on
 *   that month's last day if it has none (31 January + 1 month → 28/29 February).
 * - Art. 203: when the last day is a statutory rest day (法定休假日: a weekend or public
 *   holiday, but not a 调休 working Saturday or Sunday) the period ends on the first working
 *   day after it. Days inside the period are counted whatever they are.
 * A period in working days (工作日) counts only working days, so it always ends on one.
 */
export const PeriodUnit = z.enum(['hours', 'days', 'workingDays', 'months', 'years'])
export type PeriodUnit = z.infer<typeof PeriodUnit>

const Length = z.int().min(0).max(10_000)

/**
 * Suspension (中止): the days from `from` to `to`, both included, do not count — e.g. the time
 * a 信访 复核 hearing takes (信访工作条例 Art. 36). Only the part after the period started
 * and before it would have ended moves the end.
 */
export const Pause = z
  .object({ from: IsoDate, to: IsoDate, reason: z.string().trim().min(1) })
  .refine((pause) => pause.from <= pause.to, { message: 'pauseOrder' })
export type Pause = z.infer<typeof Pause>

/** Extension (延长) by `length` units of the period's own unit, approved by someone, for a reason. */
export const Extension = z.object({
  length: z.int().positive().max(10_000),
  approvedBy: z.string().trim().min(1),
  reason: z.string().trim().min(1),
})
export type Extension = z.infer<typeof Extension>

export const Period = z.discriminatedUnion('unit', [
  z.object({
    unit: z.literal('hours'),
    /** Wall-clock time in China, e.g. when the court accepted a protection-order application. */
    start: IsoDateTime,
    length: Length,
    extensions: z.array(Extension).default([]),
  }),
  z
    .object({
      unit: PeriodUnit.exclude(['hours']),
      start: IsoDate,
      length: Length,
      /**
       * 'before' counts back from an event that lies ahead ("report 5 months before the term
       * ends"): a fixed date, so it takes no pauses or extensions.
       */
      direction: z.enum(['after', 'before']).default('after'),
      pauses: z.array(Pause).default([]),
      extensions: z.array(Extension).default([]),
    })
    .refine((p) => p.direction === 'after' || p.pauses.length + p.extensions.length === 0, {
      message: 'fixedPeriod',
    }),
])
export type Period = z.input<typeof Period>

export const PeriodDue = z.object({
  /** The last day (its whole day, to 24:00 — Art. 203(2)), or the exact time for hours. */
  due: z.string(),
  breakdown: z.object({
    /** First counted day (the day after the event, or before it counting back), or the start time. */
    countFrom: z.string(),
    length: z.int(),
    extension: z.int(),
    /** The end if nothing had been paused and no rest day moved it. */
    nominalEnd: z.string(),
    /** Days added by pauses: calendar days, or working days for a working-day period. */
    pausedDays: z.int(),
    /** The rest day the period would have ended on before Art. 203 moved it, if it did. */
    movedFrom: z.string().nullable(),
    /** Years counted with weekends only because their holiday notice is not loaded. */
    uncoveredYears: z.array(z.int()),
  }),
})
export type PeriodDue = z.infer<typeof PeriodDue>

export function periodDue(input: Period, calendar: Calendar): PeriodDue {
  const period = Period.parse(input)
  const extension = period.extensions.reduce((sum, e) => sum + e.length, 0)
  // An extension lengthens the period itself: 60 days extended by 30 is a 90-day period, and
  // Art. 203 moves only its final last day, never the original one before the extension.
  const total = period.length + extension
  if (period.unit === 'hours') {
    const due = addHours(period.start, total)
    return {
      due,
      breakdown: {
        countFrom: period.start,
        length: period.length,
        extension,
        nominalEnd: due,
        pausedDays: 0,
        movedFrom: null,
        uncoveredYears: [],
      },
    }
  }

  const uncovered = new Set<number>()
  const isWorkingDay = (date: string) => {
    if (!calendar.covers(yearOf(date))) uncovered.add(yearOf(date))
    return calendar.isWorkingDay(date)
  }
  const step = period.direction === 'after' ? 1 : -1
  const countFrom = addDays(period.start, step)
  const pauses = mergePauses(period.pauses)

  let nominalEnd: string
  let end: string
  let pausedDays = 0
  if (period.unit === 'workingDays') {
    nominalEnd = countWorkingDays(period.start, total, step, [], isWorkingDay).end
    const counted = countWorkingDays(period.start, total, step, pauses, isWorkingDay)
    end = counted.end
    pausedDays = counted.paused
  } else {
    const months = period.unit === 'months' ? total : period.unit === 'years' ? total * 12 : 0
    nominalEnd = months
      ? addMonths(period.start, step * months)
      : addDays(period.start, step * total)
    end = nominalEnd
    for (const pause of pauses) {
      if (pause.from > end) break
      const first = pause.from > countFrom ? pause.from : countFrom
      if (pause.to < first) continue
      const days = daysBetween(first, pause.to) + 1
      end = addDays(end, days)
      pausedDays += days
    }
  }

  // Counting back, moving later would make the act late: a rest day moves the date earlier.
  const movedFrom = isWorkingDay(end) ? null : end
  while (!isWorkingDay(end)) end = addDays(end, step)

  return {
    due: end,
    breakdown: {
      countFrom,
      length: period.length,
      extension,
      nominalEnd,
      pausedDays,
      movedFrom,
      uncoveredYears: [...uncovered].sort((a, b) => a - b),
    },
  }
}

function mergePauses(pauses: readonly Pause[]): Pause[] {
  const merged: Pause[] = []
  for (const pause of [...pauses].sort((a, b) => a.from.localeCompare(b.from))) {
    const last = merged.at(-1)
    if (last && pause.from <= addDays(last.to, 1)) {
      if (pause.to > last.to) merged[merged.length - 1] = { ...last, to: pause.to }
    } else {
      merged.push(pause)
    }
  }
  return merged
}

function countWorkingDays(
  start: string,
  count: number,
  step: number,
  pauses: readonly Pause[],
  isWorkingDay: (date: string) => boolean,
): { end: string; paused: number } {
  let date = start
  let counted = 0
  let paused = 0
  while (counted < count) {
    date = addDays(date, step)
    if (!isWorkingDay(date)) continue
    if (pauses.some((p) => p.from <= date && date <= p.to)) paused += 1
    else counted += 1
  }
  return { end: date, paused }
}
