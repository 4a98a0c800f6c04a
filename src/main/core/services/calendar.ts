import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { SHIPPED_HOLIDAY_YEARS } from '../../../shared/domain/holidays'
import type { CalendarView } from '../../../shared/schemas/calendar'
import { requireUser } from '../cases/access'
import { invalidateCalendar } from '../cases/calendar'
import { storeAllDeadlines } from '../cases/deadline-columns'
import type { Database } from '../db/schema'
import type { Handlers } from '../handlers'

async function calendarView(db: Kysely<Database>): Promise<z.input<typeof CalendarView>> {
  const overrides = await db
    .selectFrom('calendarOverride as o')
    .innerJoin('user', 'user.id', 'o.recordedBy')
    .select(['o.date', 'o.kind', 'o.reason', 'o.recordedAt', 'user.displayName as recordedByName'])
    .orderBy('o.date')
    .execute()
  return {
    years: SHIPPED_HOLIDAY_YEARS.map((y) => ({
      year: y.year,
      version: y.version,
      source: y.source,
      sourceUrl: y.sourceUrl ?? null,
      verified: y.verified,
    })),
    overrides,
  }
}

export const calendarHandlers = {
  /** The shipped holiday years (with whether each was checked against the notice) and overrides. */
  async 'calendar.get'(_input, ctx) {
    requireUser(ctx)
    return calendarView(ctx.vault.caseBase().db)
  },

  /** An administrator's correction of one day; every clock is counted with it from now on. */
  async 'calendar.setOverride'({ date, kind, reason }, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    const values = {
      kind,
      reason: reason.trim(),
      recordedBy: user.id,
      recordedAt: ctx.now().toISOString(),
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('calendarOverride')
        .values({ date, ...values })
        .onConflict((oc) => oc.column('date').doUpdateSet(values))
        .execute()
      await storeAllDeadlines(trx)
    })
    invalidateCalendar(db)
    return calendarView(db)
  },

  async 'calendar.removeOverride'({ date }, ctx) {
    requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('calendarOverride').where('date', '=', date).execute()
      await storeAllDeadlines(trx)
    })
    invalidateCalendar(db)
    return calendarView(db)
  },
} satisfies Partial<Handlers>
