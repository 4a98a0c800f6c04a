import { z } from 'zod'

/**
 * Calendar dates and wall-clock times as strings ('2026-10-01', '2026-10-01T09:30'), with
 * arithmetic on whole days. Deadlines are legal dates, not instants: counting them through
 * `Date` in the machine's time zone would shift a day on a PC set to another zone. China has
 * kept one offset (UTC+8) without daylight saving since 1991, so wall-clock arithmetic in UTC
 * is exact for every date this app handles.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/
const MS_PER_DAY = 86_400_000
const MS_PER_MINUTE = 60_000
const CHINA_OFFSET_MS = 8 * 60 * MS_PER_MINUTE

function utcMs(year: number, month: number, day: number): number {
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day)
  return date.getTime()
}

/** Days since 1970-01-01, or undefined unless `text` is a real date in YYYY-MM-DD form. */
export function parseDay(text: string): number | undefined {
  const match = DATE.exec(text)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  return utcMs(year, month, day) / MS_PER_DAY
}

export const IsoDate = z
  .string()
  .refine((text) => parseDay(text) !== undefined, { message: 'date' })
export type IsoDate = z.infer<typeof IsoDate>

export const IsoDateTime = z.string().refine(
  (text) => {
    const match = DATE_TIME.exec(text)
    return (
      !!match &&
      parseDay(match[1] ?? '') !== undefined &&
      Number(match[2]) < 24 &&
      Number(match[3]) < 60
    )
  },
  { message: 'dateTime' },
)
export type IsoDateTime = z.infer<typeof IsoDateTime>

function day(date: string): number {
  const parsed = parseDay(date)
  if (parsed === undefined) throw new RangeError(`not a date: ${date}`)
  return parsed
}

function formatDay(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10)
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate()
}

export function addDays(date: string, days: number): string {
  return formatDay(day(date) + days)
}

/** Signed number of days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return day(to) - day(from)
}

/**
 * The same-numbered day `months` later (or earlier), or the last day of that month when it is
 * shorter — the corresponding-day rule of Civil Code Art. 202.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number]
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = (index % 12) + 1
  const clamped = Math.min(dayOfMonth, daysInMonth(targetYear, targetMonth))
  return formatDay(utcMs(targetYear, targetMonth, clamped) / MS_PER_DAY)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(day(date) * MS_PER_DAY).getUTCDay()
}

export function isWeekend(date: string): boolean {
  const d = weekday(date)
  return d === 0 || d === 6
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4))
}

function minutes(dateTime: string): number {
  const match = DATE_TIME.exec(dateTime)
  if (!match) throw new RangeError(`not a date-time: ${dateTime}`)
  return day(match[1] ?? '') * 1440 + Number(match[2]) * 60 + Number(match[3])
}

export function addHours(dateTime: string, hours: number): string {
  return new Date((minutes(dateTime) + hours * 60) * MS_PER_MINUTE).toISOString().slice(0, 16)
}

/** Today's date in China, whatever time zone the office PC is set to. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}
