import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import { call, setUpStaff, signInAs, tempDir, testCore, type Staff } from '../../support/core'
import { caseInput, onCase } from './case-fixtures'

let data: ReturnType<typeof tempDir>
let core: Core
let staff: Staff
/** China time is UTC+8: 02:00Z is 10:00 in Shanghai. */
let now = new Date('2026-03-10T02:00:00Z')
beforeEach(async () => {
  data = tempDir()
  now = new Date('2026-03-10T02:00:00Z')
  core = testCore(data.dir, { now: () => now })
  staff = await setUpStaff(core)
  await signInAs(core, staff.mediator.login)
})
afterEach(async () => {
  await core.close()
  data.remove()
})

/** Moves the injected clock; the idle lock notices, so sign in again. */
async function travelTo(iso: string) {
  now = new Date(iso)
  await signInAs(core, staff.mediator.login)
}

describe('clocks on a case', () => {
  it('counts the petition handling period from acceptance past the May Day holiday', async () => {
    // 信访工作条例 Art. 34: 60 days from 2026-03-02 end on 2026-05-01, a holiday (1–5 May);
    // Civil Code Art. 203 moves the end to the first working day after it, 2026-05-06.
    const file = await call(core, 'cases.create', caseInput('petition', staff))
    const handling = file.clocks.find((c) => c.clockId === 'petitionHandling')
    expect(handling).toMatchObject({
      source: '信访工作条例（2022）第三十四条',
      kind: 'statutory',
      obligor: 'agency',
      start: '2026-03-02',
      due: '2026-05-06',
      daysLeft: 57,
      status: 'running',
    })
    // Registered 2026-02-26: routing within 15 days ends 2026-03-13 (a Friday).
    expect(file.clocks.find((c) => c.clockId === 'petitionRouting')).toMatchObject({
      due: '2026-03-13',
      daysLeft: 3,
      status: 'dueSoon',
    })
    // One month from acceptance (2002 MoJ rules Art. 33), the same-numbered day.
    expect(file.clocks.find((c) => c.clockId === 'practiceConclusion')).toMatchObject({
      kind: 'practice',
      due: '2026-04-02',
    })

    await travelTo('2026-05-07T01:00:00Z')
    const later = await call(core, 'cases.get', { caseId: file.id })
    expect(later.clocks.find((c) => c.clockId === 'petitionHandling')).toMatchObject({
      daysLeft: -1,
      status: 'overdue',
    })
  })

  it('keeps clocks of recorded events, and a field-backed event follows its field', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('petition', staff)))
    await c.write('cases.recordEvent', { event: 'petitionReplyReceived', at: '2026-03-05' })
    expect(c.file.clocks.find((k) => k.clockId === 'petitionReviewRequest')).toMatchObject({
      obligor: 'party',
      due: '2026-04-07', // 30 days end Saturday 4 April; 5 April is 清明, 6 April its 调休 Monday
    })
    await c.write('cases.recordEvent', { event: 'petitionReplyReceived', at: '2026-03-06' })
    expect(c.file.clocks.filter((k) => k.clockId === 'petitionReviewRequest')).toHaveLength(1)

    await c.write('cases.update', {
      patch: {
        details: { ...c.file.details, category: 'petition', petitionAcceptedAt: undefined },
      },
    })
    expect(c.file.clocks.map((k) => k.clockId)).not.toContain('petitionHandling')
  })

  it('refuses events the category has no clock for, field-backed events, and hour clocks without a time', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
    expect(
      await c.refused('cases.recordEvent', { event: 'petitionAccepted', at: '2026-03-05' }),
    ).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'event', rule: 'unknownEvent' }] })
    expect(
      await c.refused('cases.recordEvent', { event: 'accepted', at: '2026-03-05' }),
    ).toMatchObject({ fields: [{ path: 'event', rule: 'fieldBacked' }] })
    expect(
      await c.refused('cases.recordEvent', { event: 'protectionOrderAccepted', at: '2026-03-09' }),
    ).toMatchObject({ fields: [{ path: 'at', rule: 'needsTime' }] })

    // 反家庭暴力法 Art. 28: 72 hours from the court's acceptance, through the weekend.
    await c.write('cases.recordEvent', { event: 'protectionOrderAccepted', at: '2026-03-07T15:30' })
    expect(c.file.clocks.find((k) => k.clockId === 'protectionOrderDecision')).toMatchObject({
      obligor: 'court',
      due: '2026-03-10T15:30',
      status: 'dueSoon',
    })
    expect(c.file.clocks.find((k) => k.clockId === 'protectionOrderDecisionUrgent')).toMatchObject({
      due: '2026-03-08T15:30',
      status: 'overdue',
    })
  })

  it('marks the organization’s own clocks done once mediation has ended', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('petition', staff)))
    await c.write('cases.transition', {
      to: 'terminated',
      reason: '申请人拒绝调解',
      otherRoutesNoticeGiven: true,
    })
    const status = Object.fromEntries(c.file.clocks.map((k) => [k.clockId, k.status]))
    expect(status.practiceConclusion).toBe('done')
    // The agency's periods still bind the agency.
    expect(status.petitionHandling).toBe('running')
  })
})

describe('the 期限 board', () => {
  it('lists open clocks across the user’s cases, soonest first, with overdue ones on top', async () => {
    const petition = await call(core, 'cases.create', caseInput('petition', staff))
    const family = await call(core, 'cases.create', {
      ...caseInput('family', staff),
      acceptedAt: '2026-01-20',
    })
    const board = await call(core, 'deadlines.board')
    expect(board.map((b) => b.clock.due)).toEqual([...board.map((b) => b.clock.due)].sort())
    expect(board[0]).toMatchObject({
      caseId: family.id,
      number: family.number,
      category: 'family',
      leadMediatorName: staff.mediator.displayName,
      // One month from 20 January is 20 February, inside the Spring Festival break: 24 February.
      clock: { clockId: 'practiceConclusion', due: '2026-02-24', status: 'overdue' },
    })
    expect(board.filter((b) => b.caseId === petition.id).map((b) => b.clock.clockId)).toEqual([
      'petitionRouting',
      'practiceConclusion',
      'petitionHandling',
    ])

    // A passed practice target (the one-month 调结 target) is a prompt, not a breach.
    expect((await call(core, 'cases.list', { overdue: true })).rows).toEqual([])
    const familyRow = (await call(core, 'cases.list', {})).rows.find((r) => r.id === family.id)
    expect(familyRow).toMatchObject({ nextDue: '2026-02-24', overdue: false })

    // The agency missed the 15-day routing period (信访工作条例 Art. 22): that one is overdue.
    // 2 February + 15 days is 17 February, in the Spring Festival break: 24 February.
    const base = caseInput('petition', staff)
    const late = await call(core, 'cases.create', {
      ...base,
      details: { ...base.details, category: 'petition', petitionReceivedAt: '2026-02-02' },
    })
    const list = await call(core, 'cases.list', { overdue: true })
    expect(list.rows.map((r) => r.id)).toEqual([late.id])
    expect(list.rows[0]).toMatchObject({ nextDue: '2026-02-24', overdue: true })
  })
})
