import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Status } from '../../src/shared/schemas/account'
import { ADMIN, installFakeConcord, ok, renderApp, status } from './harness'

const SETTINGS = {
  orgName: '浦江测试人民调解委员会',
  orgCapacity: 'people_mediation_committee' as const,
  idleLockMinutes: 10,
  caseNumberPattern: '〔{year}〕{abbr}调字第{seq}号',
}
const YEAR = new Date().getFullYear()

function signedIn(role: 'admin' | 'mediator' = 'admin'): Status {
  const { session } = status('unlocked')
  return status('unlocked', { session: session && { ...session, user: { ...ADMIN, role } } })
}

function openSettings(role: 'admin' | 'mediator' = 'admin') {
  return installFakeConcord({
    'app.status': () => ok(signedIn(role)),
    'app.activity': () => ok(null),
    'settings.get': () => ok(SETTINGS),
    'settings.update': (patch) => ok({ ...SETTINGS, ...patch }),
  })
}

describe('case-number pattern setting', () => {
  it('previews the pattern as it is typed and saves only the changed field', async () => {
    const core = openSettings()
    const { user } = renderApp()
    await user.click(await screen.findByRole('link', { name: '设置' }))
    const pattern = await screen.findByRole('textbox', { name: '案号格式' })
    const preview = screen.getByTestId('case-number-preview')
    expect(preview.textContent).toBe(`示例：〔${YEAR}〕家调字第0001号`)

    await user.clear(pattern)
    // userEvent reads { as a key descriptor: {{ types one brace.
    await user.type(pattern, '沪黄{{abbr}〔{{year}〕{{seq}')
    expect(preview.textContent).toBe(`示例：沪黄家〔${YEAR}〕0001`)
    await user.click(screen.getByRole('button', { name: '保存' }))
    await screen.findByText('已保存')
    expect(core.payloadsOf('settings.update')).toEqual([
      { caseNumberPattern: '沪黄{abbr}〔{year}〕{seq}' },
    ])
  })

  it('refuses a pattern without the sequence number or the year', async () => {
    const core = openSettings()
    const { user } = renderApp()
    await user.click(await screen.findByRole('link', { name: '设置' }))
    const pattern = await screen.findByRole('textbox', { name: '案号格式' })
    const save = screen.getByRole('button', { name: '保存' })

    await user.clear(pattern)
    await user.type(pattern, '{{year}-{{abbr}')
    await user.click(save)
    expect(await screen.findByText('案号格式须包含且只包含一次 {seq}（序号）')).toBeTruthy()

    await user.clear(pattern)
    await user.type(pattern, '{{abbr}{{seq}')
    await user.click(save)
    expect(await screen.findByText('案号格式须包含 {year}（年份）')).toBeTruthy()
    await waitFor(() => expect(core.payloadsOf('settings.update')).toEqual([]))
  })

  it('shows the pattern read-only to a mediator', async () => {
    openSettings('mediator')
    const { user } = renderApp()
    await user.click(await screen.findByRole('link', { name: '设置' }))
    const pattern = await screen.findByRole('textbox', { name: '案号格式' })
    expect(pattern).toHaveProperty('readOnly', true)
  })
})
