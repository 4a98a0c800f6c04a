import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core/router'
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/contract'
import { zhCN as zh } from '../../src/shared/i18n/zh-CN'
import { tempDir } from '../support/core'
import {
  E2E,
  callCore,
  launchChromium,
  openWindow,
  screenshot,
  serveRenderer,
  startCore,
  setUpOrganization,
} from '../support/e2e'

/**
 * The audit trail end to end: a mediator opens a case and changes it in the window; the
 * supervisor signs in, finds both in the trail with the before and after, and verifies the chain.
 */
const OWN = E2E.ownPassword
const SUPERVISOR = { login: 'sima', displayName: '司马主管', role: 'supervisor' as const }
const MEDIATOR = { login: 'zhuge', displayName: '诸葛调解', role: 'mediator' as const }

let data: ReturnType<typeof tempDir>
let server: Awaited<ReturnType<typeof serveRenderer>>
let core: Core
let browser: Browser
let page: Page
let caseFile: ChannelOutput<'cases.create'>

const call = <C extends Channel>(channel: C, payload?: ChannelInput<C>) =>
  callCore(core, channel, payload)

beforeAll(async () => {
  data = tempDir('concord-e2e-audit-')
  server = await serveRenderer()
  core = startCore(data.dir)
  const mediatorId = (await setUpOrganization(core, [SUPERVISOR, MEDIATOR]))[MEDIATOR.login] ?? ''
  caseFile = await call('cases.create', {
    source: 'application',
    summary: '邻里噪声纠纷，双方同意调解',
    district: 'changning',
    street: '江苏路街道',
    leadMediatorId: mediatorId,
    coMediatorIds: [],
    riskLevel: 'medium',
    acceptedAt: '2026-11-20',
    details: { category: 'owners', estate: '江苏路花园' },
  })
  await call('auth.lock')
  browser = await launchChromium()
  ;({ page } = await openWindow(browser, core, server.url))
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await core?.close()
  await server?.close()
  data?.remove()
})

async function signIn(p: Page, login: string) {
  await p.getByLabel(zh.login.login).waitFor({ timeout: 30_000 })
  await p.getByLabel(zh.login.login).fill(login)
  await p.getByLabel(zh.login.password, { exact: true }).fill(OWN)
  await p.getByRole('button', { name: zh.login.submit }).click()
}

async function lock(p: Page) {
  await p.getByRole('button', { name: zh.user.menu }).click()
  await p.getByRole('menuitem', { name: zh.user.lockNow }).click()
  await p.getByRole('button', { name: zh.login.submit }).waitFor({ timeout: 30_000 })
}

describe('the audit trail', () => {
  it('shows who viewed and changed a case, with before and after, and verifies', async () => {
    await signIn(page, MEDIATOR.login)
    await page.goto(`${server.url}#/cases/${caseFile.id}`)
    await page
      .getByRole('heading', { level: 2, name: caseFile.number })
      .waitFor({ timeout: 30_000 })
    await page.getByRole('tab', { name: zh.caseFile.tab.file }).click()
    const box = page.getByRole('checkbox', { name: zh.workflow.document.application })
    await box.click()
    await expect.poll(() => box.isChecked(), { timeout: 30_000 }).toBe(true)
    await lock(page)

    await signIn(page, SUPERVISOR.login)
    await page.getByRole('link', { name: zh.nav.audit }).click({ timeout: 30_000 })
    const table = page.getByTestId('audit-table')
    await table.waitFor({ timeout: 30_000 })
    await page.getByLabel(zh.audit.filter.caseNumber).fill(caseFile.number.slice(-5))
    const rows = table.getByTestId('audit-row')
    await expect
      .poll(() => rows.filter({ hasText: zh.audit.actions.checklist.set }).count(), {
        timeout: 30_000,
      })
      .toBe(1)
    // The supervisor's own look at the trail is not about this case; the mediator's work is.
    await expect
      .poll(() => rows.filter({ hasText: MEDIATOR.displayName }).count())
      .toBeGreaterThan(2)
    expect(await rows.filter({ hasText: zh.audit.actions.cases.get }).count()).toBeGreaterThan(0)
    expect(await rows.filter({ hasText: zh.audit.actions.cases.create }).count()).toBe(1)
    await screenshot(page, '60-audit-trail')

    await rows
      .filter({ hasText: zh.audit.actions.checklist.set })
      .getByRole('button', { name: zh.audit.actions.checklist.set })
      .click()
    const drawer = page.getByRole('dialog')
    const changes = drawer.getByTestId('audit-changes')
    await changes.waitFor()
    const present = changes.getByRole('row', { name: /checklist\[application\]\.present/ })
    await expect
      .poll(() => present.innerText())
      .toMatch(new RegExp(`${zh.common.no}\\s+${zh.common.yes}`))
    // The drawer slides in; the picture is of where it stops.
    await page.waitForTimeout(600)
    await screenshot(page, '61-audit-entry')
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: zh.audit.verify.button }).click()
    const intact = page.getByText(/^哈希链完整，已检查 \d+ 条记录。$/)
    await intact.waitFor({ timeout: 30_000 })
    const checked = Number(/(\d+)/.exec(await intact.innerText())?.[1])
    expect(checked).toBeGreaterThan(10)
    await screenshot(page, '62-audit-verified')
  }, 180_000)
})
