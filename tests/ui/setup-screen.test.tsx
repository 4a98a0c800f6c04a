import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { installFakeConcord, ok, refuse, renderApp, status } from './harness'

const CODE = '7K3QD-M2ZXA-9PW4T-HB6RE-C0V8N-J5YFG'

function fakeFirstRun() {
  let state = status('uninitialized')
  return installFakeConcord({
    'app.status': () => ok(state),
    'setup.begin': () => ok({ recoveryCode: CODE, confirmGroups: [1, 4] }),
    'setup.complete': ({ confirmation }) => {
      if (confirmation[0] !== 'M2ZXA' || confirmation[1]?.toUpperCase() !== 'C0V8N') {
        return refuse('RECOVERY_CONFIRMATION_MISMATCH')
      }
      state = status('unlocked')
      return ok(state)
    },
  })
}

describe('first-run setup', () => {
  it('walks organization → administrator → recovery code and sends what was entered', async () => {
    const core = fakeFirstRun()
    const { user } = renderApp()

    const orgName = await screen.findByRole('textbox', { name: /机构名称/ })
    expect(document.activeElement).toBe(orgName)
    await user.click(screen.getByRole('button', { name: '下一步' }))
    expect(await screen.findByText('请输入 2–80 个字的机构名称')).toBeTruthy()

    await user.type(orgName, '浦江测试人民调解委员会')
    await user.click(screen.getByRole('radio', { name: '其他调解组织（社会组织）' }))
    await user.keyboard('{Tab}')
    await user.click(screen.getByRole('button', { name: '下一步' }))

    const name = await screen.findByRole('textbox', { name: /管理员姓名/ })
    expect(document.activeElement).toBe(name)
    await user.type(name, '欧阳明远')
    await user.type(screen.getByRole('textbox', { name: /登录名/ }), 'ouyang')
    await user.type(screen.getByLabelText(/^密码\s*\*?$/), 'Qingshan-Lu-2026')
    await user.type(screen.getByLabelText(/^再次输入密码\s*\*?$/), 'Qingshan-Lu-2026{Enter}')

    const code = await screen.findByTestId('recovery-code')
    expect(code.textContent).toBe(CODE)
    expect(core.payloadsOf('setup.begin')).toEqual([
      {
        orgName: '浦江测试人民调解委员会',
        orgCapacity: 'other_mediation_org',
        admin: { displayName: '欧阳明远', login: 'ouyang', password: 'Qingshan-Lu-2026' },
      },
    ])

    const next = screen.getByRole('button', { name: '下一步' })
    expect(next).toHaveProperty('disabled', true)
    await user.click(screen.getByRole('checkbox', { name: '我已将恢复码抄写并妥善保存' }))
    await user.click(next)

    // The code is hidden while the user proves they copied it; groups are named 1-based.
    expect(screen.queryByTestId('recovery-code')).toBeNull()
    expect(screen.getByText('为确认已保存，请输入恢复码的第 2 组和第 5 组：')).toBeTruthy()
    const second = screen.getByRole('textbox', { name: '第 2 组' })
    expect(document.activeElement).toBe(second)
    await user.type(second, 'M2ZXA')
    await user.type(screen.getByRole('textbox', { name: '第 5 组' }), 'c0v8x{Enter}')
    expect((await screen.findByRole('alert')).textContent).toContain(
      '输入的恢复码分组与显示的不一致，请核对抄写内容。',
    )

    await user.clear(screen.getByRole('textbox', { name: '第 5 组' }))
    await user.type(screen.getByRole('textbox', { name: '第 5 组' }), 'c0v8n')
    await user.click(screen.getByRole('button', { name: '完成设置并登录' }))

    await screen.findByRole('navigation', { name: '主导航' })
    expect(core.payloadsOf('setup.complete')).toEqual([
      { confirmation: ['M2ZXA', 'c0v8x'] },
      { confirmation: ['M2ZXA', 'c0v8n'] },
    ])
  })

  it('checks the password rules live as the administrator types', async () => {
    fakeFirstRun()
    const { user } = renderApp()
    await user.type(
      await screen.findByRole('textbox', { name: /机构名称/ }),
      '某某调解委员会{Enter}',
    )
    await user.type(await screen.findByRole('textbox', { name: /登录名/ }), 'ouyang')

    const rules = screen.getByRole('list', { name: '密码要求' })
    const rule = (text: string) => within(rules).getByText(text).closest('li')?.textContent
    const password = screen.getByLabelText(/^密码\s*\*?$/)
    expect(rule('至少 10 个字符')).toContain('未满足：')

    await user.type(password, 'ouyang')
    expect(rule('至少 10 个字符')).toContain('未满足：')
    expect(rule('不能包含登录名')).toContain('未满足：')
    expect(rule('至少包含两类字符（小写字母、大写字母、数字、符号）')).toContain('未满足：')

    await user.clear(password)
    await user.type(password, 'Qingshan-Lu-2026')
    for (const item of within(rules).getAllByRole('listitem')) {
      expect(item.textContent).toContain('已满足：')
    }

    await user.click(screen.getByRole('button', { name: '生成恢复码' }))
    expect(await screen.findByText('两次输入的密码不一致')).toBeTruthy()
  })

  it('shows the core refusing a setup as a localized alert', async () => {
    installFakeConcord({
      'app.status': () => ok(status('uninitialized')),
      'setup.begin': () => refuse('ALREADY_INITIALIZED'),
    })
    const { user } = renderApp()
    await user.type(
      await screen.findByRole('textbox', { name: /机构名称/ }),
      '某某调解委员会{Enter}',
    )
    await user.type(await screen.findByRole('textbox', { name: /管理员姓名/ }), '欧阳明远')
    await user.type(screen.getByRole('textbox', { name: /登录名/ }), 'ouyang')
    await user.type(screen.getByLabelText(/^密码\s*\*?$/), 'Qingshan-Lu-2026')
    await user.type(screen.getByLabelText(/^再次输入密码\s*\*?$/), 'Qingshan-Lu-2026{Enter}')
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('案件库已经建立，不能重复设置。'),
    )
  })
})
