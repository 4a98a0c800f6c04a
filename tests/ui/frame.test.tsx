import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Status } from '../../src/shared/schemas/account'
import { ADMIN, installFakeConcord, ok, refuse, renderApp, status } from './harness'

const SETTINGS = {
  orgName: '浦江测试人民调解委员会',
  orgCapacity: 'people_mediation_committee' as const,
  idleLockMinutes: 10,
  caseNumberPattern: '〔{year}〕{abbr}调字第{seq}号',
}

function signedIn(changes: Partial<NonNullable<Status['session']>> = {}): Status {
  const { session } = status('unlocked')
  return status('unlocked', { session: session && { ...session, ...changes } })
}

/** A core with one signed-in session that locks like the real one. */
function fakeSession(session = signedIn()) {
  let state: Status = session
  return installFakeConcord({
    'app.status': () => ok(state),
    'auth.lock': () => {
      state = status('locked')
      return ok(state)
    },
    'settings.get': () => ok(SETTINGS),
    'app.activity': () => ok(null),
    'settings.update': (patch) => ok({ ...SETTINGS, ...patch }),
    'auth.changePassword': ({ currentPassword }) => {
      if (currentPassword !== 'Qingshan-Lu-2026') return refuse('WRONG_CREDENTIALS')
      state = signedIn({ mustChangePassword: false })
      return ok(state)
    },
  })
}

afterEach(() => {
  vi.useRealTimers()
})

describe('frame', () => {
  it('shows the organization, the user and an administrator’s sections in Chinese', async () => {
    window.location.hash = '#/cases'
    fakeSession()
    renderApp()
    const nav = await screen.findByRole('navigation', { name: '主导航' })
    const items = within(nav)
      .getAllByRole('link')
      .map((item) => item.textContent)
    expect(items).toEqual(['统计', '备份', '个人信息', '审计日志', '账户管理', '设置'])
    // An administrator reads no cases, so the session starts on their first page instead.
    await waitFor(() => expect(window.location.hash).toBe('#/statistics'))
    expect(within(nav).getByRole('link', { name: '统计' }).getAttribute('aria-current')).toBe(
      'page',
    )
    expect(screen.getByTestId('org-name').textContent).toBe('浦江测试人民调解委员会')
    expect(
      screen.getByRole('button', { name: '欧阳明远 管理员 的账户菜单' }).textContent,
    ).toContain('管理员')
  })

  it.each([
    ['mediator', ['案件', '期限', '统计', '设置']],
    ['supervisor', ['案件', '期限', '统计', '个人信息', '审计日志', '设置']],
    ['auditor', ['案件', '统计', '设置']],
  ] as const)('offers a %s only the sections for them', async (role, expected) => {
    fakeSession(signedIn({ user: { ...ADMIN, role } }))
    renderApp()
    const nav = await screen.findByRole('navigation', { name: '主导航' })
    expect(
      within(nav)
        .getAllByRole('link')
        .map((item) => item.textContent),
    ).toEqual(expected)
  })

  it('lets an administrator change the organization settings', async () => {
    const core = fakeSession()
    const { user } = renderApp()
    await user.click(await screen.findByRole('link', { name: '设置' }))
    const minutes = await screen.findByRole('textbox', { name: /无操作自动锁定/ })
    const save = screen.getByRole('button', { name: '保存' })
    expect(save).toHaveProperty('disabled', true)

    await user.clear(minutes)
    await user.type(minutes, '15')
    await user.click(save)
    await screen.findByText('已保存')
    expect(core.payloadsOf('settings.update')).toEqual([{ idleLockMinutes: 15 }])
  })

  it('shows the settings read-only to anyone but an administrator', async () => {
    fakeSession(signedIn({ user: { ...ADMIN, role: 'mediator' } }))
    const { user } = renderApp()
    await user.click(await screen.findByRole('link', { name: '设置' }))
    expect(await screen.findByText('只有管理员可以修改这些设置。')).toBeTruthy()
    expect(screen.getByRole('textbox', { name: '机构名称' })).toHaveProperty('readOnly', true)
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull()
  })

  it('forces a password change before anything else when the account requires it', async () => {
    const core = fakeSession(signedIn({ mustChangePassword: true }))
    const { user } = renderApp()
    const dialog = await screen.findByRole('dialog', { name: '修改密码' })
    expect(within(dialog).getByText('请先设置新密码后继续使用。')).toBeTruthy()
    expect(within(dialog).queryByRole('button', { name: '取消' })).toBeNull()
    await user.keyboard('{Escape}')
    expect(screen.getByRole('dialog', { name: '修改密码' })).toBeTruthy()

    await user.type(within(dialog).getByLabelText(/^当前密码/), 'wrong-one')
    await user.type(within(dialog).getByLabelText(/^新密码/), 'Bund-Harbour-88')
    await user.type(within(dialog).getByLabelText(/^再次输入新密码/), 'Bund-Harbour-88{Enter}')
    expect(await within(dialog).findByText('当前密码不正确。')).toBeTruthy()

    await user.clear(within(dialog).getByLabelText(/^当前密码/))
    await user.type(within(dialog).getByLabelText(/^当前密码/), 'Qingshan-Lu-2026{Enter}')
    expect(await screen.findByText('密码已修改')).toBeTruthy()
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(core.payloadsOf('auth.changePassword').at(-1)).toEqual({
      currentPassword: 'Qingshan-Lu-2026',
      newPassword: 'Bund-Harbour-88',
    })
  })

  it('locks on request and returns to the login screen without an idle notice', async () => {
    const core = fakeSession()
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: '欧阳明远 管理员 的账户菜单' }))
    await user.click(await screen.findByRole('menuitem', { name: '立即锁定' }))
    await screen.findByRole('heading', { name: '登录' })
    expect(core.payloadsOf('auth.lock')).toHaveLength(1)
    expect(screen.queryByText('因长时间无操作，案件库已自动锁定。')).toBeNull()
  })

  it('returns to login when a call finds the core already locked (its own idle timer)', async () => {
    fakeSession()
    const { user } = renderApp()
    await screen.findByRole('navigation', { name: '主导航' })
    // The core locks on its own timer: the next call meets a locked core.
    installFakeConcord({
      'app.status': () => ok(status('locked')),
      'settings.get': () => refuse('NOT_AUTHENTICATED'),
    })
    await user.click(screen.getByRole('link', { name: '设置' }))
    await screen.findByRole('heading', { name: '登录' })
    expect(screen.getByText('因长时间无操作，案件库已自动锁定。')).toBeTruthy()
  })

  it('locks after the organization’s idle time without input', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const core = fakeSession(signedIn({ idleLockMinutes: 1 }))
    renderApp()
    await screen.findByRole('navigation', { name: '主导航' })
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    await screen.findByRole('heading', { name: '登录' })
    expect(core.payloadsOf('auth.lock')).toHaveLength(1)
    expect(screen.getByText('因长时间无操作，案件库已自动锁定。')).toBeTruthy()
  })

  it('tells the core about typing and pointing, at most twice a minute', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const core = fakeSession()
    renderApp()
    await screen.findByRole('navigation', { name: '主导航' })
    const press = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    press()
    press()
    await act(() => vi.advanceTimersByTimeAsync(10_000))
    press()
    expect(core.payloadsOf('app.activity')).toHaveLength(1)
    await act(() => vi.advanceTimersByTimeAsync(25_000))
    window.dispatchEvent(new PointerEvent('pointerdown'))
    expect(core.payloadsOf('app.activity')).toHaveLength(2)
  })
})
