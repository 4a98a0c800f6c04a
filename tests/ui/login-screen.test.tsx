import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ADMIN, installFakeConcord, ok, refuse, renderApp, status } from './harness'

const passwordField = () => screen.getByLabelText(/^密码$/)

describe('login', () => {
  it('shows WRONG_CREDENTIALS in Chinese and clears the password for the next try', async () => {
    const core = installFakeConcord({
      'app.status': () => ok(status('locked')),
      'auth.unlock': () => refuse('WRONG_CREDENTIALS'),
    })
    const { user } = renderApp()
    const login = await screen.findByRole('textbox', { name: '登录名' })
    expect(document.activeElement).toBe(login)
    await user.type(login, 'OuYang')
    await user.type(passwordField(), 'not-the-password{Enter}')

    expect((await screen.findByRole('alert')).textContent).toBe('登录名或密码不正确。')
    expect(passwordField()).toHaveProperty('value', '')
    expect(document.activeElement).toBe(passwordField())
    expect(core.payloadsOf('auth.unlock')).toEqual([
      { login: 'OuYang', password: 'not-the-password' },
    ])
  })

  it('counts down a THROTTLED refusal with the submit button disabled until it ends', async () => {
    let answer = refuse('THROTTLED', { seconds: 2 })
    installFakeConcord({
      'app.status': () => ok(status('locked')),
      'auth.unlock': () => answer,
    })
    const { user } = renderApp()
    await user.type(await screen.findByRole('textbox', { name: '登录名' }), 'ouyang')
    await user.type(passwordField(), 'guess{Enter}')

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe('尝试次数过多，请在 2 秒后重试。')
    const submit = screen.getByRole('button', { name: '解锁' })
    expect(submit).toHaveProperty('disabled', true)
    await waitFor(() => expect(alert.textContent).toBe('尝试次数过多，请在 1 秒后重试。'))

    await waitFor(() => expect(submit).toHaveProperty('disabled', false), { timeout: 3000 })
    expect(screen.queryByRole('alert')).toBeNull()
    answer = refuse('LOCKED_OUT', { minutes: 15 })
    await user.type(passwordField(), 'guess{Enter}')
    expect((await screen.findByRole('alert')).textContent).toContain('请在 15 分钟后重试')
  })

  it('a throttled password form leaves the recovery-code form usable', async () => {
    installFakeConcord({
      'app.status': () => ok(status('locked')),
      'auth.unlock': () => refuse('THROTTLED', { seconds: 30 }),
    })
    const { user } = renderApp()
    await user.type(await screen.findByRole('textbox', { name: '登录名' }), 'ouyang')
    await user.type(passwordField(), 'guess{Enter}')
    await screen.findByRole('alert')
    expect(screen.getByRole('button', { name: '解锁' })).toHaveProperty('disabled', true)

    await user.click(screen.getByRole('button', { name: '忘记密码？使用恢复码' }))
    expect(screen.getByRole('button', { name: '用恢复码解锁' })).toHaveProperty('disabled', false)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('switches the visible text to English and stores the choice in the core', async () => {
    const core = installFakeConcord({
      'app.status': () => ok(status('locked')),
      'prefs.setLanguage': ({ language }) => ok(status('locked', { language })),
    })
    const { user } = renderApp()
    await screen.findByRole('heading', { name: '登录' })
    expect(document.documentElement.lang).toBe('zh-CN')

    await user.selectOptions(screen.getByRole('combobox', { name: '界面语言' }), 'en')

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'Login name' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeTruthy()
    expect(screen.queryByText('登录')).toBeNull()
    expect(document.documentElement.lang).toBe('en')
    expect(core.payloadsOf('prefs.setLanguage')).toEqual([{ language: 'en' }])
  })

  it('opens in the language the core remembers', async () => {
    installFakeConcord({ 'app.status': () => ok(status('locked', { language: 'en' })) })
    renderApp()
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy()
  })

  it('unlocks with a recovery code and lets the admin set a new password', async () => {
    let state = status('locked')
    const core = installFakeConcord({
      'app.status': () => ok(state),
      'auth.unlockWithRecoveryCode': () => {
        state = status('recovery')
        return ok({ admins: [ADMIN] })
      },
      'auth.resetAdminPassword': () => {
        state = status('unlocked')
        return ok(state)
      },
    })
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: '忘记密码？使用恢复码' }))
    const code = screen.getByRole('textbox', { name: /恢复码/ })
    expect(document.activeElement).toBe(code)

    await user.type(code, '7K3QD-M2ZXA{Enter}')
    expect(await screen.findByText('恢复码格式不正确：应为 6 组、每组 5 个字符')).toBeTruthy()
    expect(core.payloadsOf('auth.unlockWithRecoveryCode')).toEqual([])

    await user.clear(code)
    await user.type(code, '7k3qd m2zxa 9pw4t hb6re c0v8n j5yfg{Enter}')
    await screen.findByRole('heading', { name: '重设管理员密码' })
    expect(core.payloadsOf('auth.unlockWithRecoveryCode')).toEqual([
      { recoveryCode: '7k3qd m2zxa 9pw4t hb6re c0v8n j5yfg' },
    ])

    await user.type(screen.getByLabelText(/^新密码/), 'Bund-Harbour-88')
    await user.type(screen.getByLabelText(/^再次输入新密码/), 'Bund-Harbour-88{Enter}')
    await screen.findByRole('navigation', { name: '主导航' })
    expect(core.payloadsOf('auth.resetAdminPassword')).toEqual([
      { userId: ADMIN.id, newPassword: 'Bund-Harbour-88' },
    ])
  })

  it('locks a recovery session whose admin list this window never saw', async () => {
    let state = status('recovery')
    const core = installFakeConcord({
      'app.status': () => ok(state),
      'auth.lock': () => {
        state = status('locked')
        return ok(state)
      },
    })
    renderApp()
    await screen.findByRole('heading', { name: '登录' })
    expect(core.payloadsOf('auth.lock')).toHaveLength(1)
  })
})
