import { z } from 'zod'
import { IsoDate, isWeekend, yearOf } from './iso-date'

/**
 * China's working-day calendar: Saturdays and Sundays off, plus the public holidays and the
 * adjusted working days (调休) that the State Council General Office announces each year
 * (国务院办公厅关于 yyyy 年部分节假日安排的通知). The dates cannot be computed — the lunar
 * festivals move and the 调休 swaps are decided case by case — so they ship as one versioned
 * file per year (resources/holidays/cn-yyyy.json) that an administrator can replace or
 * correct day by day.
 */
const HolidayName = z.string().regex(/^[a-z][A-Za-z]*$/)

export const HolidayYear = z
  .object({
    year: z.int().min(2000).max(2199),
    version: z.int().positive(),
    source: z.string().trim().min(1),
    sourceUrl: z.url().optional(),
    verified: z.boolean(),
    note: z.string().optional(),
    holidays: z.array(z.object({ name: HolidayName, days: z.array(IsoDate).min(1) })),
    /** Saturdays and Sundays that are working days (调休上班). */
    workdays: z.array(IsoDate),
  })
  .superRefine((data, ctx) => {
    const holidayDays = data.holidays.flatMap((h) => h.days)
    const all = [...holidayDays, ...data.workdays]
    // A New Year's break can start on 31 December of the year before.
    for (const date of all) {
      if (Math.abs(yearOf(date) - data.year) > 1) {
        ctx.addIssue({ code: 'custom', message: `${date} is far from ${data.year}` })
      }
    }
    if (new Set(all).size !== all.length) {
      ctx.addIssue({ code: 'custom', message: 'a date is listed twice' })
    }
    for (const date of data.workdays) {
      if (!isWeekend(date)) {
        ctx.addIssue({ code: 'custom', message: `${date} is a weekday, not an adjusted workday` })
      }
    }
  })
export type HolidayYear = z.infer<typeof HolidayYear>

/**
 * An administrator's correction of one day, e.g. a holiday announced after this release or a
 * Shanghai-only arrangement. 'ordinary' removes any listed status: the weekday rule applies.
 */
export const DayOverride = z.object({
  date: IsoDate,
  kind: z.enum(['holiday', 'workday', 'ordinary']),
  name: HolidayName.optional(),
  reason: z.string().trim().min(1),
})
export type DayOverride = z.infer<typeof DayOverride>

/** A holiday day added by an override without a name of its own. */
export const OVERRIDE_HOLIDAY_NAME = 'adminHoliday'

export interface Calendar {
  /** Weekdays, plus 调休 weekend working days, minus public holidays. */
  isWorkingDay(date: string): boolean
  /** A day of an announced holiday break (including the weekend days inside the break). */
  isHoliday(date: string): boolean
  /** A Saturday or Sunday that is a working day (调休上班). */
  isAdjustedWorkday(date: string): boolean
  /** The holiday's id (an i18n key), if the day belongs to a holiday break. */
  holidayName(date: string): string | undefined
  /** Whether the announced arrangement for this year is loaded; if not, only weekends count. */
  covers(year: number): boolean
}

/**
 * Years later in `years` replace earlier ones with the same year number, so pass the shipped
 * data first and an administrator's imported files after; `overrides` apply last, in order.
 */
export function createCalendar(
  years: readonly HolidayYear[],
  overrides: readonly DayOverride[] = [],
): Calendar {
  const byYear = new Map(years.map((data) => [data.year, data]))
  const holidays = new Map<string, string>()
  const workdays = new Set<string>()
  for (const data of byYear.values()) {
    for (const holiday of data.holidays) for (const d of holiday.days) holidays.set(d, holiday.name)
    for (const d of data.workdays) workdays.add(d)
  }
  for (const override of overrides) {
    holidays.delete(override.date)
    workdays.delete(override.date)
    if (override.kind === 'holiday') {
      holidays.set(override.date, override.name ?? OVERRIDE_HOLIDAY_NAME)
    }
    if (override.kind === 'workday') workdays.add(override.date)
  }

  const isWorkingDay = (date: string) =>
    workdays.has(date) || (!holidays.has(date) && !isWeekend(date))
  return {
    isWorkingDay,
    isHoliday: (date) => holidays.has(date),
    isAdjustedWorkday: (date) => workdays.has(date) && isWeekend(date),
    holidayName: (date) => holidays.get(date),
    covers: (year) => byYear.has(year),
  }
}
