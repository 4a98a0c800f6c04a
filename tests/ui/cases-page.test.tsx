import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { installFakeConcord, ok, refuse, renderApp, type Handlers } from './harness'
import { caseFile, mediatorSession, USERS } from './cases-fixtures'

function openCase(handlers: Handlers = {}, file = caseFile()) {
  window.location.hash = `#/cases/${file.id}`
  return installFakeConcord({
    'app.status': () => ok(mediatorSession()),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    'cases.get': () => ok(file),
    ...handlers,
  })
}

describe('case page', () => {
  it('shows the stage stepper of the category with the current stage', async () => {
    openCase()
    renderApp()
    await screen.findByRole('heading', { name: '〔2026〕家调字第0001号' })
    const current = document.querySelector('[data-stage][aria-current="step"]')
    expect(current?.getAttribute('data-stage')).toBe('intake')
    const stages = [...document.querySelectorAll('[data-stage]')].map((s) => s.textContent)
    expect(stages[0]).toContain('申请受理')
    // Termination is a way out, not a step: only a terminated case shows it.
    expect(stages.join()).not.toContain('终止调解')
    expect(stages.join()).toContain('结案归档')
  })

  it('disables a blocked next step and lists what is missing', async () => {
    openCase()
    renderApp()
    const advance = await screen.findByRole('button', { name: '进入“权利义务告知”' })
    expect(advance).toHaveProperty('disabled', true)
    const missing = screen.getByRole('list', { name: '“进入“权利义务告知””尚缺' })
    expect(within(missing).getByText('缺少必填信息：当事人')).toBeTruthy()
    expect(within(missing).getByText('缺少卷宗材料：调解申请书／受理登记表')).toBeTruthy()
  })

  it('terminates only with a reason and the other-routes notice (PML Art. 26)', async () => {
    const core = openCase({
      'cases.transition': () => ok(caseFile({ stage: 'terminated', version: 4, nextSteps: [] })),
    })
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: '终止调解' }))
    const dialog = await screen.findByRole('dialog', { name: '终止调解' })
    const confirm = within(dialog).getByRole('button', { name: '确认' })
    expect(confirm).toHaveProperty('disabled', true)

    await user.type(within(dialog).getByLabelText(/终止理由/), '女方明确表示不再调解')
    expect(confirm).toHaveProperty('disabled', true)
    await user.click(within(dialog).getByRole('checkbox', { name: /人民调解法第二十六条/ }))
    expect(confirm).toHaveProperty('disabled', false)
    await user.click(confirm)

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(core.payloadsOf('cases.transition')).toEqual([
      {
        to: 'terminated',
        reason: '女方明确表示不再调解',
        otherRoutesNoticeGiven: true,
        caseId: 'c1',
        version: 3,
      },
    ])
  })

  it('says when someone else changed the case first, and reloads it on request', async () => {
    const core = openCase({ 'checklist.set': () => refuse('CONFLICT') })
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '卷宗' }))
    await user.click(screen.getByRole('checkbox', { name: '调解申请书／受理登记表' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(
      '该案件已被他人（或另一个窗口）修改。您的修改未保存，请刷新后重新操作。',
    )
    expect(core.payloadsOf('checklist.set')).toEqual([
      { itemId: 'application', present: true, caseId: 'c1', version: 3 },
    ])
    const gets = core.payloadsOf('cases.get').length
    await user.click(within(alert).getByRole('button', { name: '重新加载案件' }))
    await waitFor(() => expect(core.payloadsOf('cases.get').length).toBe(gets + 1))
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
  })

  it('checks a resident ID as it is typed and names a wrong check digit', async () => {
    openCase()
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '当事人' }))
    await user.click(screen.getByRole('button', { name: '添加当事人' }))
    const drawer = await screen.findByRole('dialog', { name: '添加当事人' })
    // 11010519491231002X is valid; the last character changed breaks only the check digit.
    await user.type(within(drawer).getByRole('textbox', { name: '证件号码' }), '110105194912310021')
    expect(
      await within(drawer).findByText('身份证号码校验位不正确，请核对是否有输错的数字'),
    ).toBeTruthy()

    await user.clear(within(drawer).getByRole('textbox', { name: '证件号码' }))
    await user.type(within(drawer).getByRole('textbox', { name: '证件号码' }), '11010519491231002X')
    expect(within(drawer).queryByText(/校验位不正确/)).toBeNull()
    expect(within(drawer).getByText('出生日期 1949年12月31日，性别 女')).toBeTruthy()
  })

  it('asks about the mandatory report for a minor in a family case', async () => {
    openCase()
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '当事人' }))
    await user.click(screen.getByRole('button', { name: '添加当事人' }))
    const drawer = await screen.findByRole('dialog', { name: '添加当事人' })
    expect(within(drawer).queryByText(/可能须强制报告/)).toBeNull()
    await user.click(within(drawer).getByRole('checkbox', { name: '未成年人' }))
    expect(within(drawer).getByText(/可能须强制报告（反家庭暴力法第十四条）/)).toBeTruthy()
  })
})
