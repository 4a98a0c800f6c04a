import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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

let data: ReturnType<typeof tempDir>
let core: Core
let staff: Staff
beforeEach(async () => {
  data = tempDir()
  core = testCore(data.dir)
  staff = await setUpStaff(core)
  await signInAs(core, staff.mediator.login)
})
afterEach(async () => {
  await core.close()
  data.remove()
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** The list's default order, which a saved filter always names (CaseListQuery's defaults). */
const DEFAULT_ORDER = { sort: 'acceptedAt', direction: 'desc' } as const

describe('saved filters of the case list', () => {
  it('saves, lists by name, replaces by name and removes', async () => {
    expect(await call(core, 'filters.list')).toEqual([])

    const first = await call(core, 'filters.save', {
      name: '  我的高风险家事案件 ',
      query: { category: 'family', riskLevel: 'high', sort: 'nextDue', direction: 'asc' },
    })
    expect(first).toEqual([
      {
        id: expect.any(String),
        name: '我的高风险家事案件',
        query: { category: 'family', riskLevel: 'high', sort: 'nextDue', direction: 'asc' },
      },
    ])
    const listed = await call(core, 'filters.save', {
      name: '逾期',
      query: { overdue: true, acceptedFrom: '2026-01-01' },
    })
    expect(listed.map((f) => f.name)).toEqual(['我的高风险家事案件', '逾期'])
    expect(await call(core, 'filters.list')).toEqual(listed)

    // The same name replaces the filter (one row, same id, new query).
    const replaced = await call(core, 'filters.save', {
      name: '逾期',
      query: { overdue: true, district: 'xuhui' },
    })
    expect(replaced).toHaveLength(2)
    const overdue = replaced.find((f) => f.name === '逾期')
    expect(overdue?.id).toBe(listed[1]?.id)
    expect(overdue?.query).toEqual({ overdue: true, district: 'xuhui', ...DEFAULT_ORDER })

    const left = await call(core, 'filters.remove', { id: overdue?.id ?? '' })
    expect(left.map((f) => f.name)).toEqual(['我的高风险家事案件'])
    expect((await refusal(core, 'filters.remove', { id: overdue?.id })).code).toBe('NOT_FOUND')
  })

  it('never stores the list window (offset, limit)', async () => {
    const [saved] = await call(core, 'filters.save', {
      name: '第二页',
      query: { category: 'family', offset: 100, limit: 50 } as never,
    })
    expect(saved?.query).toEqual({ category: 'family', ...DEFAULT_ORDER })
  })

  it('keeps each user’s filters to themselves', async () => {
    const [mine] = await call(core, 'filters.save', { name: '我的', query: { text: '张三' } })
    await signInAs(core, staff.colleague.login)
    expect(await call(core, 'filters.list')).toEqual([])
    // The same name is free for another user and does not touch the first user's filter.
    await call(core, 'filters.save', { name: '我的', query: { text: '李四' } })
    expect((await refusal(core, 'filters.remove', { id: mine?.id })).code).toBe('NOT_FOUND')

    await signInAs(core, staff.supervisor.login)
    expect(await call(core, 'filters.list')).toEqual([])
    expect((await refusal(core, 'filters.remove', { id: mine?.id })).code).toBe('NOT_FOUND')

    await signInAs(core, staff.mediator.login)
    expect(await call(core, 'filters.list')).toEqual([
      { id: mine?.id, name: '我的', query: { text: '张三', ...DEFAULT_ORDER } },
    ])
  })

  it('refuses a query the case list would refuse, and a bad name', async () => {
    const bad = [
      { name: '类别', query: { category: 'piracy' } },
      { name: '长文本', query: { text: '张'.repeat(61) } },
      { name: '日期', query: { acceptedFrom: '2026-13-45' } },
      { name: '', query: {} },
      { name: '   ', query: {} },
      { name: '名'.repeat(41), query: {} },
    ]
    for (const payload of bad) {
      expect((await refusal(core, 'filters.save', payload)).code, payload.name).toBe('VALIDATION')
    }
    expect(await call(core, 'filters.list')).toEqual([])
  })

  it('is not open to the administrator, nor while locked', async () => {
    await signInAs(core, 'ouyang')
    expect((await refusal(core, 'filters.list')).code).toBe('FORBIDDEN')
    await call(core, 'auth.lock')
    expect((await refusal(core, 'filters.list')).code).toBe('NOT_AUTHENTICATED')
  })

  it('leaves the saved name and search text nowhere in clear in the data folder', async () => {
    const NAME = 'QX-SAVED-FILTER-NAME'
    const TEXT = 'QX-SAVED-FILTER-TEXT'
    await call(core, 'filters.save', { name: NAME, query: { text: TEXT } })
    expect((await call(core, 'filters.list'))[0]?.query.text).toBe(TEXT)
    await core.close()
    core = testCore(data.dir)
    const files = filesUnder(data.dir)
    expect(files.some((f) => f.endsWith('concord.db'))).toBe(true)
    for (const file of files) {
      const content = readFileSync(file)
      for (const needle of [NAME, TEXT]) expect(content.includes(needle), file).toBe(false)
    }
  })
})
