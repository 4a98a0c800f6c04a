import { describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import { CaseCategory } from '../../../src/shared/domain/workflow/types'
import { call, eachTestWithStaff, OWN_PASSWORD, signInAs, type Staff } from '../../support/core'
import { ALWAYS, APPLICANT, caseInput, onCase } from './case-fixtures'

let core: Core
let staff: Staff
eachTestWithStaff({ now: () => new Date('2026-03-10T02:00:00Z') }, (env) => ({ core, staff } = env))

/** Registers a case as the mediator and brings it to mediation (rights told, documents in). */
async function caseInMediation(category: CaseCategory) {
  const c = onCase(core, await call(core, 'cases.create', caseInput(category, staff)))
  await c.write('parties.add', { party: APPLICANT })
  await c.present(
    'application',
    'identityProof',
    ...(category === 'family' ? ['riskAssessment'] : []),
  )
  await c.write('cases.transition', { to: 'rightsNotice' })
  await c.write('cases.update', { patch: { progress: { rightsNotifiedAt: '2026-03-03' } } })
  await c.present('rightsNotice')
  await c.write('cases.transition', { to: 'mediation' })
  return c
}

describe('a case from intake to closing', () => {
  it.each(CaseCategory.options)(
    '%s: every stage guarded, closing approved by a supervisor, each move on the timeline',
    async (category) => {
      const c = await caseInMediation(category)
      await c.write('timeline.add', {
        entry: {
          kind: 'session',
          occurredAt: '2026-03-05T14:00',
          place: '调解室',
          attendees: ['张三丰'],
          body: '双方陈述意见，初步达成一致。',
        },
      })
      await c.present('mediationRecord')
      await c.write('cases.transition', { to: 'agreement' })
      await c.write('cases.update', {
        patch: {
          progress: {
            rightsNotifiedAt: '2026-03-03',
            agreementEffectiveAt: '2026-03-06',
            performanceDeadline: '2026-04-30',
          },
        },
      })
      await c.present('agreement')
      await c.write('cases.transition', { to: 'performance' })
      await c.write('cases.update', {
        patch: { progress: { ...c.file.progress, followUpAt: '2026-03-09' } },
      })
      await c.present(...ALWAYS[category])

      // The mediator may ask, but closing needs a supervisor (approval is a workflow guard).
      const unapproved = await c.refused('cases.transition', { to: 'closed' })
      expect(unapproved.code).toBe('TRANSITION_BLOCKED')
      expect(unapproved.fields).toEqual([{ path: 'approval', rule: 'needsApproval' }])
      const closed = await c.write('cases.transition', {
        to: 'closed',
        approval: { userId: staff.supervisor.id, password: OWN_PASSWORD },
      })

      expect(closed.stage).toBe('closed')
      expect(closed.nextSteps).toEqual([]) // only a supervisor may reopen
      const moves = closed.timeline.filter((e) => e.kind === 'stageChange')
      expect(moves.map((e) => e.transition?.to)).toEqual([
        'closed',
        'performance',
        'agreement',
        'mediation',
        'rightsNotice',
      ])
      expect(moves[0]?.transition).toMatchObject({
        action: 'close',
        approvedByName: staff.supervisor.displayName,
        overrideReason: null,
      })
      expect(moves[0]?.authorName).toBe(staff.mediator.displayName)
      // The organization's own practice target is met once the case is closed.
      expect(closed.clocks.find((k) => k.clockId === 'practiceConclusion')?.status).toBe('done')
    },
  )

  it('names every missing field and document at once, and writes nothing', async () => {
    const c = onCase(
      core,
      await call(
        core,
        'cases.create',
        caseInput('family', staff, {
          details: { category: 'family' },
        }),
      ),
    )
    const before = c.file
    const error = await c.refused('cases.transition', { to: 'rightsNotice' })
    expect(error.code).toBe('TRANSITION_BLOCKED')
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { path: 'field.parties', rule: 'missingField' },
        { path: 'field.relationship', rule: 'missingField' },
        { path: 'document.application', rule: 'missingDocument' },
        { path: 'document.riskAssessment', rule: 'missingDocument' },
      ]),
    )
    expect(error.message).toMatch(/^暂不能进入该阶段：/)
    const after = await call(core, 'cases.get', { caseId: before.id })
    expect(after).toEqual(before)
  })

  it('refuses a stage that skips the guards, and one the workflow does not have', async () => {
    const c = await caseInMediation('owners')
    const skip = await c.refused('cases.transition', { to: 'performance' })
    expect(skip).toMatchObject({
      code: 'TRANSITION_BLOCKED',
      fields: [{ path: 'to', rule: 'notATransition' }],
    })
    const unknown = await c.refused('cases.transition', { to: 'appeal' })
    expect(unknown).toMatchObject({
      code: 'TRANSITION_BLOCKED',
      fields: [{ path: 'to', rule: 'unknownStage' }],
    })
    const malformed = await c.refused('cases.transition', { to: 'DROP TABLE' })
    expect(malformed.code).toBe('VALIDATION')
    expect(malformed.fields?.[0]?.path).toBe('to')
  })
})

describe('supervisor approval', () => {
  it('needs the supervisor’s own password: a name, a wrong password or a mediator is refused', async () => {
    const c = await caseInMediation('family')
    await c.write('cases.transition', {
      to: 'terminated',
      reason: '申请人撤回调解申请',
      otherRoutesNoticeGiven: true,
    })
    await c.present('terminationNotice', 'mediationRecord')
    const before = c.file.version

    const wrongPassword = await c.refused('cases.transition', {
      to: 'closed',
      approval: { userId: staff.supervisor.id, password: 'Guessed-Password-1' },
    })
    expect(wrongPassword.code).toBe('WRONG_CREDENTIALS')
    const notASupervisor = await c.refused('cases.transition', {
      to: 'closed',
      approval: { userId: staff.colleague.id, password: OWN_PASSWORD },
    })
    expect(notASupervisor.fields).toEqual([{ path: 'approval.userId', rule: 'notSupervisor' }])
    const reread = await call(core, 'cases.get', { caseId: c.file.id })
    expect([reread.stage, reread.version]).toEqual(['terminated', before])

    const closed = await c.write('cases.transition', {
      to: 'closed',
      approval: { userId: staff.supervisor.id, password: OWN_PASSWORD },
    })
    expect(closed.timeline[0]?.transition?.approvedByName).toBe(staff.supervisor.displayName)
    // The session is still the mediator's: approving did not sign the supervisor in.
    expect((await call(core, 'app.status')).session?.user.login).toBe(staff.mediator.login)
  })
})

describe('termination and reopening', () => {
  it('terminates with a reason and the other-routes notice (PML Art. 26)', async () => {
    const c = await caseInMediation('expropriation')
    const bare = await c.refused('cases.transition', { to: 'terminated' })
    expect(bare.fields).toEqual([
      { path: 'reason', rule: 'needsReason' },
      { path: 'otherRoutesNoticeGiven', rule: 'needsOtherRoutesNotice' },
    ])
    const terminated = await c.write('cases.transition', {
      to: 'terminated',
      reason: '被申请人明确拒绝继续调解',
      otherRoutesNoticeGiven: true,
    })
    expect(terminated.stage).toBe('terminated')
    expect(terminated.timeline[0]).toMatchObject({
      kind: 'stageChange',
      body: '被申请人明确拒绝继续调解',
      transition: { action: 'terminate', otherRoutesNotice: true },
    })
    expect(terminated.nextSteps.map((s) => s.to)).toEqual(['closed'])
  })

  it('lets only a supervisor reopen, and only with a reason', async () => {
    const c = await caseInMediation('petition')
    await c.write('cases.transition', {
      to: 'terminated',
      reason: '申请人撤回申请',
      otherRoutesNoticeGiven: true,
    })
    const byMediator = await c.refused('cases.transition', { to: 'mediation', reason: '新情况' })
    expect(byMediator.fields).toEqual([{ path: 'role', rule: 'notAllowedForRole' }])

    await signInAs(core, staff.supervisor.login)
    const noReason = await c.refused('cases.transition', { to: 'mediation' })
    expect(noReason.fields).toEqual([{ path: 'reason', rule: 'needsReason' }])
    const reopened = await c.write('cases.transition', {
      to: 'mediation',
      reason: '申请人提供新证据，要求继续调解',
    })
    expect(reopened.stage).toBe('mediation')
    expect(reopened.timeline[0]?.transition).toMatchObject({
      from: 'terminated',
      to: 'mediation',
      action: 'reopen',
    })
  })
})

describe('the 卷宗 checklist', () => {
  it('blocks closing while an item is missing; a supervisor may override with a reason', async () => {
    const c = await caseInMediation('family')
    await c.write('cases.transition', {
      to: 'terminated',
      reason: '一方要求终止调解',
      otherRoutesNoticeGiven: true,
    })
    const missing = await c.refused('cases.transition', {
      to: 'closed',
      approval: { userId: staff.supervisor.id, password: OWN_PASSWORD },
    })
    expect(missing.fields).toEqual([
      { path: 'document.mediationRecord', rule: 'missingDocument' },
      { path: 'document.terminationNotice', rule: 'missingDocument' },
    ])
    // A reason alone is not enough when a mediator asks: the override is the supervisor's.
    const { fields } = await c.refused('cases.transition', {
      to: 'closed',
      documentsOverrideReason: '终止告知为口头告知，已录音',
    })
    expect(fields).toContainEqual({ path: 'document.terminationNotice', rule: 'missingDocument' })

    await signInAs(core, staff.supervisor.login)
    const closed = await c.write('cases.transition', {
      to: 'closed',
      documentsOverrideReason: '终止告知为口头告知，已录音',
    })
    expect(closed.stage).toBe('closed')
    expect(closed.timeline[0]?.transition).toMatchObject({
      approvedByName: staff.supervisor.displayName,
      overrideReason: '终止告知为口头告知，已录音',
    })
  })

  it('knows only the category’s items', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('owners', staff)))
    expect(c.file.checklist.every((item) => !item.present)).toBe(true)
    expect(c.file.checklist.map((item) => item.itemId)).toContain('voteRecord')
    const error = await c.refused('checklist.set', { itemId: 'riskAssessment', present: true })
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'itemId', rule: 'unknownItem' }],
    })
  })
})
