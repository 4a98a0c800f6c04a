import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Calendar } from '../../../shared/domain/calendar'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { clockDue, type ClockProblem, type ClockRun } from '../../../shared/domain/workflow/clocks'
import type { Clock } from '../../../shared/domain/workflow/types'
import type { CaseRow } from '../cases/access'
import { loadCalendar } from '../cases/calendar'
import { loadClockData } from '../cases/clock-data'
import { chinaDateTime, clockRun } from '../cases/clocks'
import type { CoreContext } from '../context'
import type { Database } from '../db/schema'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import type { SessionUser } from '../vault'
import { writeCase } from './case-write'
import { approver } from './transitions'

const invalid = (path: string, rule: string) =>
  new CoreError('VALIDATION', undefined, [{ path, rule }])

const PROBLEM_PATH: Record<ClockProblem, string> = {
  notPausable: 'clockId',
  notExtendable: 'clockId',
  extensionTooLong: 'length',
}

/** The clock of the case's definition and its run so far; refused if it has not started. */
async function startedClock(trx: Kysely<Database>, row: CaseRow, clockId: string) {
  const clock = WORKFLOWS[row.category].clocks.find((c) => c.id === clockId)
  if (!clock) throw invalid('clockId', 'unknownClock')
  const data = (await loadClockData(trx, [row.id])).byCase(row.id)
  const at = data.events.get(clock.startEvent)
  if (at === undefined) throw invalid('clockId', 'notStarted')
  const run = clockRun(clock, at, data.adjustments.get(clock.id) ?? { pauses: [], extensions: [] })
  return { clock, run }
}

/** The definition decides: a clock the law does not let pause or extend is refused here. */
function check(clock: Clock, run: ClockRun, calendar: Calendar) {
  const result = clockDue(clock, run, calendar)
  if (!result.ok) throw invalid(PROBLEM_PATH[result.problem], result.problem)
  return result.value
}

async function note(
  ctx: CoreContext,
  trx: Kysely<Database>,
  w: { row: CaseRow; user: SessionUser; now: string },
  body: string,
) {
  await trx
    .insertInto('timelineEntry')
    .values({
      id: randomUUID(),
      caseId: w.row.id,
      kind: 'note',
      occurredAt: chinaDateTime(ctx.now()),
      place: null,
      attendees: '[]',
      restricted: 0,
      body,
      transitionId: null,
      authorId: w.user.id,
      createdAt: w.now,
    })
    .execute()
}

export const clockAdjustmentHandlers = {
  /** 中止: the days from `from` to `to` do not count, where the clock's definition allows it. */
  async 'clocks.pause'(input, ctx) {
    const calendar = await loadCalendar(ctx.vault.caseBase().db)
    return writeCase(ctx, input, async ({ trx, row, user, now }) => {
      if (input.from > input.to) throw invalid('to', 'pauseOrder')
      const reason = input.reason.trim()
      const { clock, run } = await startedClock(trx, row, input.clockId)
      const due = check(
        clock,
        { ...run, pauses: [...run.pauses, { from: input.from, to: input.to, reason }] },
        calendar,
      )
      await trx
        .insertInto('clockAdjustment')
        .values({
          id: randomUUID(),
          caseId: row.id,
          clockId: clock.id,
          kind: 'pause',
          pauseFrom: input.from,
          pauseTo: input.to,
          length: null,
          reason,
          approvedById: null,
          recordedBy: user.id,
          recordedAt: now,
        })
        .execute()
      const t = ctx.i18n.t.bind(ctx.i18n)
      await note(
        ctx,
        trx,
        { row, user, now },
        t('clocks.timeline.paused', {
          clock: t(`workflow.clock.${clock.id}`),
          from: input.from,
          to: input.to,
          due: due.due,
          reason,
        }),
      )
    })
  },

  /**
   * 延长: by `length` units of the clock's own unit, never past its stated maximum, with a
   * supervisor's signed approval (a supervisor acting themself approves by acting). The
   * password is checked before the write transaction, as for closing a case.
   */
  async 'clocks.extend'(input, ctx) {
    const signed = await approver(ctx, input.approval)
    const calendar = await loadCalendar(ctx.vault.caseBase().db)
    return writeCase(ctx, input, async ({ trx, row, user, now }) => {
      const approvedById = signed?.userId ?? (user.role === 'supervisor' ? user.id : null)
      if (approvedById === null) throw invalid('approval', 'needsApproval')
      const reason = input.reason.trim()
      const { clock, run } = await startedClock(trx, row, input.clockId)
      const due = check(
        clock,
        {
          ...run,
          extensions: [
            ...run.extensions,
            { length: input.length, reason, approvedBy: approvedById },
          ],
        },
        calendar,
      )
      await trx
        .insertInto('clockAdjustment')
        .values({
          id: randomUUID(),
          caseId: row.id,
          clockId: clock.id,
          kind: 'extension',
          pauseFrom: null,
          pauseTo: null,
          length: input.length,
          reason,
          approvedById,
          recordedBy: user.id,
          recordedAt: now,
        })
        .execute()
      const approverRow = await trx
        .selectFrom('user')
        .select('displayName')
        .where('id', '=', approvedById)
        .executeTakeFirstOrThrow()
      const t = ctx.i18n.t.bind(ctx.i18n)
      await note(
        ctx,
        trx,
        { row, user, now },
        t('clocks.timeline.extended', {
          clock: t(`workflow.clock.${clock.id}`),
          length: input.length,
          unit: t(`clocks.unit.${clock.unit}`),
          approver: approverRow.displayName,
          due: due.due,
          reason,
        }),
      )
    })
  },
} satisfies Partial<Handlers>
