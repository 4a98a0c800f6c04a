import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core/router'
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/contract'
import { zhCN as zh } from '../../src/shared/i18n/zh-CN'
import { tempDir } from '../support/core'
import { launchChromium, openWindow, screenshot, serveRenderer, startCore } from '../support/e2e'

/**
 * Issue 4, accounts: the administrator creates a mediator and a supervisor on the 账户 page;
 * the mediator signs in with the temporary password and must choose their own; the
 * administrator disables the supervisor and rotates the key, after which the mediator still
 * signs in. Real core in the built worker, built renderer in Chromium.
 */
const ADMIN = { displayName: '欧阳管理', login: 'admin', password: 'Jiangsu-Road-2026' }
const TEMP = 'Linshi-Kouling-2026'
const OWN = 'Changning-Park-88'

let data: ReturnType<typeof tempDir>
let server: Awaited<ReturnType<typeof serveRenderer>>
let core: Core
let browser: Browser
let page: Page

async function call<C extends Channel>(
  channel: C,
  payload?: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await core.handle({ channel, payload })
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`)
  return result.value as ChannelOutput<C>
}

beforeAll(async () => {
  data = tempDir('concord-e2e-accounts-')
  server = await serveRenderer()
  core = startCore(data.dir)
  const { recoveryCode, confirmGroups } = await call('setup.begin', {
    orgName: '长宁区江苏路街道人民调解委员会',
    orgCapacity: 'people_mediation_committee',
    admin: ADMIN,
  })
  const groups = recoveryCode.split('-')
  await call('setup.complete', {
    confirmation: [groups[confirmGroups[0]]!, groups[confirmGroups[1]]!],
  })
  browser = await launchChromium()
  ;({ page } = await openWindow(browser, core, server.url))
  await page.getByRole('link', { name: zh.nav.accounts }).waitFor({ timeout: 30_000 })
})

afterAll(async () => {
  await browser?.close()
  await core?.close()
  await server?.close()
  data?.remove()
})

async function lock(p: Page) {
  await p.getByRole('button', { name: /的账户菜单$/ }).click()
  await p.getByRole('menuitem', { name: zh.user.lockNow }).click()
  await p.getByRole('button', { name: zh.login.submit }).waitFor({ timeout: 30_000 })
}

async function signIn(p: Page, login: string, password: string) {
  await p.getByLabel(zh.login.login).fill(login)
  await p.getByLabel(zh.login.password, { exact: true }).fill(password)
  await p.getByRole('button', { name: zh.login.submit }).click()
}

async function addAccount(p: Page, account: { name: string; login: string; role: string }) {
  await p.getByRole('button', { name: zh.accounts.add }).click()
  const dialog = p.getByRole('dialog', { name: zh.accounts.create.title })
  await dialog.getByLabel(zh.accounts.form.name).fill(account.name)
  await dialog.getByLabel(zh.accounts.form.login).fill(account.login)
  await dialog.getByLabel(zh.accounts.form.role, { exact: true }).first().click()
  await p.getByRole('option', { name: account.role, exact: true }).click()
  await dialog.getByLabel(zh.accounts.form.temporary, { exact: true }).fill(TEMP)
  await dialog.getByLabel(zh.accounts.form.temporaryRepeat).fill(TEMP)
  await dialog.getByRole('button', { name: zh.accounts.create.submit }).click()
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 })
  await p.getByRole('cell', { name: account.login, exact: true }).waitFor()
}

const table = (p: Page) => p.getByTestId('accounts-table')

describe('accounts', () => {
  it('the administrator adds a mediator and a supervisor', async () => {
    await page.getByRole('link', { name: zh.nav.accounts }).click()
    await table(page).waitFor()
    await addAccount(page, { name: '诸葛调解', login: 'zhuge', role: zh.user.role.mediator })
    await addAccount(page, { name: '司马主管', login: 'sima', role: zh.user.role.supervisor })
    const rows = await table(page).getByRole('row').allInnerTexts()
    expect(rows.map((row) => row.replace(/\s+/g, ' '))).toEqual([
      expect.stringContaining(zh.accounts.column.name),
      expect.stringMatching(/^欧阳管理 本人 admin 管理员 启用 /),
      expect.stringMatching(/^司马主管 sima 主管 待本人设置密码 /),
      expect.stringMatching(/^诸葛调解 zhuge 调解员 待本人设置密码 /),
    ])
    await screenshot(page, 'accounts-01-list')
    await page.getByRole('button', { name: zh.accounts.add }).click()
    await page.getByRole('dialog', { name: zh.accounts.create.title }).waitFor()
    await page.getByLabel(zh.accounts.form.temporary, { exact: true }).fill('linshi')
    // Past the modal's opening transition.
    await page.waitForTimeout(400)
    await screenshot(page, 'accounts-02-add-dialog')
    await page.getByRole('button', { name: zh.common.cancel }).click()
  })

  it('the mediator signs in with the temporary password and must choose their own', async () => {
    await lock(page)
    await signIn(page, 'zhuge', TEMP)
    const dialog = page.getByRole('dialog', { name: zh.changePassword.title })
    await dialog.waitFor({ timeout: 30_000 })
    await expect.poll(() => dialog.getByText(zh.changePassword.required).isVisible()).toBe(true)
    // No way around it: the dialog has no close button.
    expect(await dialog.getByRole('button', { name: zh.common.cancel }).count()).toBe(0)
    await screenshot(page, 'accounts-03-must-change')
    await dialog.getByLabel(zh.changePassword.current).fill(TEMP)
    await dialog.getByLabel(zh.changePassword.next, { exact: true }).fill(OWN)
    await dialog.getByLabel(zh.changePassword.repeat).fill(OWN)
    await dialog.getByRole('button', { name: zh.common.save }).click()
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 })
    const status = await call('app.status')
    expect(status.session).toMatchObject({ user: { login: 'zhuge' }, mustChangePassword: false })
  })

  it('the administrator disables the supervisor and rotates the key', async () => {
    await lock(page)
    await signIn(page, ADMIN.login, ADMIN.password)
    await page.getByRole('link', { name: zh.nav.accounts }).click()
    await table(page)
      .getByRole('group', { name: '司马主管 的操作' })
      .getByRole('button', { name: zh.accounts.action.disable })
      .click()
    await page
      .getByRole('dialog', { name: '停用账户：司马主管' })
      .getByRole('button', { name: zh.accounts.disable.submit })
      .click()
    const offer = page.getByRole('dialog', { name: '已停用 司马主管' })
    await offer.waitFor({ timeout: 30_000 })
    await screenshot(page, 'accounts-04-rotation-offer')
    await offer.getByRole('button', { name: zh.accounts.disable.rotateNow }).click()

    const rotation = page.getByRole('dialog', { name: zh.accounts.rotation.title })
    await rotation.getByLabel(zh.accounts.rotation.password).fill(ADMIN.password)
    await rotation.getByRole('button', { name: zh.accounts.rotation.start }).click()
    await rotation.getByText('已更换为第 2 代密钥', { exact: false }).waitFor({ timeout: 60_000 })
    await screenshot(page, 'accounts-05-rotation-done')
    await rotation.getByRole('button', { name: zh.accounts.rotation.close }).click()
    await rotation.waitFor({ state: 'hidden' })
    await expect
      .poll(() => table(page).getByText(zh.accounts.state.disabled).isVisible())
      .toBe(true)
    await screenshot(page, 'accounts-06-after')
  })

  it('after the rotation the mediator still signs in, the disabled supervisor does not', async () => {
    await lock(page)
    await signIn(page, 'sima', TEMP)
    await expect
      .poll(() => page.getByText(zh.errors.WRONG_CREDENTIALS).isVisible(), { timeout: 30_000 })
      .toBe(true)
    await signIn(page, 'zhuge', OWN)
    await page.getByRole('link', { name: zh.cases.new }).waitFor({ timeout: 30_000 })
    const status = await call('app.status')
    expect(status.session?.user).toMatchObject({ login: 'zhuge', role: 'mediator' })
  })
})
