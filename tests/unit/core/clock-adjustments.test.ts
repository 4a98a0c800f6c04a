import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import {
  ADMIN,
  OWN_PASSWORD,
  call,
  refusal,
  setUpStaff,
  signInAs,
  tempDir,
  testCore,
  type Staff,
} from '../../support/core'
import { caseInput, onCase, type CaseFile } from './case-fixtures'

let data: ReturnType<typeof tempDir>
let core: Core
let staff: Staff
/** 10:00 in Shanghai on Tuesday 10 March 2026. */
const now = new Date('2026-03-10T02:00:00Z')
beforeEach(async () => {
  data = tempDir()
  core = testCore(data.dir, { now: () => now })
  staff = await setUpStaff(core)
  await signInAs(core, staff.mediator.login)
})
afterEach(async () => {
  await core.close()
  data.remove()
})

const clock = (file: CaseFile, id: string) => {
  const found = file.clocks.find((c) => c.clockId === id)
  if (!found) throw new Error(`no clock ${id}`)
  return found
}

async function boardDue(caseId: string, clockId: string) {
  const board = await call(core, 'deadlines.board')
  return board.find((row) => row.caseId === caseId && row.clock.clockId === clockId)?.clock.due
}

async function listDue(caseId: string) {
  const { rows } = await call(core, 'cases.list', { sort: 'nextDue' })
  return rows.find((row) => row.id === caseId)?.nextDue
}

describe('extending a clock (延长)', () => {
  it('extends petition handling by 30 days with a supervisor’s password', async () => {
    // 信访工作条例 Art. 34: 60 days from acceptance on 2026-03-02, extendable by up to 30.
    // 60 days end Friday 1 May, a holiday (1–5 May) → Wednesday 6 May (Civil Code Art. 203).
    // 90 days: 2 March + 29 = 31 March, + 30 = 30 April, + 31 = Sunday 31 May → Monday 1 June.
    const c = onCase(core, await call(core, 'cases.create', caseInput('petition', staff)))
    expect(clock(c.file, 'petitionHandling')).toMatchObject({
      due: '2026-05-06',
      extendable: true,
      maxExtension: 30,
      pausable: false,
      extensions: [],
    })

    const file = await c.write('clocks.extend', {
      clockId: 'petitionHandling',
      length: 30,
      reason: '案情复杂，需协调多个部门',
      approval: { userId: staff.supervisor.id, password: OWN_PASSWORD },
    })
    expect(clock(file, 'petitionHandling')).toMatchObject({
      due: '2026-06-01',
      extensions: [
        {
          length: 30,
          reason: '案情复杂，需协调多个部门',
          approvedByName: '司马主管',
          recordedByName: '诸葛调解',
        },
      ],
    })
    // The timeline says who approved it and the new due date.
    expect(file.timeline[0]).toMatchObject({ kind: 'note', authorName: '诸葛调解' })
    expect(file.timeline[0]?.body).toContain('司马主管')
    expect(file.timeline[0]?.body).toContain('2026-06-01')
    // The 期限 board counts the same way.
    expect(await boardDue(file.id, 'petitionHandling')).toBe('2026-06-01')

    // Already extended by the maximum: one more day is refused.
    const more = await c.refused('clocks.extend', {
      clockId: 'petitionHandling',
      length: 1,
      reason: '再延长',
      approval: { userId: staff.supervisor.id, password: OWN_PASSWORD },
    })
    expect(more).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'length', rule: 'extensionTooLong' }],
    })
  })

  it('refuses 31 days, a wrong password, a missing approval and a non-extendable clock', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('petition', staff)))
    const approval = { userId: staff.supervisor.id, password: OWN_PASSWORD }
    expect(
      await c.refused('clocks.extend', {
        clockId: 'petitionHandling',
        length: 31,
        reason: '案情复杂',
        approval,
      }),
    ).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'length', rule: 'extensionTooLong' }] })
    expect(
      await c.refused('clocks.extend', {
        clockId: 'petitionHandling',
        length: 10,
        reason: '案情复杂',
        approval: { userId: staff.supervisor.id, password: 'Not-The-Password-1' },
      }),
    ).toMatchObject({ code: 'WRONG_CREDENTIALS' })
    expect(
      await c.refused('clocks.extend', {
        clockId: 'petitionHandling',
        length: 10,
        reason: '案情复杂',
      }),
    ).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'approval', rule: 'needsApproval' }] })
    // A mediator cannot approve: naming a colleague with their password is not enough.
    expect(
      await c.refused('clocks.extend', {
        clockId: 'petitionHandling',
        length: 10,
        reason: '案情复杂',
        approval: { userId: staff.colleague.id, password: OWN_PASSWORD },
      }),
    ).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'approval.userId', rule: 'notSupervisor' }],
    })
    // Registering and routing within 15 days (Art. 22) has no extension.
    expect(
      await c.refused('clocks.extend', {
        clockId: 'petitionRouting',
        length: 5,
        reason: '案情复杂',
        approval,
      }),
    ).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'clockId', rule: 'notExtendable' }] })
    // Nothing was written.
    const file = await call(core, 'cases.get', { caseId: c.file.id })
    expect(file.version).toBe(c.file.version)
    expect(clock(file, 'petitionHandling')).toMatchObject({ due: '2026-05-06', extensions: [] })
  })

  it('lets a supervisor extend without a separate approval', async () => {
    await signInAs(core, staff.supervisor.login)
    const c = onCase(core, await call(core, 'cases.create', caseInput('petition', staff)))
    // 60 + 10 = 70 days from 2 March: 31 March is day 29, 30 April day 59, 11 May day 70 (Mon).
    const file = await c.write('clocks.extend', {
      clockId: 'petitionHandling',
      length: 10,
      reason: '需补充调查',
    })
    expect(clock(file, 'petitionHandling')).toMatchObject({
      due: '2026-05-11',
      extensions: [{ length: 10, approvedByName: '司马主管' }],
    })
  })
})

describe('pausing a clock (中止)', () => {
  it('moves a pausable clock by the days paused, on the case, the list and the board', async () => {
    // The one-month practice target from acceptance on 2026-03-02 ends Thursday 2 April.
    // Paused 10–14 March (5 days, both included) it ends Tuesday 7 April — past 清明 (4–6 April),
    // which lies inside the period and so counts.
    const c = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
    expect(clock(c.file, 'practiceConclusion')).toMatchObject({ due: '2026-04-02', pausable: true })
    const file = await c.write('clocks.pause', {
      clockId: 'practiceConclusion',
      from: '2026-03-10',
      to: '2026-03-14',
      reason: '当事人住院治疗',
    })
    expect(clock(file, 'practiceConclusion')).toMatchObject({
      due: '2026-04-07',
      pauses: [
        {
          from: '2026-03-10',
          to: '2026-03-14',
          reason: '当事人住院治疗',
          recordedByName: '诸葛调解',
        },
      ],
    })
    expect(file.timeline[0]?.body).toContain('2026-04-07')
    expect(await boardDue(file.id, 'practiceConclusion')).toBe('2026-04-07')
    expect(await listDue(file.id)).toBe('2026-04-07')
  })

  it('refuses a pause on a clock that cannot be paused, an unstarted clock and a stale version', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('petition', staff)))
    const pause = { from: '2026-03-10', to: '2026-03-14', reason: '等待材料' }
    expect(
      await c.refused('clocks.pause', { clockId: 'petitionHandling', ...pause }),
    ).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'clockId', rule: 'notPausable' }] })
    // 复核 decision (Art. 36) may be paused, but its request has not been received yet.
    expect(
      await c.refused('clocks.pause', { clockId: 'petitionRecheckDecision', ...pause }),
    ).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'clockId', rule: 'notStarted' }] })
    expect(
      await c.refused('clocks.pause', {
        clockId: 'practiceConclusion',
        from: '2026-03-14',
        to: '2026-03-10',
        reason: '等待材料',
      }),
    ).toMatchObject({ code: 'VALIDATION' })

    const stale = c.file
    await c.write('clocks.pause', { clockId: 'practiceConclusion', ...pause })
    const conflict = await refusal(core, 'clocks.pause', {
      caseId: stale.id,
      version: stale.version,
      clockId: 'practiceConclusion',
      ...pause,
    })
    expect(conflict.code).toBe('CONFLICT')
    const extendConflict = await refusal(core, 'clocks.extend', {
      caseId: stale.id,
      version: stale.version,
      clockId: 'petitionHandling',
      length: 5,
      reason: '案情复杂',
      approval: { userId: staff.supervisor.id, password: OWN_PASSWORD },
    })
    expect(extendConflict.code).toBe('CONFLICT')
  })
})

describe('the holiday calendar an administrator corrects', () => {
  it('moves a due date that falls on a day made a holiday, and back when removed', async () => {
    const created = await call(core, 'cases.create', caseInput('family', staff))
    expect(clock(created, 'practiceConclusion').due).toBe('2026-04-02')

    // Only an administrator corrects the calendar; everyone may read it.
    expect(
      await refusal(core, 'calendar.setOverride', {
        date: '2026-04-02',
        kind: 'holiday',
        reason: '本市临时安排',
      }),
    ).toMatchObject({ code: 'FORBIDDEN' })
    const shipped = await call(core, 'calendar.get')
    expect(shipped.years.map((y) => y.year)).toEqual([2025, 2026])
    expect(shipped.years.find((y) => y.year === 2026)).toMatchObject({ version: 1, verified: true })
    expect(shipped.overrides).toEqual([])

    await signInAs(core, ADMIN.login)
    const view = await call(core, 'calendar.setOverride', {
      date: '2026-04-02',
      kind: 'holiday',
      reason: '本市临时安排',
    })
    expect(view.overrides).toEqual([
      {
        date: '2026-04-02',
        kind: 'holiday',
        reason: '本市临时安排',
        recordedByName: ADMIN.displayName,
        recordedAt: now.toISOString(),
      },
    ])

    // Thursday 2 April is now a rest day: the period ends on Friday 3 April (Art. 203).
    await signInAs(core, staff.mediator.login)
    const moved = await call(core, 'cases.get', { caseId: created.id })
    expect(clock(moved, 'practiceConclusion').due).toBe('2026-04-03')
    expect(await boardDue(created.id, 'practiceConclusion')).toBe('2026-04-03')
    expect(await listDue(created.id)).toBe('2026-04-03')

    await signInAs(core, ADMIN.login)
    const removed = await call(core, 'calendar.removeOverride', { date: '2026-04-02' })
    expect(removed.overrides).toEqual([])
    await signInAs(core, staff.mediator.login)
    const back = await call(core, 'cases.get', { caseId: created.id })
    expect(clock(back, 'practiceConclusion').due).toBe('2026-04-02')
  })

  it('replaces the correction of a day that already has one', async () => {
    await signInAs(core, ADMIN.login)
    await call(core, 'calendar.setOverride', {
      date: '2026-04-03',
      kind: 'holiday',
      reason: '测试',
    })
    await call(core, 'calendar.setOverride', {
      date: '2026-04-03',
      kind: 'workday',
      reason: '改正',
    })
    const view = await call(core, 'calendar.get')
    expect(view.overrides).toMatchObject([{ date: '2026-04-03', kind: 'workday', reason: '改正' }])
  })
})
