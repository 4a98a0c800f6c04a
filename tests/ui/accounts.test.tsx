import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../src/shared/errors'
import { zhCN as zh } from '../../src/shared/i18n/zh-CN'
import type { Account, KeyRotation, Role, Status } from '../../src/shared/schemas/account'
import { ADMIN, installFakeConcord, ok, refuse, renderApp, status } from './harness'

const CREATED = '2026-11-24T16:30:00.000Z' // 2026-11-25 00:30 in Shanghai
const ACCOUNTS: Account[] = [
  { ...ADMIN, disabled: false, mustChangePassword: false, createdAt: CREATED },
  {
    id: 'u2',
    login: 'tiaojie',
    displayName: '诸葛调解',
    role: 'mediator',
    disabled: false,
    mustChangePassword: false,
    createdAt: CREATED,
  },
  {
    id: 'u3',
    login: 'likai',
    displayName: '李凯',
    role: 'supervisor',
    disabled: true,
    mustChangePassword: false,
    createdAt: CREATED,
  },
]
const ROTATION: KeyRotation = {
  generation: 2,
  slots: 3,
  steps: [
    { step: 'keyring', ms: 12 },
    { step: 'rekey', ms: 340 },
    { step: 'verify', ms: 25 },
    { step: 'copies', ms: 0 },
    { step: 'finish', ms: 9 },
  ],
}

function signedIn(role: Role = 'admin'): Status {
  const { session } = status('unlocked')
  return status('unlocked', { session: session && { ...session, user: { ...ADMIN, role } } })
}

function openAccounts(
  options: { role?: Role; rotate?: () => Promise<Result<KeyRotation>> | Result<KeyRotation> } = {},
) {
  let accounts = [...ACCOUNTS]
  return installFakeConcord({
    'app.status': () => ok(signedIn(options.role)),
    'app.activity': () => ok(null),
    'users.accounts': () => ok(accounts),
    'users.create': (input) => {
      accounts = [
        ...accounts,
        {
          id: 'u4',
          login: input.login,
          displayName: input.displayName,
          role: input.role,
          disabled: false,
          mustChangePassword: true,
          createdAt: CREATED,
        },
      ]
      return ok({ id: 'u4', displayName: input.displayName, role: input.role })
    },
    'users.disable': ({ userId }) => {
      accounts = accounts.map((a) => (a.id === userId ? { ...a, disabled: true } : a))
      return ok(accounts.find((a) => a.id === userId)!)
    },
    'keys.rotate': options.rotate ?? (() => ok(ROTATION)),
  })
}

async function goToAccounts() {
  window.location.hash = '#/accounts'
  const app = renderApp()
  await app.user.click(await screen.findByRole('link', { name: zh.nav.accounts }))
  return app
}

describe('accounts screen', () => {
  it('lists every account with its role, state and creation date in Shanghai time', async () => {
    openAccounts()
    await goToAccounts()
    const table = await screen.findByTestId('accounts-table')
    const rows = within(table).getAllByRole('row')
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('姓名'),
      expect.stringMatching(/欧阳明远本人ouyang管理员启用2026年11月25日编辑$/),
      expect.stringMatching(/诸葛调解tiaojie调解员启用2026年11月25日.*重置密码停用$/),
      expect.stringMatching(/李凯likai主管已停用.*重新启用$/),
    ])
    expect(screen.getByText(/另建一个调解员账户/)).toBeTruthy()
  })

  it('adds an account with a temporary password that follows the rules', async () => {
    const core = openAccounts()
    const { user } = await goToAccounts()
    await user.click(await screen.findByRole('button', { name: zh.accounts.add }))
    const dialog = await screen.findByRole('dialog', { name: zh.accounts.create.title })
    await user.type(within(dialog).getByLabelText(zh.accounts.form.name), '王芳')
    await user.type(
      within(dialog).getByLabelText(zh.accounts.form.login, { exact: false }),
      'WangFang',
    )
    await user.click(within(dialog).getByLabelText(zh.accounts.form.role, { selector: 'input' }))
    await user.click(await screen.findByRole('option', { name: zh.user.role.supervisor }))
    const temporary = within(dialog).getByLabelText(zh.accounts.form.temporary, { exact: true })
    await user.type(temporary, 'short')
    await user.type(within(dialog).getByLabelText(zh.accounts.form.temporaryRepeat), 'short')
    await user.click(within(dialog).getByRole('button', { name: zh.accounts.create.submit }))
    expect(core.payloadsOf('users.create')).toEqual([])
    expect(within(dialog).getByTestId('password-rules')).toBeTruthy()

    await user.clear(temporary)
    await user.type(temporary, 'Linshi-Kouling-2026')
    const repeat = within(dialog).getByLabelText(zh.accounts.form.temporaryRepeat)
    await user.clear(repeat)
    await user.type(repeat, 'Linshi-Kouling-2026')
    await user.click(within(dialog).getByRole('button', { name: zh.accounts.create.submit }))
    await waitFor(() =>
      expect(core.payloadsOf('users.create')).toEqual([
        {
          displayName: '王芳',
          login: 'WangFang',
          role: 'supervisor',
          temporaryPassword: 'Linshi-Kouling-2026',
        },
      ]),
    )
    const table = await screen.findByTestId('accounts-table')
    expect(await within(table).findByText('王芳')).toBeTruthy()
  })

  it('disables after confirmation, then offers the key rotation and shows its steps', async () => {
    let answer: (result: Result<KeyRotation>) => void = () => undefined
    const core = openAccounts({ rotate: () => new Promise((done) => (answer = done)) })
    const { user } = await goToAccounts()
    const row = within(await screen.findByTestId('accounts-table')).getByRole('group', {
      name: '诸葛调解 的操作',
    })
    await user.click(within(row).getByRole('button', { name: zh.accounts.action.disable }))
    const confirm = await screen.findByRole('dialog', { name: '停用账户：诸葛调解' })
    await user.click(within(confirm).getByRole('button', { name: zh.accounts.disable.submit }))
    await waitFor(() => expect(core.payloadsOf('users.disable')).toEqual([{ userId: 'u2' }]))
    const offer = await screen.findByRole('dialog', { name: '已停用 诸葛调解' })
    await user.click(within(offer).getByRole('button', { name: zh.accounts.disable.rotateNow }))

    const rotation = await screen.findByRole('dialog', { name: zh.accounts.rotation.title })
    await user.type(
      within(rotation).getByLabelText(zh.accounts.rotation.password, { exact: false }),
      'Qingshan-Lu-2026',
    )
    await user.click(within(rotation).getByRole('button', { name: zh.accounts.rotation.start }))
    // While the core works: an indeterminate bar and the planned steps, and no way to close.
    expect(
      await within(rotation).findByText(zh.accounts.rotation.running, { exact: false }),
    ).toBeTruthy()
    expect(within(rotation).getByRole('progressbar')).toBeTruthy()
    const steps = within(rotation).getByTestId('rotation-steps')
    expect(
      within(steps)
        .getAllByRole('listitem')
        .map((item) => item.getAttribute('data-done')),
    ).toEqual(['false', 'false', 'false', 'false', 'false'])
    expect(within(rotation).queryByRole('button', { name: zh.accounts.rotation.close })).toBeNull()

    answer(ok(ROTATION))
    expect(
      await within(rotation).findByText('已更换为第 2 代密钥，3 个密钥槽已重新封装。'),
    ).toBeTruthy()
    expect(
      within(steps)
        .getAllByRole('listitem')
        .map((item) => item.getAttribute('data-done')),
    ).toEqual(['true', 'true', 'true', 'true', 'true'])
    expect(within(steps).getByText('340 毫秒')).toBeTruthy()
    expect(core.payloadsOf('keys.rotate')).toEqual([{ password: 'Qingshan-Lu-2026' }])
  })

  it('says so next to the field when the password is wrong', async () => {
    openAccounts({ rotate: () => refuse('WRONG_CREDENTIALS') })
    const { user } = await goToAccounts()
    await user.click(await screen.findByRole('button', { name: zh.accounts.rotate }))
    const rotation = await screen.findByRole('dialog', { name: zh.accounts.rotation.title })
    await user.type(
      within(rotation).getByLabelText(zh.accounts.rotation.password, { exact: false }),
      'wrong',
    )
    await user.click(within(rotation).getByRole('button', { name: zh.accounts.rotation.start }))
    expect(await within(rotation).findByText(zh.changePassword.wrongCurrent)).toBeTruthy()
  })

  it('is not offered to other roles: the address leads to their first page instead', async () => {
    const core = openAccounts({ role: 'supervisor' })
    window.location.hash = '#/accounts'
    renderApp()
    const nav = await screen.findByRole('navigation')
    expect(within(nav).queryByRole('link', { name: zh.nav.accounts })).toBeNull()
    await waitFor(() => expect(window.location.hash).toBe('#/cases'))
    expect(core.payloadsOf('users.accounts')).toEqual([])
  })
})
