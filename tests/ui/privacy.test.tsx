import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Status } from '../../src/shared/schemas/account'
import { installFakeConcord, ok, renderApp, status, type Handlers } from './harness'
import { caseFile, mediatorSession, USERS } from './cases-fixtures'

function sessionAs(role: 'auditor' | 'supervisor' | 'admin'): Status {
  const unlocked = status('unlocked')
  return status('unlocked', {
    session: unlocked.session && {
      ...unlocked.session,
      user: { id: `${role}1`, login: role, displayName: '测试用户', role },
    },
  })
}

const PARTY = {
  id: 'p1',
  kind: 'person' as const,
  name: '张*',
  role: 'applicant' as const,
  idType: 'residentId' as const,
  idNumber: '310***********123X',
  phone: '138****5678',
  address: null,
  civilCapacity: 'full' as const,
  minor: false,
  legalBasis: 'consent' as const,
  sensitiveConsent: false,
  householdId: null,
}

function open(hash: string, session: Status, handlers: Handlers) {
  window.location.hash = hash
  return installFakeConcord({
    'app.status': () => ok(session),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    ...handlers,
  })
}

describe("the auditor's masked case view", () => {
  it('names what is withheld, offers no next step and disables every control', async () => {
    const file = caseFile({
      view: 'masked',
      withheld: ['caucusNotes', 'familySafety'],
      parties: [PARTY],
      nextSteps: [],
    })
    open(`#/cases/${file.id}?tab=parties`, sessionAs('auditor'), { 'cases.get': () => ok(file) })
    renderApp()
    const notice = await screen.findByText('只读视图：个人信息已脱敏')
    const alert = notice.closest('[role="alert"]') as HTMLElement
    expect(within(alert).getByText('背靠背调解记录及受限材料')).toBeTruthy()
    expect(within(alert).getByText(/家庭暴力相关情况/)).toBeTruthy()
    expect(screen.getByText('张*')).toBeTruthy()
    // A disabled fieldset turns off every control inside it (HTML's own rule, checked in Chromium
    // by the end-to-end test); here: the edit buttons sit inside one.
    expect(
      screen.getByRole('button', { name: '添加当事人' }).closest('fieldset[disabled]'),
    ).not.toBeNull()
    expect(screen.queryByText('个人信息权利请求')).toBeNull()
  })
})

describe('data-subject requests on the parties tab', () => {
  it('records a request and then its answer, refusing needs a reason', async () => {
    const file = caseFile({ parties: [{ ...PARTY, name: '张三丰' }] })
    const pending = {
      id: 'r1',
      partyId: 'p1',
      kind: 'deletion' as const,
      receivedAt: '2026-11-20',
      request: '要求删除电话号码',
      outcome: 'pending' as const,
      response: null,
      decidedAt: null,
      recordedByName: '张丽',
    }
    const core = open(`#/cases/${file.id}?tab=parties`, mediatorSession(), {
      'cases.get': () => ok(file),
      'dataRequests.add': () => ok({ ...file, version: file.version + 1, dataRequests: [pending] }),
      'dataRequests.decide': () => ok({ ...file, version: file.version + 2 }),
    })
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: '登记请求' }))
    const dialog = await screen.findByRole('dialog', { name: '登记请求' })
    await user.clear(within(dialog).getByLabelText(/收到日期/))
    await user.type(within(dialog).getByLabelText(/收到日期/), '2026-11-20')
    await user.type(within(dialog).getByLabelText(/请求内容/), '要求删除电话号码')
    await user.click(within(dialog).getByRole('button', { name: '保存' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(core.payloadsOf('dataRequests.add')).toEqual([
      {
        caseId: file.id,
        version: file.version,
        request: {
          partyId: 'p1',
          kind: 'access',
          receivedAt: '2026-11-20',
          request: '要求删除电话号码',
        },
      },
    ])

    await user.click(await screen.findByRole('button', { name: '答复' }))
    const answer = await screen.findByRole('dialog', { name: '答复' })
    await user.click(within(answer).getByLabelText(/处理结果/, { selector: 'input' }))
    await user.click(await screen.findByRole('option', { name: '拒绝' }))
    const save = within(answer).getByRole('button', { name: '保存' })
    expect(save).toHaveProperty('disabled', true)
    await user.type(within(answer).getByLabelText(/答复内容/), '调解协议书须保留联系方式')
    expect(save).toHaveProperty('disabled', false)
    await user.click(save)
    await waitFor(() => expect(core.payloadsOf('dataRequests.decide')).toHaveLength(1))
    expect(core.payloadsOf('dataRequests.decide')[0]).toMatchObject({
      decision: { requestId: 'r1', outcome: 'refused', response: '调解协议书须保留联系方式' },
    })
  })
})

describe('the personal data page', () => {
  const policies = [
    { category: 'family' as const, years: 10 },
    { category: 'petition' as const, years: null },
    { category: 'expropriation' as const, years: null },
    { category: 'owners' as const, years: null },
  ]
  const due = [
    {
      caseId: 'c9',
      number: '〔2015〕家调字第0009号',
      category: 'family' as const,
      stage: 'closed',
      closedAt: '2015-06-01',
      keepUntil: '2025-06-01',
    },
  ]

  it('lets the administrator change a retention period, and shows no anonymize button', async () => {
    const core = open('#/privacy', sessionAs('admin'), {
      'retention.get': () => ok(policies),
      'retention.due': () => ok(due),
      'retention.set': () => ok(policies),
    })
    const { user } = renderApp()
    const petition = await screen.findByRole('textbox', { name: /信访/ })
    await user.type(petition, '5')
    await user.click(screen.getByRole('button', { name: '保存' }))
    await waitFor(() =>
      expect(core.payloadsOf('retention.set')).toEqual([{ category: 'petition', years: 5 }]),
    )
    expect(screen.getByText('〔2015〕家调字第0009号')).toBeTruthy()
    expect(screen.queryByRole('button', { name: '匿名化' })).toBeNull()
  })

  it('lets a supervisor anonymize a due case with their own password', async () => {
    const file = caseFile({ id: 'c9', version: 7 })
    const core = open('#/privacy', sessionAs('supervisor'), {
      'retention.get': () => ok(policies),
      'retention.due': () => ok(due),
      'cases.get': () => ok(file),
      'cases.anonymize': () => ok({ ...file, anonymizedAt: '2026-11-25T01:00:00.000Z' }),
    })
    const { user } = renderApp()
    expect(await screen.findByRole('textbox', { name: /信访/ })).toHaveProperty('readOnly', true)
    await user.click(await screen.findByRole('button', { name: '匿名化' }))
    const dialog = await screen.findByRole('dialog', { name: '匿名化案件 〔2015〕家调字第0009号' })
    await user.type(within(dialog).getByLabelText(/督导本人密码/), 'Huangpu-Jiang-Feng-88')
    await user.click(within(dialog).getByRole('button', { name: '确认匿名化' }))
    await waitFor(() =>
      expect(core.payloadsOf('cases.anonymize')).toEqual([
        { caseId: 'c9', version: 7, password: 'Huangpu-Jiang-Feng-88' },
      ]),
    )
  })
})
