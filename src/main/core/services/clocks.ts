import { WORKFLOWS } from '../../../shared/domain/workflow'
import { requireUser, visibleCases } from '../cases/access'
import { clockViews } from '../cases/clocks'
import { loadClockData } from '../cases/clock-data'
import { isFieldEvent } from '../../../shared/domain/workflow/field-events'
import { recordEvent } from '../cases/events'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { writeCase } from './case-write'

export const clockHandlers = {
  /**
   * Records when a clock's start event happened (a petition reply received, a protection order
   * application accepted …), replacing an earlier date. Events a case field already holds are
   * changed through that field.
   */
  async 'cases.recordEvent'({ caseId, version, event, at }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row, user }) => {
      const clocks = WORKFLOWS[row.category].clocks.filter((c) => c.startEvent === event)
      const invalid = (path: string, rule: string) =>
        new CoreError('VALIDATION', undefined, [{ path, rule }])
      if (clocks.length === 0) throw invalid('event', 'unknownEvent')
      if (isFieldEvent(event)) throw invalid('event', 'fieldBacked')
      // A clock in hours (反家庭暴力法 Art. 28: 72 hours) counts from a time, not a day.
      if (clocks.some((c) => c.unit === 'hours') && !at.includes('T')) {
        throw invalid('at', 'needsTime')
      }
      await recordEvent(trx, { caseId: row.id, eventId: event, at, recordedBy: user.id })
    })
  },

  /**
   * The 期限 board: every clock not yet done on the cases this user may see, soonest first.
   * Computed from the events on each request; issue 7 keeps due dates in a table when the
   * case count makes this slow.
   */
  async 'deadlines.board'(_input, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    const now = ctx.now()
    const cases = await visibleCases(db, user)
      .innerJoin('caseMediator as lead', (join) =>
        join.onRef('lead.caseId', '=', 'case.id').on('lead.role', '=', 'lead'),
      )
      .innerJoin('user as leadUser', 'leadUser.id', 'lead.userId')
      .select([
        'case.id',
        'case.number',
        'case.category',
        'case.stage',
        'leadUser.id as leadMediatorId',
        'leadUser.displayName as leadMediatorName',
      ])
      .execute()
    const { calendar, byCase } = await loadClockData(
      db,
      cases.map((c) => c.id),
    )
    return cases
      .flatMap((c) =>
        clockViews(WORKFLOWS[c.category], c.stage, byCase(c.id), calendar, now)
          .filter((clock) => clock.status !== 'done')
          .map((clock) => ({
            caseId: c.id,
            number: c.number,
            category: c.category,
            leadMediatorId: c.leadMediatorId,
            leadMediatorName: c.leadMediatorName,
            clock,
          })),
      )
      .sort((a, b) => a.clock.due.localeCompare(b.clock.due) || a.number.localeCompare(b.number))
  },
} satisfies Partial<Handlers>
