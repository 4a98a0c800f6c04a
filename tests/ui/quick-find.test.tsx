import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../src/shared/contract'
import { installFakeConcord, ok, renderApp } from './harness'
import { caseFile, mediatorSession, summaryRow, USERS } from './cases-fixtures'

const RESULTS: ChannelOutput<'search.query'> = [
  {
    caseId: 'c7',
    number: '〔2026〕家调字第0007号',
    category: 'family',
    stage: 'mediation',
    field: 'party',
    entryId: null,
    snippet: '张三丰',
    highlights: [{ start: 0, end: 2 }],
  },
  {
    caseId: 'c9',
    number: '〔2026〕业调字第0009号',
    category: 'owners',
    stage: 'intake',
    field: 'record',
    entryId: 'e1',
    snippet: '…业主张三反映楼上噪音',
    highlights: [{ start: 3, end: 5 }],
  },
]

function fakeSearch() {
  return installFakeConcord({
    'app.status': () => ok(mediatorSession()),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    'cases.list': () => ok({ total: 1, rows: [summaryRow(1)], next: null }),
    'search.query': ({ q }) => ok(q === '张三' ? RESULTS : []),
    'cases.get': () => ok(caseFile({ id: 'c7' })),
  })
}

describe('quick find (Ctrl+K)', () => {
  it('searches as you type and shows where each case matched, the words marked', async () => {
    window.location.hash = '#/cases'
    const core = fakeSearch()
    const { user } = renderApp()
    await screen.findByRole('table', { name: '案件' })
    await user.keyboard('{Control>}k{/Control}')
    const dialog = await screen.findByRole('dialog', { name: '快速查找案件' })
    await user.type(within(dialog).getByRole('textbox'), '张三')
    await within(dialog).findByText('〔2026〕家调字第0007号')
    expect(core.payloadsOf('search.query').at(-1)).toEqual({ q: '张三', limit: 8 })
    expect(within(dialog).getByText('当事人')).toBeTruthy()
    expect(within(dialog).getByText('办理记录')).toBeTruthy()
    const marks = dialog.querySelectorAll('mark')
    expect([...marks].map((m) => m.textContent)).toEqual(['张三', '张三'])
    expect(within(dialog).getByText('反映楼上噪音', { exact: false })).toBeTruthy()

    await user.keyboard('{Enter}')
    await waitFor(() => expect(window.location.hash).toBe('#/cases/c7'))
  })

  it('says so when nothing matches', async () => {
    window.location.hash = '#/cases'
    fakeSearch()
    const { user } = renderApp()
    await screen.findByRole('table', { name: '案件' })
    await user.keyboard('{Control>}k{/Control}')
    const dialog = await screen.findByRole('dialog', { name: '快速查找案件' })
    await user.type(within(dialog).getByRole('textbox'), '李四')
    await within(dialog).findByText('没有找到匹配的案件。')
  })
})
