import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { installFakeConcord, ok, renderApp } from './harness'
import { caseFile, mediatorSession, USERS } from './cases-fixtures'

const EARLIER = {
  at: '2024-12-01',
  description: '争吵中摔砸物品',
  injuries: false,
  policeCalled: true,
  childrenWitnessed: false,
}

function openCase() {
  const file = caseFile({
    details: { category: 'family', relationship: 'spouses', incidents: [EARLIER] },
  })
  window.location.hash = `#/cases/${file.id}`
  return installFakeConcord({
    'app.status': () => ok(mediatorSession()),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    'cases.get': () => ok(file),
    'cases.update': () => ok({ ...file, version: 4 }),
  })
}

describe('family incident log', () => {
  it('lists the incidents with their flags and keeps the mandatory-report notice', async () => {
    openCase()
    renderApp()
    const log = await screen.findByRole('group', { name: '事件记录' })
    const entry = within(log).getByTestId('incident')
    expect(entry.textContent).toContain('2024年12月1日')
    expect(entry.textContent).toContain('争吵中摔砸物品')
    expect(within(entry).getByText('报警')).toBeTruthy()
    expect(within(entry).queryByText('受伤')).toBeNull()
    expect(screen.getByText('强制报告（反家庭暴力法第十四条）')).toBeTruthy()
  })

  it('adds an incident on the case page and saves it with the others, newest first', async () => {
    const core = openCase()
    const { user } = renderApp()
    const log = await screen.findByRole('group', { name: '事件记录' })
    fireEvent.change(within(log).getByLabelText('发生日期'), { target: { value: '2025-01-05' } })
    fireEvent.change(within(log).getByLabelText('时间（可不填）'), { target: { value: '21:30' } })
    await user.type(within(log).getByLabelText('经过'), '男方酒后殴打女方，孩子在场')
    await user.click(within(log).getByRole('checkbox', { name: '受伤' }))
    await user.click(within(log).getByRole('checkbox', { name: '未成年子女目睹' }))
    await user.click(within(log).getByRole('button', { name: '添加事件' }))

    const entries = within(log).getAllByTestId('incident')
    expect(entries).toHaveLength(2)
    expect(entries[0]?.textContent).toContain('男方酒后殴打女方')
    expect(within(entries[0]!).getByText('未成年子女目睹')).toBeTruthy()

    await user.click(screen.getByRole('button', { name: '保存' }))
    await waitFor(() => expect(core.payloadsOf('cases.update')).toHaveLength(1))
    const [payload] = core.payloadsOf('cases.update') as {
      patch: { details: { incidents: unknown[] } }
    }[]
    expect(payload?.patch.details.incidents).toEqual([
      {
        at: '2025-01-05T21:30',
        description: '男方酒后殴打女方，孩子在场',
        injuries: true,
        policeCalled: false,
        childrenWitnessed: true,
      },
      EARLIER,
    ])
  })

  it('removes an incident and refuses one without a description', async () => {
    const core = openCase()
    const { user } = renderApp()
    const log = await screen.findByRole('group', { name: '事件记录' })
    fireEvent.change(within(log).getByLabelText('发生日期'), { target: { value: '2025-01-05' } })
    await user.click(within(log).getByRole('button', { name: '添加事件' }))
    expect(within(log).getAllByTestId('incident')).toHaveLength(1)
    expect(within(log).getByText('必填')).toBeTruthy()

    await user.click(within(log).getByRole('button', { name: '删除该事件' }))
    expect(within(log).queryAllByTestId('incident')).toHaveLength(0)
    await user.click(screen.getByRole('button', { name: '保存' }))
    await waitFor(() => expect(core.payloadsOf('cases.update')).toHaveLength(1))
    expect(core.payloadsOf('cases.update')[0]).toMatchObject({
      patch: { details: { category: 'family', relationship: 'spouses' } },
    })
    expect(
      (core.payloadsOf('cases.update')[0] as { patch: { details: object } }).patch.details,
    ).not.toHaveProperty('incidents')
  })
})
