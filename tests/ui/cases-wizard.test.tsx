import { screen, waitFor, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { todayInChina } from '../../src/shared/domain/iso-date'
import { installFakeConcord, ok, renderApp } from './harness'
import { caseFile, mediatorSession, USERS } from './cases-fixtures'

function fakeCore() {
  window.location.hash = '#/cases/new'
  const created = caseFile({
    id: 'c9',
    number: '〔2026〕信调字第0009号',
    category: 'petition',
    details: { category: 'petition' },
  })
  return installFakeConcord({
    'app.status': () => ok(mediatorSession()),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    'cases.create': () => ok(created),
    'cases.get': () => ok(created),
  })
}

async function choose(user: UserEvent, label: string, option: string) {
  await user.click(screen.getByLabelText(label, { selector: 'input' }))
  await user.click(await screen.findByRole('option', { name: option }))
}

describe('new-case wizard', () => {
  it('asks for the petition facts and sends them as one cases.create', async () => {
    const core = fakeCore()
    const { user } = renderApp()
    await user.click(await screen.findByRole('radio', { name: /信访化解/ }))
    await user.click(screen.getByRole('button', { name: '下一步' }))

    await choose(user, '案件来源', '信访转办')
    await user.type(
      screen.getByRole('textbox', { name: '案情摘要' }),
      '居民反映小区加装电梯补贴未落实',
    )
    await choose(user, '纠纷发生地（区）', '徐汇区')
    await user.type(screen.getByRole('textbox', { name: '街道（镇）' }), '田林街道')
    await choose(user, '承办调解员', '张丽')
    await choose(user, '风险等级', '中')
    await user.click(screen.getByRole('button', { name: '下一步' }))

    await choose(user, '信访事项类别', '申诉求决类')
    await user.type(screen.getByRole('textbox', { name: '有权处理机关' }), '徐汇区信访办')
    await user.type(screen.getByRole('textbox', { name: /走访代表人数/ }), '3')
    await user.click(screen.getByRole('button', { name: '下一步' }))

    expect(screen.getByText('居民反映小区加装电梯补贴未落实')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: '创建案件' }))
    await screen.findByRole('heading', { name: '〔2026〕信调字第0009号' })
    expect(window.location.hash).toBe('#/cases/c9')
    expect(core.payloadsOf('cases.create')).toEqual([
      {
        source: 'petitionTransfer',
        summary: '居民反映小区加装电梯补贴未落实',
        district: 'xuhui',
        street: '田林街道',
        leadMediatorId: 'm1',
        coMediatorIds: [],
        riskLevel: 'medium',
        acceptedAt: todayInChina(),
        details: {
          category: 'petition',
          petitionCategory: 'appeal',
          handlingAgency: '徐汇区信访办',
          groupVisitRepresentatives: 3,
        },
      },
    ])
  })

  it('stays on a step and names each missing or invalid field in Chinese', async () => {
    const core = fakeCore()
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: '下一步' }))
    expect(await screen.findByText('必填')).toBeTruthy()

    await user.click(screen.getByRole('radio', { name: /家庭危机干预/ }))
    await user.click(screen.getByRole('button', { name: '下一步' }))
    const accepted = screen.getByLabelText('受理日期')
    await user.clear(accepted)
    await user.click(screen.getByRole('button', { name: '下一步' }))
    const summary = screen.getByRole('textbox', { name: '案情摘要' })
    await waitFor(() => expect(summary.getAttribute('aria-invalid')).toBe('true'))
    const field = summary.closest('.mantine-InputWrapper-root') as HTMLElement
    expect(within(field).getByText('必填')).toBeTruthy()
    expect(screen.getByText('请输入有效日期')).toBeTruthy()
    expect(core.payloadsOf('cases.create')).toEqual([])
  })
})
