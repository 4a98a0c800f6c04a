import type { Kysely } from 'kysely'
import { addDays, addHours } from '../../../shared/domain/iso-date'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import type { Database } from '../db/schema'
import { loadClockData } from './clock-data'
import { clockViews, deadlineSummary } from './clocks'

/**
 * Any instant serves: a clock's due date does not depend on today, only its status does, and
 * the "done" status (the stage) and the kind are what decide which clocks count here.
 */
const ANY_INSTANT = new Date(0)

/**
 * The minute ('YYYY-MM-DDTHH:mm', China wall clock) from which a clock due at `due` is overdue:
 * a day clock the day after, an hour clock the minute after (clocks.ts: `daysLeft < 0`,
 * `nowInChina > due`).
 */
function overdueFrom(due: string, unit: string): string {
  return unit === 'hours' ? addHours(due, 1 / 60) : `${addDays(due.slice(0, 10), 1)}T00:00`
}

/**
 * Stores each case's deadline columns (migration 0012) from its clocks, computed exactly as
 * the case page and the 期限 board compute them: `next_due` (the list's deadline column and
 * sort) and `overdue_from` (a statutory clock not done is overdue from then). Called in the
 * transaction of every write that can move a clock, and for all cases when the calendar
 * changes.
 */
export async function storeDeadlines(
  db: Kysely<Database>,
  caseIds: readonly string[],
): Promise<void> {
  if (caseIds.length === 0) return
  const rows = await db
    .selectFrom('case')
    .select(['id', 'category', 'stage'])
    .where('id', 'in', [...caseIds])
    .execute()
  const { calendar, byCase } = await loadClockData(
    db,
    rows.map((row) => row.id),
  )
  for (const row of rows) {
    const views = clockViews(
      WORKFLOWS[row.category],
      row.stage,
      byCase(row.id),
      calendar,
      ANY_INSTANT,
    )
    const statutory = views
      .filter((v) => v.status !== 'done' && v.kind === 'statutory')
      .map((v) => overdueFrom(v.due, v.unit ?? 'days'))
      .sort()
    await db
      .updateTable('case')
      .set({ nextDue: deadlineSummary(views).nextDue, overdueFrom: statutory[0] ?? null })
      .where('id', '=', row.id)
      .execute()
  }
}

/** Every case's deadline columns, after the calendar they are counted with has changed. */
export async function storeAllDeadlines(db: Kysely<Database>): Promise<void> {
  const ids = (await db.selectFrom('case').select('id').execute()).map((row) => row.id)
  for (let i = 0; i < ids.length; i += 500) await storeDeadlines(db, ids.slice(i, i + 500))
}
