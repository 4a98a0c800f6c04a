import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
import { APPLICANT, caseInput, ID_NUMBERS, type CaseFile } from './case-fixtures'

const data = tempDir()
let core: Core
let staff: Staff
const cases: Record<string, CaseFile> = {}
beforeAll(async () => {
  core = testCore(data.dir, { now: () => new Date('2026-03-10T02:00:00Z') })
  staff = await setUpStaff(core)
  await signInAs(core, staff.mediator.login)
  cases.family = await call(core, 'cases.create', caseInput('family', staff, { riskLevel: 'high' }))
  cases.owners = await call(core, 'cases.create', {
    ...caseInput('owners', staff),
    district: 'pudong',
    acceptedAt: '2026-02-10',
  })
  cases.petition = await call(core, 'cases.create', {
    ...caseInput('petition', staff),
    coMediatorIds: [staff.colleague.id],
    acceptedAt: '2026-03-05',
  })
  const { id, version } = cases.family
  cases.family = await call(core, 'parties.add', { caseId: id, version, party: APPLICANT })
})
afterAll(async () => {
  await core.close()
  data.remove()
})

const ids = async (query: Parameters<typeof call<'cases.list'>>[2]) =>
  (await call(core, 'cases.list', query)).rows.map((row) => row.id)

describe('the case list', () => {
  it('filters by category, stage, district, risk, mediator and acceptance dates', async () => {
    expect(await ids({ category: 'owners' })).toEqual([cases.owners?.id])
    expect(await ids({ district: 'pudong' })).toEqual([cases.owners?.id])
    expect(await ids({ riskLevel: 'high' })).toEqual([cases.family?.id])
    expect(await ids({ mediatorId: staff.colleague.id })).toEqual([cases.petition?.id])
    expect(await ids({ acceptedFrom: '2026-03-01', acceptedTo: '2026-03-04' })).toEqual([
      cases.family?.id,
    ])
    expect((await ids({ stage: 'intake' })).length).toBe(3)
    expect(await ids({ stage: 'closed' })).toEqual([])
  })

  it('finds a case by number, party name, phone or ID fragment, with wildcards taken literally', async () => {
    const family = cases.family?.id
    expect(await ids({ text: cases.family?.number.slice(0, 9) })).toEqual([family])
    expect(await ids({ text: '三丰' })).toEqual([family])
    expect(await ids({ text: '1234' })).toEqual([family])
    expect(await ids({ text: ID_NUMBERS.zhang.slice(-6).toLowerCase() })).toEqual([family])
    expect(await ids({ text: '%' })).toEqual([])
    expect(await ids({ text: '_' })).toEqual([])
  })

  it('sorts and pages by keyset, with the total of all matches on the first page', async () => {
    const first = await call(core, 'cases.list', { sort: 'acceptedAt', direction: 'asc', limit: 1 })
    expect(first.total).toBe(3)
    expect(first.rows.map((r) => r.id)).toEqual([cases.owners?.id])
    const page = await call(core, 'cases.list', {
      sort: 'acceptedAt',
      direction: 'asc',
      after: first.next ?? '',
      limit: 1,
    })
    expect(page.total).toBeNull()
    expect(page.rows.map((r) => r.id)).toEqual([cases.family?.id])
    const last = await call(core, 'cases.list', {
      sort: 'acceptedAt',
      direction: 'asc',
      after: page.next ?? '',
      limit: 1,
    })
    expect(last.rows.map((r) => r.id)).toEqual([cases.petition?.id])
    expect(last.next).toBeNull()
    expect((await refusal(core, 'cases.list', { after: 'not a cursor' })).code).toBe('VALIDATION')
    expect(await ids({ sort: 'nextDue', direction: 'asc' })).toEqual([
      cases.owners?.id, // practice target 2026-03-10
      cases.petition?.id, // petition routing from 2026-02-26: 2026-03-13
      cases.family?.id, // practice target 2026-04-02
    ])
    const [row] = (await call(core, 'cases.list', { category: 'owners' })).rows
    expect(row).toMatchObject({
      number: cases.owners?.number,
      stage: 'intake',
      leadMediatorName: staff.mediator.displayName,
      nextDue: '2026-03-10',
      overdue: false,
    })
  })
})
