import type { Kysely } from 'kysely'
import type { Calendar } from '../../../shared/domain/calendar'
import type { Database } from '../db/schema'
import { loadCalendar } from './calendar'

/** One clock's recorded pauses and extensions, as clockViews shows and counts them. */
export interface ClockAdjustments {
  pauses: { id: string; from: string; to: string; reason: string; recordedByName: string }[]
  extensions: {
    id: string
    length: number
    reason: string
    approvedByName: string
    recordedByName: string
  }[]
}

/** Per case: start events by id, and adjustments by clock id. */
export interface CaseClockData {
  events: Map<string, string>
  adjustments: Map<string, ClockAdjustments>
}

/**
 * Everything the clocks of some cases are computed from — the case page, the list's deadline
 * column and the 期限 board all read it here, so they always agree.
 */
export async function loadClockData(
  db: Kysely<Database>,
  caseIds: readonly string[],
): Promise<{ calendar: Calendar; byCase: (caseId: string) => CaseClockData }> {
  const calendar = await loadCalendar(db)
  const data = new Map<string, CaseClockData>()
  const of = (caseId: string) => {
    let entry = data.get(caseId)
    if (!entry) {
      entry = { events: new Map(), adjustments: new Map() }
      data.set(caseId, entry)
    }
    return entry
  }
  if (caseIds.length > 0) {
    const ids = [...caseIds]
    const events = await db
      .selectFrom('caseEvent')
      .select(['caseId', 'eventId', 'at'])
      .where('caseId', 'in', ids)
      .execute()
    for (const e of events) of(e.caseId).events.set(e.eventId, e.at)
    const adjustments = await db
      .selectFrom('clockAdjustment as a')
      .innerJoin('user as recorder', 'recorder.id', 'a.recordedBy')
      .leftJoin('user as approver', 'approver.id', 'a.approvedById')
      .select([
        'a.id',
        'a.caseId',
        'a.clockId',
        'a.kind',
        'a.pauseFrom',
        'a.pauseTo',
        'a.length',
        'a.reason',
        'recorder.displayName as recordedByName',
        'approver.displayName as approvedByName',
      ])
      .where('a.caseId', 'in', ids)
      .orderBy('a.recordedAt')
      .orderBy('a.id')
      .execute()
    for (const a of adjustments) {
      const byClock = of(a.caseId).adjustments
      const clock = byClock.get(a.clockId) ?? { pauses: [], extensions: [] }
      byClock.set(a.clockId, clock)
      if (a.kind === 'pause' && a.pauseFrom !== null && a.pauseTo !== null) {
        clock.pauses.push({
          id: a.id,
          from: a.pauseFrom,
          to: a.pauseTo,
          reason: a.reason,
          recordedByName: a.recordedByName,
        })
      } else if (a.kind === 'extension' && a.length !== null) {
        clock.extensions.push({
          id: a.id,
          length: a.length,
          reason: a.reason,
          approvedByName: a.approvedByName ?? '',
          recordedByName: a.recordedByName,
        })
      }
    }
  }
  return { calendar, byCase: of }
}
