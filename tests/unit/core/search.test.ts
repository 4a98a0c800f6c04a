import { describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import { ADMIN, call, eachTestWithStaff, refusal, signInAs, type Staff } from '../../support/core'
import { APPLICANT, caseInput, ID_NUMBERS, onCase } from './case-fixtures'

let core: Core
let staff: Staff
eachTestWithStaff({ who: (s) => s.supervisor.login }, (env) => ({ core, staff } = env))

const search = (q: string, limit = 10) => call(core, 'search.query', { q, limit })
const found = async (q: string) => (await search(q)).map((r) => r.caseId)
const marked = (r: { snippet: string; highlights: { start: number; end: number }[] }) =>
  r.highlights.map((h) => r.snippet.slice(h.start, h.end))

/** Three cases: 张三丰 on the first, 张三 on the colleague's second, 张三 only in the third's summary. */
async function threeCases() {
  const first = onCase(
    core,
    await call(core, 'cases.create', {
      ...caseInput('family', staff),
      summary: '楼上住户夜间噪音扰民，双方多次争吵',
    }),
  )
  await first.write('parties.add', { party: APPLICANT })
  await first.write('timeline.add', {
    entry: {
      kind: 'note',
      occurredAt: '2026-03-03T10:00',
      restricted: true,
      body: '背对背谈话：申请人同意先行支付补偿款五千元，其余分期',
    },
  })
  const second = onCase(
    core,
    await call(core, 'cases.create', {
      ...caseInput('petition', staff),
      leadMediatorId: staff.colleague.id,
      summary: '信访事项：小区违章搭建长期未处理',
    }),
  )
  await second.write('parties.add', {
    party: { ...APPLICANT, name: '张三', idNumber: ID_NUMBERS.li, phone: '139 0000 1111' },
  })
  const third = await call(core, 'cases.create', {
    ...caseInput('owners', staff),
    summary: '业主张三反映物业公司未及时维修电梯',
  })
  return { first, second, third }
}

describe('search', () => {
  it('finds two-character Chinese words, ranking names above summaries, with highlights', async () => {
    const { first, second, third } = await threeCases()
    const results = await search('张三')
    expect(results.map((r) => r.caseId).sort()).toEqual(
      [first.file.id, second.file.id, third.id].sort(),
    )
    expect(results.map((r) => r.field)).toEqual(['party', 'party', 'summary'])
    expect(results[2]).toMatchObject({ caseId: third.id, number: third.number, stage: 'intake' })
    for (const r of results) expect(marked(r)).toEqual(['张三'])

    const [noise] = await search('噪音')
    expect(noise).toMatchObject({ caseId: first.file.id, field: 'summary', category: 'family' })
    expect(noise && marked(noise)).toEqual(['噪音'])
    expect(await found('信访事项')).toEqual([second.file.id])
    expect(await found('违章 搭建')).toEqual([second.file.id])
    expect(await found('丰')).toEqual([first.file.id])
    expect(await found('李四')).toEqual([])
    expect(await found('%')).toEqual([])
  })

  it('finds timeline records, case numbers and phone and ID fragments, never spelling out the numbers', async () => {
    const { first } = await threeCases()
    const [record] = await search('补偿款')
    expect(record).toMatchObject({ caseId: first.file.id, field: 'record' })
    expect(record?.entryId).toBe(first.file.timeline.find((e) => e.kind === 'note')?.id)
    expect(record && marked(record)).toEqual(['补偿款'])

    const [byNumber] = await search(first.file.number.slice(0, 9))
    expect(byNumber).toMatchObject({ caseId: first.file.id, field: 'number' })
    // A fragment across the Han/digit boundary and the sequence alone (〔2026〕家调字第0001号).
    const sequence = /第(\d+)号/.exec(first.file.number)?.[1] ?? ''
    expect(await found(`字第${sequence}`)).toContain(first.file.id)
    expect(await found(sequence)).toContain(first.file.id)

    const [phone] = await search('1234 5678')
    expect(phone).toMatchObject({ caseId: first.file.id, field: 'phone', highlights: [] })
    expect(phone?.snippet).toBe('张三丰 138****5678')
    const [id] = await search(ID_NUMBERS.zhang.slice(-6).toLowerCase())
    expect(id).toMatchObject({ caseId: first.file.id, field: 'idNumber' })
    expect(id?.snippet).not.toContain(ID_NUMBERS.zhang.slice(6, 14))
    expect(await found('56')).toEqual([first.file.id])
  })

  it('shows a mediator only the cases assigned to them, restricted records included', async () => {
    const { first, second } = await threeCases()
    await signInAs(core, staff.mediator.login)
    const mine = await found('张三')
    expect(mine).toContain(first.file.id)
    expect(mine).not.toContain(second.file.id)
    expect(await found('信访事项')).toEqual([])
    expect(await found('补偿款')).toEqual([first.file.id])
    await signInAs(core, staff.colleague.login)
    expect(await found('张三')).toEqual([second.file.id])
    await signInAs(core, ADMIN.login)
    expect((await refusal(core, 'search.query', { q: '张三' })).code).toBe('FORBIDDEN')
  })

  it('follows every write at once, and a refused write changes nothing', async () => {
    const { first } = await threeCases()
    const party = first.file.parties[0]
    if (!party) throw new Error('no party')
    await first.write('parties.update', {
      partyId: party.id,
      party: { ...APPLICANT, name: '李四海' },
    })
    expect(await found('三丰')).toEqual([])
    expect(await found('四海')).toEqual([first.file.id])
    await first.write('cases.update', { patch: { summary: '相邻关系纠纷，漏水' } })
    expect(await found('噪音')).toEqual([])
    expect(await found('漏水')).toEqual([first.file.id])
    await first.write('parties.remove', { partyId: party.id })
    expect(await found('四海')).toEqual([])

    const stale = await refusal(core, 'parties.add', {
      caseId: first.file.id,
      version: first.file.version - 1,
      party: { ...APPLICANT, name: '王五' },
    })
    expect(stale.code).toBe('CONFLICT')
    expect(await found('王五')).toEqual([])
  })

  it('keeps the stored deadline column in step with the holiday calendar', async () => {
    const petition = await call(core, 'cases.create', caseInput('petition', staff))
    const nextDue = async () =>
      (await call(core, 'cases.list', { category: 'petition' })).rows[0]?.nextDue
    // 15 days from 2026-02-26 to route the petition; a last day off moves to the next working day.
    expect(await nextDue()).toBe('2026-03-13')
    await signInAs(core, ADMIN.login)
    await call(core, 'calendar.setOverride', {
      date: '2026-03-13',
      kind: 'holiday',
      reason: '区政府临时调休',
    })
    await signInAs(core, staff.supervisor.login)
    expect(await nextDue()).toBe('2026-03-16')
    expect(
      (await call(core, 'cases.get', { caseId: petition.id })).clocks.map((c) => c.due),
    ).toContain('2026-03-16')
  })

  it('is rebuilt from the case tables by a supervisor or administrator', async () => {
    const { first } = await threeCases()
    const before = await search('张三')
    expect(await call(core, 'search.rebuild')).toEqual({ cases: 3 })
    expect(await search('张三')).toEqual(before)
    expect(await found('补偿款')).toEqual([first.file.id])
    await signInAs(core, ADMIN.login)
    expect(await call(core, 'search.rebuild')).toEqual({ cases: 3 })
    await signInAs(core, staff.mediator.login)
    expect((await refusal(core, 'search.rebuild')).code).toBe('FORBIDDEN')
  })
})
