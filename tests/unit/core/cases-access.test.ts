import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import {
  call,
  refusal,
  setUpStaff,
  signInAs,
  tempDir,
  testCore,
  type Staff,
} from '../../support/core'
import { caseInput, type CaseFile } from './case-fixtures'

const data = tempDir()
let core: Core
let staff: Staff
let mine: CaseFile
let theirs: CaseFile
let shared: CaseFile
beforeAll(async () => {
  core = testCore(data.dir)
  staff = await setUpStaff(core)
  await signInAs(core, staff.mediator.login)
  mine = await call(core, 'cases.create', caseInput('family', staff))
  await signInAs(core, staff.colleague.login)
  theirs = await call(core, 'cases.create', {
    ...caseInput('owners', staff),
    leadMediatorId: staff.colleague.id,
  })
  shared = await call(core, 'cases.create', {
    ...caseInput('petition', staff),
    leadMediatorId: staff.colleague.id,
    coMediatorIds: [staff.mediator.id],
  })
  await signInAs(core, staff.mediator.login)
})
afterEach(async () => signInAs(core, staff.mediator.login))
afterAll(async () => {
  await core.close()
  data.remove()
})

describe('record-level access (DESIGN.md §4)', () => {
  it('shows a mediator the cases they lead or co-mediate, and no others', async () => {
    const { total, rows } = await call(core, 'cases.list', { sort: 'number', direction: 'asc' })
    expect(total).toBe(2)
    expect(rows.map((r) => r.id).sort()).toEqual([mine.id, shared.id].sort())
    const board = await call(core, 'deadlines.board')
    expect(new Set(board.map((b) => b.caseId))).toEqual(new Set([mine.id, shared.id]))
  })

  it('answers NOT_FOUND for a case the mediator is not on, for reads and every write', async () => {
    const ref = { caseId: theirs.id, version: theirs.version }
    const attempts: [string, unknown][] = [
      ['cases.get', { caseId: theirs.id }],
      ['cases.update', { ...ref, patch: { summary: '改' } }],
      ['cases.transition', { ...ref, to: 'rightsNotice' }],
      [
        'timeline.add',
        { ...ref, entry: { kind: 'note', occurredAt: '2026-03-03T10:00', body: 'x' } },
      ],
      ['checklist.set', { ...ref, itemId: 'application', present: true }],
      ['households.add', { ...ref, household: { unit: '1-101', agreementStatus: 'pending' } }],
    ]
    for (const [channel, payload] of attempts) {
      expect((await refusal(core, channel, payload)).code, channel).toBe('NOT_FOUND')
    }
    // Indistinguishable from a case that does not exist.
    const missing = await refusal(core, 'cases.get', { caseId: 'no-such-case' })
    expect(missing).toEqual(await refusal(core, 'cases.get', { caseId: theirs.id }))
  })

  it('lets a supervisor see and work every case', async () => {
    await signInAs(core, staff.supervisor.login)
    expect((await call(core, 'cases.list', {})).total).toBe(3)
    const file = await call(core, 'cases.get', { caseId: theirs.id })
    expect(file.leadMediator.displayName).toBe(staff.colleague.displayName)
  })

  it('keeps a mediator on the cases they register or edit', async () => {
    const error = await refusal(core, 'cases.create', {
      ...caseInput('family', staff),
      leadMediatorId: staff.colleague.id,
    })
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'leadMediatorId', rule: 'notAssignedToSelf' }],
    })
    const handover = await refusal(core, 'cases.update', {
      caseId: mine.id,
      version: mine.version,
      patch: { leadMediatorId: staff.colleague.id },
    })
    expect(handover.fields).toEqual([{ path: 'patch.leadMediatorId', rule: 'notAssignedToSelf' }])
  })

  it('assigns only active mediators and supervisors', async () => {
    const admin = (await call(core, 'users.list')).find((u) => u.role === 'admin')
    const error = await refusal(core, 'cases.create', {
      ...caseInput('family', staff),
      coMediatorIds: [admin?.id ?? '', 'ghost'],
    })
    expect(error.fields).toEqual([
      { path: 'coMediatorIds.0', rule: 'notAMediator' },
      { path: 'coMediatorIds.1', rule: 'notAMediator' },
    ])
  })
})
