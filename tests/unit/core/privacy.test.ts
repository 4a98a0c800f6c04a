import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import {
  ADMIN,
  OWN_PASSWORD,
  addUser,
  call,
  firstSignIn,
  refusal,
  setUpStaff,
  signInAs,
  tempDir,
  testCore,
  type Staff,
  type StaffMember,
} from '../../support/core'
import { APPLICANT, ID_NUMBERS, caseInput, onCase, type CaseFile } from './case-fixtures'

const data = tempDir()
let clock = new Date('2026-03-10T02:00:00Z')
// Each request a second later, so records made in one test keep their order.
let tick = 0
let core: Core
let staff: Staff
let auditor: StaffMember
let family: CaseFile

const RESPONDENT = {
  kind: 'person',
  name: '李四',
  role: 'respondent',
  idType: 'residentId',
  idNumber: ID_NUMBERS.li,
  phone: '13987654321',
  address: '上海市黄浦区南京东路100弄5号301室',
  legalBasis: 'consent',
} as const
const CHILD = {
  kind: 'person',
  name: '张小明',
  role: 'thirdParty',
  minor: true,
  legalBasis: 'legalDuty',
} as const
const PERSONAL_VALUES = [
  '张三丰',
  '李四',
  '张小明',
  ID_NUMBERS.zhang,
  ID_NUMBERS.li,
  '13812345678',
  '13987654321',
  '南京东路',
  '背靠背：李四承认动手',
  '2026年3月1日晚李四推搡张三丰',
]

async function mediate(file: CaseFile) {
  const c = onCase(core, file)
  await c.write('parties.add', { party: APPLICANT })
  await c.write('parties.add', { party: RESPONDENT })
  await c.write('parties.add', { party: CHILD })
  await c.write('timeline.add', {
    entry: {
      kind: 'session',
      occurredAt: '2026-03-05T14:00',
      attendees: ['张三丰', '李四'],
      body: '李四（电话13987654321）同意赔偿张三丰。',
    },
  })
  await c.write('timeline.add', {
    entry: {
      kind: 'session',
      occurredAt: '2026-03-06T14:00',
      restricted: true,
      body: '背靠背：李四承认动手',
    },
  })
  return c
}

beforeAll(async () => {
  core = testCore(data.dir, { now: () => new Date(clock.getTime() + 1000 * tick++) })
  staff = await setUpStaff(core)
  await signInAs(core, ADMIN.login)
  auditor = await addUser(core, { login: 'pinggu', displayName: '评估专员', role: 'auditor' })
  await firstSignIn(core, auditor.login)
  await signInAs(core, staff.mediator.login)
  const created = await call(core, 'cases.create', {
    ...caseInput('family', staff),
    summary: '张三丰与李四家庭纠纷，身份证31010119800101123X',
    details: {
      category: 'family',
      relationship: 'spouses',
      riskTool: '机构风险评估表 v1',
      mandatoryReportAssessed: true,
      safetyPlan: '张三丰暂住其姐姐家',
      incidents: [
        {
          at: '2026-03-01',
          description: '2026年3月1日晚李四推搡张三丰',
          injuries: false,
          policeCalled: true,
          childrenWitnessed: true,
        },
      ],
    },
  })
  family = (await mediate(created)).file
})
afterAll(async () => {
  await core.close()
  data.remove()
})

describe('the auditor reads cases masked, and only reads (issue 4 item 2)', () => {
  it('lists every case with summaries masked', async () => {
    await signInAs(core, auditor.login)
    const { rows } = await call(core, 'cases.list', { sort: 'number', direction: 'asc' })
    expect(rows.map((r) => r.id)).toContain(family.id)
    const row = rows.find((r) => r.id === family.id)
    expect(row?.summary).toBe('张**与李*家庭纠纷，身份证310***********123X')
  })

  it('shows a case with people masked, sensitive parts withheld and named', async () => {
    await signInAs(core, auditor.login)
    const file = await call(core, 'cases.get', { caseId: family.id })
    expect(file.view).toBe('masked')
    expect(file.parties.map((p) => [p.name, p.idNumber, p.phone, p.address])).toEqual([
      ['张**', '310***********123X', '138****5678', null],
      ['李*', '310***********0021', '139****4321', '上海市黄浦区****'],
      ['第三人1', null, null, null],
    ])
    expect(file.timeline.map((e) => e.body)).toEqual(['李*（电话139****4321）同意赔偿张**。'])
    expect(file.details).not.toHaveProperty('incidents')
    expect(file.details).not.toHaveProperty('safetyPlan')
    expect(file.nextSteps).toEqual([])
    expect(new Set(file.withheld)).toEqual(
      new Set(['caucusNotes', 'familySafety', 'minorsIdentity']),
    )
    const text = JSON.stringify(file)
    for (const value of PERSONAL_VALUES) expect(text).not.toContain(value)
  })

  it('withholds the content of an accusation petition entirely', async () => {
    await signInAs(core, staff.mediator.login)
    const petition = await call(core, 'cases.create', {
      ...caseInput('petition', staff),
      summary: '举报某街道干部王五收受好处',
      details: { category: 'petition', petitionCategory: 'accusation' },
    })
    await signInAs(core, auditor.login)
    const file = await call(core, 'cases.get', { caseId: petition.id })
    expect(file.summary).toBe('')
    expect(file.withheld).toContain('accusationMaterial')
    const { rows } = await call(core, 'cases.list', { sort: 'number', direction: 'asc' })
    expect(rows.find((r) => r.id === petition.id)?.summary).toBe('')
  })

  it('refuses every write and every attachment download to the auditor', async () => {
    await signInAs(core, auditor.login)
    const ref = { caseId: family.id, version: family.version }
    for (const [channel, payload] of [
      ['cases.update', { ...ref, patch: { summary: 'x' } }],
      [
        'timeline.add',
        { ...ref, entry: { kind: 'note', occurredAt: '2026-03-07T10:00', body: 'x' } },
      ],
      ['cases.transition', { ...ref, to: 'closed' }],
      ['attachments.get', { attachmentId: 'a' }],
      ['dataRequests.add', { ...ref, request: {} }],
      ['deadlines.board', undefined],
    ] as const) {
      expect((await refusal(core, channel, payload)).code, channel).toBe('FORBIDDEN')
    }
  })

  it('gives the administrator no case content at all', async () => {
    await signInAs(core, ADMIN.login)
    expect((await refusal(core, 'cases.list', { sort: 'number', direction: 'asc' })).code).toBe(
      'FORBIDDEN',
    )
    expect((await refusal(core, 'cases.get', { caseId: family.id })).code).toBe('FORBIDDEN')
  })
})

describe('data-subject requests (PIPL Arts. 44–50)', () => {
  it('records a request for a party of the case and its answer', async () => {
    await signInAs(core, staff.mediator.login)
    const c = onCase(core, await call(core, 'cases.get', { caseId: family.id }))
    const party = c.file.parties[1]?.id ?? ''
    await c.write('dataRequests.add', {
      request: {
        partyId: party,
        kind: 'access',
        receivedAt: '2026-03-08',
        request: '要求复制调解笔录',
      },
    })
    const [request] = c.file.dataRequests
    expect(request).toMatchObject({ partyId: party, kind: 'access', outcome: 'pending' })
    const refused = await c.refused('dataRequests.decide', {
      decision: { requestId: request?.id ?? '', outcome: 'refused', decidedAt: '2026-03-09' },
    })
    expect(refused.fields).toEqual([{ path: 'decision.response', rule: 'reasonRequired' }])
    const early = await c.refused('dataRequests.decide', {
      decision: { requestId: request?.id ?? '', outcome: 'granted', decidedAt: '2026-03-07' },
    })
    expect(early.fields).toEqual([{ path: 'decision.decidedAt', rule: 'dateOrder.beforeReceipt' }])
    await c.write('dataRequests.decide', {
      decision: { requestId: request?.id ?? '', outcome: 'granted', decidedAt: '2026-03-09' },
    })
    expect(c.file.dataRequests[0]).toMatchObject({ outcome: 'granted', decidedAt: '2026-03-09' })
    family = c.file
  })

  it('refuses a request naming a party of another case', async () => {
    await signInAs(core, staff.mediator.login)
    const other = onCase(core, await call(core, 'cases.create', caseInput('owners', staff)))
    const error = await other.refused('dataRequests.add', {
      request: {
        partyId: family.parties[0]?.id ?? '',
        kind: 'deletion',
        receivedAt: '2026-03-08',
        request: '删除',
      },
    })
    expect(error.fields).toEqual([{ path: 'request.partyId', rule: 'unknownParty' }])
  })
})

describe('retention and anonymization (PIPL Arts. 19 and 47)', () => {
  it('lets only the administrator set retention periods', async () => {
    await signInAs(core, staff.supervisor.login)
    expect((await refusal(core, 'retention.set', { category: 'family', years: 1 })).code).toBe(
      'FORBIDDEN',
    )
    await signInAs(core, ADMIN.login)
    const policies = await call(core, 'retention.set', { category: 'family', years: 1 })
    expect(policies.find((p) => p.category === 'family')?.years).toBe(1)
    expect(policies.find((p) => p.category === 'petition')?.years).toBeNull()
    expect((await refusal(core, 'retention.set', { category: 'family', years: 0 })).code).toBe(
      'VALIDATION',
    )
  })

  it('lists a finished case once its period has passed, and a supervisor anonymizes it', async () => {
    await signInAs(core, staff.mediator.login)
    const c = onCase(core, await call(core, 'cases.get', { caseId: family.id }))
    await c.write('cases.transition', {
      to: 'terminated',
      reason: '李四拒绝继续调解',
      otherRoutesNoticeGiven: true,
    })
    await signInAs(core, staff.supervisor.login)
    expect(await call(core, 'retention.due')).toEqual([])
    const notDue = await refusal(core, 'cases.anonymize', {
      caseId: family.id,
      version: c.file.version,
      password: OWN_PASSWORD,
    })
    expect(notDue.fields).toEqual([{ path: 'caseId', rule: 'retentionNotDue' }])

    clock = new Date('2027-03-11T02:00:00Z')
    await signInAs(core, ADMIN.login)
    const due = await call(core, 'retention.due')
    expect(due).toEqual([
      {
        caseId: family.id,
        number: family.number,
        category: 'family',
        stage: 'terminated',
        closedAt: '2026-03-10',
        keepUntil: '2027-03-10',
      },
    ])
    expect(
      (await refusal(core, 'cases.anonymize', { caseId: family.id, version: 1, password: 'x' }))
        .code,
    ).toBe('FORBIDDEN')

    await signInAs(core, staff.supervisor.login)
    const wrong = await refusal(core, 'cases.anonymize', {
      caseId: family.id,
      version: c.file.version,
      password: 'Wrong-Password-123',
    })
    expect(wrong.code).toBe('WRONG_CREDENTIALS')
    const anonymized = await call(core, 'cases.anonymize', {
      caseId: family.id,
      version: c.file.version,
      password: OWN_PASSWORD,
    })
    expect(anonymized.anonymizedAt).not.toBeNull()
    expect(anonymized.parties.map((p) => [p.name, p.idNumber, p.phone, p.address])).toEqual([
      ['申请人1', null, null, null],
      ['被申请人1', null, null, null],
      ['第三人1', null, null, null],
    ])
    expect(anonymized.summary).toBe('[已匿名化]')
    expect(new Set(anonymized.timeline.map((e) => e.body))).toEqual(new Set(['[已匿名化]']))
    expect(anonymized.details).not.toHaveProperty('incidents')
    expect(anonymized.dataRequests.map((r) => [r.kind, r.outcome, r.request])).toEqual([
      ['access', 'granted', '[已匿名化]'],
    ])
    expect(anonymized.nextSteps).toEqual([])
    const text = JSON.stringify(anonymized)
    for (const value of PERSONAL_VALUES) expect(text).not.toContain(value)

    expect(await call(core, 'retention.due')).toEqual([])
    // The search index forgot them in the same transaction.
    for (const q of ['张三丰', '李四', ID_NUMBERS.li.slice(-6), '背靠背']) {
      const hits = await call(core, 'search.query', { q, limit: 20 })
      expect(
        hits.filter((h) => h.caseId === family.id),
        q,
      ).toEqual([])
    }
    const again = await refusal(core, 'cases.update', {
      caseId: family.id,
      version: anonymized.version,
      patch: { summary: '恢复' },
    })
    expect(again.code).toBe('CASE_ANONYMIZED')
  })
})
