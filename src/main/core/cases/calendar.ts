import type { Kysely } from 'kysely'
import type { Calendar, DayOverride } from '../../../shared/domain/calendar'
import { officialCalendar } from '../../../shared/domain/holidays'
import type { Database } from '../db/schema'

/**
 * The working-day calendar every clock is computed with: the shipped holiday years
 * (resources/holidays) with an administrator's day overrides on top. Built once per open case
 * base (a new session opens a new database handle) and dropped when an override changes.
 */
const cache = new WeakMap<Kysely<Database>, Calendar>()

export async function dayOverrides(db: Kysely<Database>): Promise<DayOverride[]> {
  const rows = await db
    .selectFrom('calendarOverride')
    .select(['date', 'kind', 'reason'])
    .orderBy('date')
    .execute()
  return rows.map((row) => ({ date: row.date, kind: row.kind, reason: row.reason }))
}

export async function loadCalendar(db: Kysely<Database>): Promise<Calendar> {
  const cached = cache.get(db)
  if (cached) return cached
  const calendar = officialCalendar([], await dayOverrides(db))
  cache.set(db, calendar)
  return calendar
}

export function invalidateCalendar(db: Kysely<Database>): void {
  cache.delete(db)
}
